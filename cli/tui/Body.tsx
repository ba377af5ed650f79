/**
 * Everything between the top bar and the footer: help, the list, the composer, a thread, or
 * "Loading…" while the thread on its way is read. Each screen gets its props and handlers here.
 */
import { existsSync } from 'node:fs';
import { useMemo } from 'react';
import type { ThreadSnapshot, ThreadStore } from '../../core/index.js';
import { handoffTargets, withEntryId } from '../../core/index.js';
import { Composer } from './Composer.js';
import type { Draft } from './draft.js';
import { Help } from './Help.js';
import type { ListItem, ListView } from './list-view.js';
import { Loading } from './Loading.js';
import { type ThreadRoute, threadRoute } from './route.js';
import { sideways } from './sideways.js';
import { ThreadList } from './ThreadList.js';
import { layoutThread } from './thread-lines.js';
import { READING, ThreadView, type ViewMode } from './ThreadView.js';
import { type ExternalEditor, useCompose } from './use-compose.js';
import type { TuiConfig } from './use-config.js';
import type { Drafts } from './use-drafts.js';
import type { ListRows } from './use-list-rows.js';
import { useListActions } from './use-list-actions.js';
import type { Navigation } from './use-navigation.js';
import type { SyncState } from './use-sync-state.js';
import type { ThreadState, ThreadsState } from './use-threads.js';
import type { Unread } from './use-unread.js';
import type { Writes } from './use-writes.js';

interface BodyProps {
  store: ThreadStore;
  me: string;
  now: () => Date;
  color: boolean;
  editor: ExternalEditor | undefined;
  width: number;
  height: number;
  /** False when the terminal gives no keys (no raw mode): no screen listens. */
  keysAvailable: boolean;
  nav: Navigation;
  live: ThreadsState;
  unread: Unread;
  drafts: Drafts;
  /** The draft of the composer on screen. */
  draftSlot: SyncState<Draft | null>;
  config: TuiConfig;
  listView: SyncState<ListView>;
  viewMode: SyncState<ViewMode>;
  rows: ListRows;
  thread: ThreadState;
  writes: Writes;
  /** Bumped after each write of ours: the view then scrolls to show the entry it added. */
  follow: number;
  quit: () => void;
}

type Compose = ReturnType<typeof useCompose>;

export function Body(props: BodyProps) {
  const { store, me, nav, writes, viewMode } = props;
  const compose = useCompose({
    store,
    me,
    drafts: props.drafts,
    writes,
    route: nav.route,
    setRoute: nav.setRoute,
    summaries: props.live.summaries,
    editor: props.editor,
    afterSend: () => viewMode.set(READING),
  });
  const list = useListActions(store, props.live, props.unread, props.listView, writes, props.now);
  const input = props.keysAvailable && !nav.helpOpen;
  const back = () => {
    writes.setNotice(null);
    nav.setRoute({ kind: 'list' });
  };
  const { route } = nav;
  if (nav.helpOpen)
    return (
      <Help
        height={props.height}
        inputActive={props.keysAvailable}
        onClose={() => nav.setHelpOpen(false)}
      />
    );
  if (route.kind === 'list')
    return <ListScreen body={props} list={list} compose={compose} input={input} />;
  if (route.kind === 'compose' && props.draftSlot.value !== null)
    return <ComposeScreen body={props} compose={compose} input={input} />;
  if (route.kind === 'thread' && props.thread.snapshot !== null)
    return (
      <ThreadScreen
        body={props}
        route={route}
        snapshot={props.thread.snapshot}
        compose={compose}
        input={input}
        back={back}
      />
    );
  return <Loading error={props.thread.error} onBack={back} inputActive={input} />;
}

interface ScreenProps {
  body: BodyProps;
  compose: Compose;
  /** True when the screen has the keys. */
  input: boolean;
}

function ListScreen({
  body,
  list,
  compose,
  input,
}: ScreenProps & { list: ReturnType<typeof useListActions> }) {
  const { store, live, nav, unread, listView, viewMode, writes } = body;
  const local = store.info.kind === 'local';
  const emptyReason = useMemo(
    () =>
      local && live.summaries?.length === 0 && !existsSync(store.info.location)
        ? `The folder ${store.info.location} does not exist. Check the path (--threads-dir); N starts a first thread there, which creates it.`
        : null,
    [local, live.summaries, store.info.location],
  );
  const openThread = (row: ListItem) => {
    const seen = unread.seen(row.topic);
    const firstUnread = seen < row.entry_count ? seen : null;
    const hit = listView
      .get()
      .hits?.byTopic.get(row.topic)
      ?.find((h) => h.entry_index !== null);
    viewMode.set(READING);
    writes.setNotice(null);
    nav.setRoute({ ...threadRoute(row.topic, hit?.entry_index ?? firstUnread), firstUnread });
  };
  return (
    <ThreadList
      rows={body.rows.items}
      shown={body.rows.shown}
      rowsFor={body.rows.rowsFor}
      screenTop={1}
      view={listView}
      width={body.width}
      height={body.height}
      now={body.now()}
      loading={live.summaries === null}
      emptyReason={emptyReason}
      inputActive={input}
      hasDraft={body.drafts.has}
      onOpen={(row) => openThread(row)}
      onSearch={(text) => void list.search(text, live.summaries ?? [])}
      onMarkAllRead={list.markAllRead}
      onUndo={list.undoMarkAll}
      onRefresh={() => void list.refresh()}
      onNewThread={() => compose.open('')}
      onHelp={() => nav.setHelpOpen(true)}
      onQuit={body.quit}
    />
  );
}

function ComposeScreen({ body, compose, input }: ScreenProps) {
  const { me, width, color, writes } = body;
  const { snapshot } = body.thread;
  const registry = body.config.registry;
  const preview = useMemo(() => {
    if (snapshot === null) return [];
    const layout = layoutThread(snapshot, width, me, registry, null, color);
    // Wide code and tables end in "›" here too (the preview does not scroll sideways).
    return layout.lines.slice(layout.entryStarts.at(-1) ?? 0).map((l) => sideways(l, 0, width));
  }, [snapshot, width, me, registry, color]);
  return (
    <Composer
      draft={body.draftSlot}
      me={me}
      width={width}
      height={body.height}
      preview={preview}
      busy={writes.busy}
      inputActive={input}
      onSend={(d) => void compose.send(d)}
      onLeave={compose.leave}
      onDiscard={compose.discard}
      onQuit={body.quit}
      onEditor={(d) =>
        body.editor === undefined
          ? writes.setNotice({ kind: 'error', text: 'No external editor here.' })
          : void compose.edit(d)
      }
    />
  );
}

function ThreadScreen({
  body,
  route,
  snapshot,
  compose,
  input,
  back,
}: ScreenProps & { route: ThreadRoute; snapshot: ThreadSnapshot; back: () => void }) {
  const { me, config, writes } = body;
  const targets = useMemo(
    () =>
      config.registry === undefined
        ? []
        : handoffTargets(snapshot.thread, me, config.registry, config.defaultBall),
    [snapshot, me, config.registry, config.defaultBall],
  );
  return (
    <ThreadView
      key={`${route.topic}:${route.opened}`}
      snapshot={snapshot}
      me={me}
      registry={config.registry}
      targets={targets}
      width={body.width}
      height={body.height}
      focusEntry={route.focusEntry}
      firstUnread={route.firstUnread}
      follow={body.follow}
      busy={writes.busy}
      inputActive={input}
      mode={body.viewMode}
      color={body.color}
      onBack={back}
      onHelp={() => body.nav.setHelpOpen(true)}
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
}
