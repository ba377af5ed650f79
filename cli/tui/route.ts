/** Where the TUI is: the list, one thread, or the composer (over a thread, or a new thread). */
export type Route =
  | { kind: 'list' }
  | {
      kind: 'thread';
      topic: string;
      focusEntry: number | null;
      firstUnread: number | null;
      opened: number;
    }
  | {
      kind: 'compose';
      /** The draft's key: the topic replied to, or '' for a new thread. */
      key: string;
      /** Where Esc goes back to. */
      back: Route;
    };

export type ThreadRoute = Extract<Route, { kind: 'thread' }>;

export const threadRoute = (topic: string, focusEntry: number | null = null): ThreadRoute => ({
  kind: 'thread',
  topic,
  focusEntry,
  firstUnread: null,
  opened: Date.now(),
});

/** The thread on screen (the one a composer answers included), if any. */
export function topicOf(route: Route): string | null {
  if (route.kind === 'thread') return route.topic;
  if (route.kind === 'compose') return route.key === '' ? null : route.key;
  return null;
}
