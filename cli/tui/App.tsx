/**
 * The TUI as a pure component: everything it touches (store, identity, clock, state folder,
 * colour) comes in as props, so tests render it against a real store in a temp folder.
 */
import { Box, Text, useApp, useStdin, useStdout } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import type {
  AgentRegistry,
  Operation,
  SearchHit,
  ThreadStore,
  WriteResult,
} from '../../core/index.js';
import { ENTRY_TYPES, ROLES, searchThread, toListRow, withEntryId } from '../../core/index.js';
import { Composer, type Draft, newDraft } from './Composer.js';
import { Footer, type Notice, type Screen } from './Footer.js';
import { describeError } from './format.js';
import { Help } from './Help.js';
import { type ListItem, type ListView, ThreadList, initialListView } from './ThreadList.js';
import { ThreadView, type ViewMode } from './ThreadView.js';
import { ColorContext } from './theme.js';
import { KeyRouterContext, useKeyRouter, useKeys } from './use-keys.js';
import { truncate } from './text.js';
import { summaryKey, useThread, useThreads } from './use-threads.js';
import { useSyncState } from './use-sync-state.js';
import { useUnread } from './use-unread.js';

export interface Props {
  store: ThreadStore;
  /** Who is using the TUI, as an agent name: `Name (user)`. */
  me: string;
  /** The user's state folder for unread state (null: keep it in memory). */
  stateDir: string | null;
  now?: () => Date;
  /** False when NO_COLOR is set (or colour is otherwise unwanted). */
  color?: boolean;
  /** Poll interval in ms (default: 2 s for remote stores, 10 s beside the folder watch). */
  pollMs?: number;
}

type Route =
  | { kind: 'list' }
  | {
      kind: 'thread';
      topic: string;
      focusEntry: number | null;
      firstUnread: number | null;
      opened: number;
    }
  | { kind: 'compose'; topic: string };

function useSize(): { width: number; height: number } {
  const { stdout } = useStdout();
  const read = useCallback(
    () => ({ width: stdout.columns || 80, height: stdout.rows || 24 }),
    [stdout],
  );
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, read]);
  return size;
}

