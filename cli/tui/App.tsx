/**
 * The TUI as a pure component: everything it touches (store, identity, clock, state folder,
 * colour, the external editor) comes in as props, so tests render it against a real store in a
 * temp folder. The screens live in their own files; this file routes between them.
 */
import { existsSync } from 'node:fs';
import { Box, type Key, useApp, useStdin } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ThreadStore } from '../../core/index.js';
import { handoffTargets, toListRow, withEntryId } from '../../core/index.js';
import { Composer } from './Composer.js';
import { isDirty } from './draft.js';
import { Footer, type Notice, type Screen } from './Footer.js';
import { describeError } from './format.js';
import { Help } from './Help.js';
import { type ListItem, type ListView, initialListView } from './list-view.js';
import { Loading } from './Loading.js';
import { type Route, threadRoute, topicOf } from './route.js';
import { ThreadList } from './ThreadList.js';
import { layoutThread } from './thread-lines.js';
import { sideways } from './sideways.js';
import { READING, ThreadView, type ViewMode } from './ThreadView.js';
import { ColorContext } from './theme.js';
import { TopBar } from './TopBar.js';
import { type ExternalEditor, useCompose } from './use-compose.js';
import { useConfig } from './use-config.js';
import { useDrafts } from './use-drafts.js';
import { KeyRouterContext, useKeyRouter } from './use-keys.js';
import { useListActions } from './use-list-actions.js';
import { useSize } from './use-size.js';
import { useSyncState } from './use-sync-state.js';
import { summaryKey, useThread, useThreads } from './use-threads.js';
import { useUnread } from './use-unread.js';
import { useVisibleRows } from './use-visible-rows.js';
import { useWrites } from './use-writes.js';

export interface Props {
  store: ThreadStore;
  /** Who is using the TUI, as an agent name: `Name (user)`. */
  me: string;
  /** The user's state folder for unread state and drafts (null: keep them in memory). */
  stateDir: string | null;
  now?: () => Date;
  /** False when NO_COLOR is set (or colour is otherwise unwanted). */
  color?: boolean;
  /** Poll interval in ms (default: 2 s for remote stores, 10 s beside the folder watch). */
  pollMs?: number;
  /** Ctrl+G in the composer: the body in `$EDITOR` (absent: the key says it is not available). */
  editor?: ExternalEditor;
}

