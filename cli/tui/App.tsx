/**
 * The TUI as a pure component: everything it touches (store, identity, clock, state folder,
 * colour, the external editor) comes in as props, so tests render it against a real store in a
 * temp folder. It holds the state the screens share and lays out the top bar, the body (Body.tsx
 * routes between the screens, which live in their own files) and the footer.
 */
import { Box, type Key, useApp, useStdin } from 'ink';
import { useRef, useState } from 'react';
import type { ThreadStore } from '../../core/index.js';
import { Body } from './Body.js';
import { Footer, type Notice, type Screen } from './Footer.js';
import { describeError } from './format.js';
import { type ListView, initialListView } from './list-view.js';
import { quitKeys } from './quit-keys.js';
import type { Route } from './route.js';
import { READING, type ViewMode } from './ThreadView.js';
import { ColorContext } from './theme.js';
import { TopBar } from './TopBar.js';
import type { ExternalEditor } from './use-compose.js';
import { useConfig } from './use-config.js';
import { useDrafts } from './use-drafts.js';
import { KeyRouterContext, useKeyRouter } from './use-keys.js';
import { useListRows } from './use-list-rows.js';
import { useNavigation } from './use-navigation.js';
import { useOpenThread } from './use-open-thread.js';
import { useSize } from './use-size.js';
import { useSyncState } from './use-sync-state.js';
import { useThreads } from './use-threads.js';
import { useUnread } from './use-unread.js';
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
  const nav = useNavigation(hold);
  const listView = useSyncState<ListView>(initialListView);
  const viewMode = useSyncState<ViewMode>(READING);
  // Bumped after each write of ours: the view then scrolls to show the entry it added.
  const [follow, setFollow] = useState(0);
  const listRows = useListRows(live.summaries, me, config.registry, unread, listView.value);
  const { openTopic, thread } = useOpenThread(store, nav.route, live.summaries, unread);
  const writes = useWrites(store, () => {
    setFollow((n) => n + 1);
    void live.refresh();
    thread.reload();
  });
  const { route } = nav;
  const draftSlot = drafts.slot(route.kind === 'compose' ? route.key : '\u0000');
  const { quit, intercept } = quitKeys(exit, drafts, draftSlot, route, writes);
  interceptRef.current = intercept;

  const shownNotice = noticeOf(writes.notice, live.error, unread.error ?? drafts.error);
  const bodyHeight = height - 1 - Footer.rowsFor(shownNotice, width, height);
  const header = thread.snapshot?.thread.header;
  return (
    <ColorContext.Provider value={color}>
      <KeyRouterContext.Provider value={router}>
        <Box flexDirection="column" width={width} height={height}>
          <TopBar
            info={store.info}
            me={me}
            all={listRows.items.length}
            shown={listRows.shown}
            view={listView.value}
            width={width}
            thread={
              openTopic === null
                ? null
                : { topic: openTopic, status: header?.status ?? '', ball: header?.ball ?? '' }
            }
          />
          <Box flexDirection="column" height={bodyHeight}>
            <Body
              {...{ store, me, now, color, width, nav, live, unread, drafts, draftSlot, config }}
              {...{ listView, viewMode, rows: listRows, thread, writes, follow, quit }}
              editor={props.editor}
              height={bodyHeight}
              keysAvailable={isRawModeSupported}
            />
          </Box>
          <Footer
            screen={screenOf(nav.helpOpen, route, viewMode.value, listView.value)}
            notice={shownNotice}
            width={width}
            height={height}
          />
        </Box>
      </KeyRouterContext.Provider>
    </ColorContext.Provider>
  );
}

/** The screen on display, by name (the footer shows its keys). */
function screenOf(helpOpen: boolean, route: Route, mode: ViewMode, list: ListView): Screen {
  if (helpOpen) return 'help';
  if (route.kind === 'compose') return 'compose';
  if (route.kind === 'thread') {
    if (mode.kind !== 'read') return mode.kind;
    return mode.find === null ? 'thread' : 'found';
  }
  return list.editingQuery ? 'search' : 'list';
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