export function App({ store, me, stateDir, now = () => new Date(), color = true, pollMs }: Props) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { width, height: rows } = useSize();
  const router = useKeyRouter(isRawModeSupported);
  // One row short of the terminal: ink clears the whole screen on every frame that fills it.
  const height = Math.max(6, rows - 1);
  const local = store.info.kind === 'local';
  const live = useThreads(store, {
    pollMs: pollMs ?? (local ? 10_000 : 2_000),
    watchDir: local ? store.info.location : null,
  });
  const unread = useUnread(stateDir, `${store.info.kind}:${store.info.location}`);
  const [registry, setRegistry] = useState<AgentRegistry | undefined>(undefined);
  const [route, setRoute] = useState<Route>({ kind: 'list' });
  const [helpOpen, setHelpOpen] = useState(false);
  const listView = useSyncState<ListView>(initialListView);
  const viewMode = useSyncState<ViewMode>({ kind: 'read' });
  const draft = useSyncState<Draft | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped after each write of ours: the view then scrolls to show the entry it added.
  const [follow, setFollow] = useState(0);

  useEffect(() => {
    let alive = true;
    store.config().then(
      (c) => alive && setRegistry(c.registry),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [store]);

  const items: ListItem[] = (live.summaries ?? []).map((s) => ({
    ...toListRow(s, me, registry),
    unread: Math.max(0, s.entry_count - unread.seen(s.topic)),
  }));

  const openTopic = route.kind === 'list' ? null : route.topic;
  const openSummary = live.summaries?.find((s) => s.topic === openTopic);
  const thread = useThread(store, openTopic, summaryKey(openSummary));
  const entryCount = thread.snapshot?.thread.entries.length ?? 0;

  // Whatever is on screen is read: on open and as entries arrive.
  useEffect(() => {
    if (openTopic !== null && thread.snapshot !== null) unread.markSeen(openTopic, entryCount);
  }, [openTopic, thread.snapshot, entryCount, unread]);

  const write = async (op: Operation, label: string): Promise<WriteResult | null> => {
    setBusy(true);
    setNotice({ kind: 'busy', text: `${label}…` });
    try {
      const r = await store.apply(op);
      setNotice(
        r.pending
          ? {
              kind: 'pending',
              text: `${label}: PENDING — kept in the offline outbox; it is pushed on the next write or \`watercooler sync\`. Ball → ${r.ball}`,
            }
          : { kind: 'ok', text: `${label}: done · ball → ${r.ball} · ${r.status}` },
      );
      setFollow((n) => n + 1);
      live.refresh();
      thread.reload();
      return r;
    } catch (err) {
      const { message, hint } = describeError(err);
      setNotice({
        kind: 'error',
        text: `${label} FAILED: ${message}${hint === null ? '' : ` — ${hint}`}`,
      });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const send = async (d: Draft) => {
    const base: Operation = {
      kind: 'say',
      topic: d.topic,
      agent: me,
      title: d.title.value.trim(),
      body: d.body.value,
      type: ENTRY_TYPES[d.type],
      role: ROLES[d.role],
    };
    // The Entry-ID is fixed on the first try, so sending again after a failure is idempotent.
    const op = d.entryId === null ? withEntryId(base) : { ...base, entryId: d.entryId };
    const withId = {
      ...d,
      entryId: 'entryId' in op && op.entryId !== undefined ? op.entryId : null,
    };
    draft.set(withId);
    const r = await write(op, `Reply to ${d.topic}`);
    if (r !== null) {
      draft.set(null);
      setRoute({
        kind: 'thread',
        topic: d.topic,
        focusEntry: null,
        firstUnread: null,
        opened: Date.now(),
      });
    }
  };

  const runSearch = async (text: string) => {
    listView.set((v) => ({ ...v, searching: true }));
    const byTopic = new Map<string, SearchHit[]>();
    const all = live.summaries ?? [];
    try {
      for (let i = 0; i < all.length; i += 8) {
        await Promise.all(
          all.slice(i, i + 8).map(async (s) => {
            try {
              const hits = searchThread(await store.read(s.topic), {
                text,
                fields: ['title', 'body'],
              });
              if (hits.length > 0) byTopic.set(s.topic, hits);
            } catch {
              // A thread removed meanwhile, or unreadable: it simply has no hits.
            }
          }),
        );
      }
    } finally {
      listView.set((v) => ({
        ...v,
        searching: false,
        hits: v.query.value === text ? { query: text, byTopic } : v.hits,
      }));
    }
  };

  const openThread = (row: ListItem) => {
    const seen = unread.seen(row.topic);
    const firstUnread = seen < row.entry_count ? seen : null;
    const hit = listView
      .get()
      .hits?.byTopic.get(row.topic)
      ?.find((h) => h.entry_index !== null);
    viewMode.set({ kind: 'read' });
    setNotice(null);
    setRoute({
      kind: 'thread',
      topic: row.topic,
      focusEntry: hit?.entry_index ?? firstUnread,
      firstUnread,
      opened: Date.now(),
    });
  };

  const screen: Screen = helpOpen
    ? 'help'
    : route.kind === 'compose'
      ? 'compose'
      : route.kind === 'thread'
        ? viewMode.value.kind === 'read'
          ? 'thread'
          : viewMode.value.kind
        : listView.value.editingQuery
          ? 'search'
          : 'list';
  const bodyHeight = height - 3;
  const input = (active: boolean) => isRawModeSupported && !helpOpen && active;
  const loadError = live.error === null ? null : describeError(live.error);
  const shownNotice: Notice | null =
    notice ??
    (loadError !== null
      ? {
          kind: 'error',
          text: `Cannot refresh: ${loadError.message}${loadError.hint === null ? '' : ` — ${loadError.hint}`}`,
        }
      : unread.error !== null
        ? { kind: 'error', text: unread.error }
        : null);

  return (
    <ColorContext.Provider value={color}>
      <KeyRouterContext.Provider value={router}>
        <Box flexDirection="column" width={width} height={height}>
          <TopBar
            store={store}
            me={me}
            items={items}
            view={listView.value}
            width={width}
            route={route}
            header={route.kind === 'list' ? null : (thread.snapshot?.thread.header ?? null)}
          />
          <Box flexDirection="column" height={bodyHeight}>
            {helpOpen ? (
              <Help
                height={bodyHeight}
                inputActive={isRawModeSupported}
                onClose={() => setHelpOpen(false)}
              />
            ) : route.kind === 'list' ? (
              <ThreadList
                rows={items}
                view={listView}
                width={width}
                height={bodyHeight}
                now={now()}
                loading={live.summaries === null}
                inputActive={input(true)}
                onOpen={openThread}
                onSearch={(text) => void runSearch(text)}
                onMarkAllRead={(shown) =>
                  unread.markAllSeen(Object.fromEntries(shown.map((r) => [r.topic, r.entry_count])))
                }
                onRefresh={live.refresh}
                onHelp={() => setHelpOpen(true)}
                onQuit={() => exit()}
              />
            ) : route.kind === 'compose' && draft !== null ? (
              <Composer
                draft={draft}
                me={me}
                width={width}
                height={bodyHeight}
                busy={busy}
                inputActive={input(true)}
                onSend={(d) => void send(d)}
                onCancel={() => {
                  draft.set(null);
                  setRoute({
                    kind: 'thread',
                    topic: route.topic,
                    focusEntry: null,
                    firstUnread: null,
                    opened: Date.now(),
                  });
                }}
              />
            ) : route.kind === 'thread' && thread.snapshot !== null ? (
              <ThreadView
                key={`${route.topic}:${route.opened}`}
                snapshot={thread.snapshot}
                me={me}
                registry={registry}
                width={width}
                height={bodyHeight}
                focusEntry={route.focusEntry}
                firstUnread={route.firstUnread}
                follow={follow}
                busy={busy}
                inputActive={input(true)}
                mode={viewMode}
                onBack={() => {
                  setNotice(null);
                  setRoute({ kind: 'list' });
                }}
                onHelp={() => setHelpOpen(true)}
                onReply={() => {
                  draft.set((d) =>
                    d !== null && d.topic === route.topic ? d : newDraft(route.topic),
                  );
                  setRoute({ kind: 'compose', topic: route.topic });
                }}
                onAck={() =>
                  void write({ kind: 'ack', topic: route.topic, agent: me }, `Ack ${route.topic}`)
                }
                onHandoff={(to, note) =>
                  void write(
                    withEntryId({
                      kind: 'handoff',
                      topic: route.topic,
                      agent: me,
                      ...(to !== '' ? { to } : {}),
                      ...(note !== '' ? { note } : {}),
                    }),
                    `Hand off ${route.topic}`,
                  )
                }
                onSetStatus={(status) =>
                  void write(
                    { kind: 'set-status', topic: route.topic, status },
                    `Status of ${route.topic}`,
                  )
                }
              />
            ) : (
              <Loading
                error={thread.error}
                onBack={() => setRoute({ kind: 'list' })}
                inputActive={input(true)}
              />
            )}
          </Box>
          <Footer screen={screen} notice={shownNotice} width={width} />
        </Box>
      </KeyRouterContext.Provider>
    </ColorContext.Provider>
  );
}

function TopBar({
  store,
  me,
  items,
  view,
  width,
  route,
  header,
}: {
  store: ThreadStore;
  me: string;
  items: ListItem[];
  view: ListView;
  width: number;
  route: Route;
  header: { status: string; ball: string } | null;
}) {
  const mine = items.filter((r) => r.is_new).length;
  const where = `${store.info.kind} ${store.info.location}`;
  const left =
    route.kind === 'list'
      ? ` ${view.filter} · sort ${view.sort} · ${items.length} threads · ★ ${mine} new for you`
      : ` ${route.topic}${header === null ? '' : ` · ${header.status || '—'} · ball ${header.ball || '—'}`} ·`;
  const right = ` ${me} · ${where}`;
  const room = Math.max(0, width - left.length - 12);
  return (
    <Text inverse bold wrap="truncate-end">
      {truncate(` Watercooler ·${left}${truncate(right, room)}`, width).padEnd(width)}
    </Text>
  );
}

function Loading({
  error,
  onBack,
  inputActive,
}: {
  error: unknown;
  onBack: () => void;
  inputActive: boolean;
}) {
  const failure = error === null ? null : describeError(error);
  useKeys(
    (input, key) => {
      if (key.escape || input === 'q') onBack();
    },
    { isActive: inputActive },
  );
  return (
    <Text wrap="wrap">
      {failure === null
        ? 'Loading…'
        : `Cannot open this thread: ${failure.message}${failure.hint === null ? '' : `\n${failure.hint}`}\n\nq: back`}
    </Text>
  );
}