export function App(props: Props) {
  const { store, me, stateDir, now = () => new Date(), color = true, pollMs } = props;
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { width, height: rows } = useSize();
  // One row short of the terminal: ink clears the whole screen on every frame that fills it.
  const height = Math.max(6, rows - 1);
  const local = store.info.kind === 'local';
  const live = useThreads(store, {
    pollMs: pollMs ?? (local ? 10_000 : 2_000),
    watchDir: local ? store.info.location : null,
  });
  const location = `${store.info.kind}:${store.info.location}`;
  const unread = useUnread(stateDir, location);
  const drafts = useDrafts(stateDir, location);
  const config = useConfig(store);
  const interceptRef = useRef<(input: string, key: Key) => boolean>(() => false);
  const { router, hold } = useKeyRouter(isRawModeSupported, (i, k) => interceptRef.current(i, k));
  const [route, setRouteNow] = useState<Route>({ kind: 'list' });
  const [helpOpen, setHelpNow] = useState(false);
  // A new screen: the keys typed meanwhile wait for it instead of reaching the old one.
  const setRoute = (r: Route) => {
    hold();
    setRouteNow(r);
  };
  const setHelpOpen = (open: boolean) => {
    hold();
    setHelpNow(open);
  };
  const listView = useSyncState<ListView>(initialListView);
  const viewMode = useSyncState<ViewMode>(READING);
  // Bumped after each write of ours: the view then scrolls to show the entry it added.
  const [follow, setFollow] = useState(0);

  const items: ListItem[] = useMemo(
    () =>
      (live.summaries ?? []).map((s) => ({
        ...toListRow(s, me, config.registry),
        unread: Math.max(0, s.entry_count - unread.seen(s.topic)),
      })),
    [live.summaries, me, config.registry, unread.seen],
  );
  const rowsFor = useVisibleRows();
  const shownRows = rowsFor(items, listView.value);

  const openTopic = topicOf(route);
  const openSummary = live.summaries?.find((s) => s.topic === openTopic);
  const thread = useThread(store, openTopic, summaryKey(openSummary));
  const entryCount = thread.snapshot?.thread.entries.length ?? 0;
  // Whatever is on screen is read: on open and as entries arrive.
  useEffect(() => {
    if (openTopic !== null && thread.snapshot !== null) unread.markSeen(openTopic, entryCount);
  }, [openTopic, thread.snapshot, entryCount, unread]);

  const writes = useWrites(store, () => {
    setFollow((n) => n + 1);
    void live.refresh();
    thread.reload();
  });
  const compose = useCompose({
    store,
    me,
    drafts,
    writes,
    route,
    setRoute,
    summaries: live.summaries,
    editor: props.editor,
    afterSend: () => viewMode.set(READING),
  });
  const list = useListActions(store, live, unread, listView, writes, now);
  const quit = () => {
    drafts.flush();
    exit();
  };
  const draftSlot = drafts.slot(route.kind === 'compose' ? route.key : '\u0000');

  // Ctrl+C: quits at once, except over a draft, which asks first (the draft is saved either way).
  const intercept = (input: string, key: Key): boolean => {
    writes.age();
    if (!(key.ctrl && input === 'c')) return false;
    const d = draftSlot.get();
    if (route.kind === 'compose' && isDirty(d) && d !== null && d.confirm !== 'quit') {
      draftSlot.set({ ...d, confirm: 'quit' });
      return true;
    }
    quit();
    return true;
  };
  interceptRef.current = intercept;

  const targets = useMemo(
    () =>
      thread.snapshot === null || config.registry === undefined
        ? []
        : handoffTargets(thread.snapshot.thread, me, config.registry, config.defaultBall),
    [thread.snapshot, me, config.registry, config.defaultBall],
  );
  const preview = useMemo(() => {
    if (thread.snapshot === null || route.kind !== 'compose') return [];
    const layout = layoutThread(thread.snapshot, width, me, config.registry, null, color);
    // Wide code and tables end in "›" here too (the preview does not scroll sideways).
    return layout.lines.slice(layout.entryStarts.at(-1) ?? 0).map((l) => sideways(l, 0, width));
  }, [thread.snapshot, route.kind, width, me, config.registry, color]);
  const emptyReason = useMemo(
    () =>
      local && live.summaries?.length === 0 && !existsSync(store.info.location)
        ? `The folder ${store.info.location} does not exist. Check the path (--threads-dir); N starts a first thread there, which creates it.`
        : null,
    [local, live.summaries, store.info.location],
  );

  const screen: Screen = helpOpen
    ? 'help'
    : route.kind === 'compose'
      ? 'compose'
      : route.kind === 'thread'
        ? viewMode.value.kind === 'read'
          ? viewMode.value.find === null
            ? 'thread'
            : 'found'
          : viewMode.value.kind
        : listView.value.editingQuery
          ? 'search'
          : 'list';
  const shownNotice = noticeOf(writes.notice, live.error, unread.error ?? drafts.error);
  const footerRows = Footer.rowsFor(shownNotice, width, height);
  const bodyHeight = height - 1 - footerRows;
  const input = isRawModeSupported && !helpOpen;
  const back = () => {
    writes.setNotice(null);
    setRoute({ kind: 'list' });
  };

  const body = () => {
    if (helpOpen)
      return (
        <Help
          height={bodyHeight}
          inputActive={isRawModeSupported}
          onClose={() => setHelpOpen(false)}
        />
      );
    if (route.kind === 'list')
      return (
        <ThreadList
          rows={items}
          shown={shownRows}
          rowsFor={rowsFor}
          screenTop={1}
          view={listView}
          width={width}
          height={bodyHeight}
          now={now()}
          loading={live.summaries === null}
          emptyReason={emptyReason}
          inputActive={input}
          hasDraft={drafts.has}
          onOpen={(row) => openThread(row)}
          onSearch={(text) => void list.search(text, live.summaries ?? [])}
          onMarkAllRead={list.markAllRead}
          onUndo={list.undoMarkAll}
          onRefresh={() => void list.refresh()}
          onNewThread={() => compose.open('')}
          onHelp={() => setHelpOpen(true)}
          onQuit={quit}
        />
      );
    if (route.kind === 'compose' && draftSlot.value !== null)
      return (
        <Composer
          draft={draftSlot}
          me={me}
          width={width}
          height={bodyHeight}
          preview={preview}
          busy={writes.busy}
          inputActive={input}
          onSend={(d) => void compose.send(d)}
          onLeave={compose.leave}
          onDiscard={compose.discard}
          onQuit={quit}
          onEditor={(d) =>
            props.editor === undefined
              ? writes.setNotice({ kind: 'error', text: 'No external editor here.' })
              : void compose.edit(d)
          }
        />
      );
    if (route.kind === 'thread' && thread.snapshot !== null)
      return (
        <ThreadView
          key={`${route.topic}:${route.opened}`}
          snapshot={thread.snapshot}
          me={me}
          registry={config.registry}
          targets={targets}
          width={width}
          height={bodyHeight}
          focusEntry={route.focusEntry}
          firstUnread={route.firstUnread}
          follow={follow}
          busy={writes.busy}
          inputActive={input}
          mode={viewMode}
          color={color}
          onBack={back}
          onHelp={() => setHelpOpen(true)}
          onReply={() => compose.open(route.topic)}
          onAck={() =>
            void writes.write({ kind: 'ack', topic: route.topic, agent: me }, `Ack ${route.topic}`)
          }
          onHandoff={(to, note) =>
            void writes.write(
              withEntryId({
                kind: 'handoff',
                topic: route.topic,
                agent: me,
                to,
                ...(note !== '' ? { note } : {}),
              }),
              `Hand off ${route.topic}`,
            )
          }
          onSetStatus={(status) =>
            void writes.write(
              { kind: 'set-status', topic: route.topic, status },
              `Status of ${route.topic}`,
            )
          }
        />
      );
    return <Loading error={thread.error} onBack={back} inputActive={input} />;
  };

  const openThread = (row: ListItem) => {
    const seen = unread.seen(row.topic);
    const firstUnread = seen < row.entry_count ? seen : null;
    const hit = listView
      .get()
      .hits?.byTopic.get(row.topic)
      ?.find((h) => h.entry_index !== null);
    viewMode.set(READING);
    writes.setNotice(null);
    setRoute({ ...threadRoute(row.topic, hit?.entry_index ?? firstUnread), firstUnread });
  };

  const header = thread.snapshot?.thread.header;
  return (
    <ColorContext.Provider value={color}>
      <KeyRouterContext.Provider value={router}>
        <Box flexDirection="column" width={width} height={height}>
          <TopBar
            info={store.info}
            me={me}
            all={items.length}
            shown={shownRows}
            view={listView.value}
            width={width}
            thread={
              openTopic === null
                ? null
                : { topic: openTopic, status: header?.status ?? '', ball: header?.ball ?? '' }
            }
          />
          <Box flexDirection="column" height={bodyHeight}>
            {body()}
          </Box>
          <Footer screen={screen} notice={shownNotice} width={width} height={height} />
        </Box>
      </KeyRouterContext.Provider>
    </ColorContext.Provider>
  );
}

/** What the status line shows: the last action's notice, else a live failure. */
function noticeOf(notice: Notice | null, loadError: unknown, stateError: string | null) {
  if (notice !== null) return notice;
  if (loadError !== null && loadError !== undefined) {
    const { message, hint } = describeError(loadError);
    return {
      kind: 'error',
      text: `Cannot refresh: ${message}${hint === null ? '' : ` — ${hint}`}`,
    } satisfies Notice;
  }
  return stateError === null ? null : ({ kind: 'error', text: stateError } satisfies Notice);
}
