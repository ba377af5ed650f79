import type { AgentRegistry } from './agents.js';
import { isNewFor, isYourTurn } from './ball.js';
import { WatercoolerError } from './errors.js';
import type { ThreadSnapshot, ThreadSummary } from './store/store.js';
import { isClosedStatus } from './thread/entry.js';
import type { Entry } from './thread/parse.js';

/**
 * The `--json` shapes of SPEC §4. Scripts and the MCP server's `structuredContent` share them,
 * so they are a contract: add keys, never rename or drop one.
 */
export interface EntryJson {
  index: number;
  entry_id: string | null;
  agent: string;
  timestamp: string;
  role: string | null;
  type: string | null;
  title: string | null;
  body: string;
}

export interface ThreadJson {
  topic: string;
  title: string;
  status: string;
  ball: string;
  created: string | null;
  path: string;
  entries: EntryJson[];
}

export interface ListRow {
  topic: string;
  title: string;
  status: string;
  ball: string;
  updated: string | null;
  entry_count: number;
  last_agent: string | null;
  is_new: boolean;
  is_your_turn: boolean;
  path: string;
}

/** A `list` row as seen by `me`. */
export function toListRow(summary: ThreadSummary, me: string, registry?: AgentRegistry): ListRow {
  return {
    topic: summary.topic,
    title: summary.title,
    status: summary.status,
    ball: summary.ball,
    updated: summary.updated,
    entry_count: summary.entry_count,
    last_agent: summary.last_agent,
    is_new: isNewFor(summary, me, registry),
    is_your_turn: isYourTurn(summary.ball, me, registry),
    path: summary.path,
  };
}

export interface ListFilter {
  /** open | closed | all (default all, as the Python tool's `list`). */
  state?: 'open' | 'closed' | 'all';
  /** Only threads whose ball is the caller's. */
  mine?: boolean;
}

/** Filters rows by state and ball. */
export function filterRows(rows: readonly ListRow[], filter: ListFilter): ListRow[] {
  return rows.filter((r) => {
    const closed = isClosedStatus(r.status);
    if (filter.state === 'open' && closed) return false;
    if (filter.state === 'closed' && !closed) return false;
    return filter.mine !== true || r.is_your_turn;
  });
}

export function toEntryJson(entry: Entry): EntryJson {
  return {
    index: entry.index,
    entry_id: entry.entryId,
    agent: entry.agent,
    timestamp: entry.timestamp,
    role: entry.role,
    type: entry.type,
    title: entry.title,
    body: entry.body,
  };
}

export interface EntrySelection {
  /** Entries after the one with this Entry-ID. */
  since?: string;
  /** One entry by index or Entry-ID. */
  entry?: string;
  /** A range of indexes, inclusive (`3..7`, `3..`). */
  from?: number;
  to?: number;
}

/** Selects entries of a thread; an unknown id or an index out of range is an error that says what exists. */
export function selectEntries(snapshot: ThreadSnapshot, selection: EntrySelection): Entry[] {
  const { entries } = snapshot.thread;
  const byId = (id: string) => {
    const at = entries.findIndex(
      (e) => e.entryId !== null && e.entryId.toLowerCase() === id.toLowerCase(),
    );
    if (at === -1) {
      throw new WatercoolerError(
        'ENTRY_NOT_FOUND',
        `No entry with id ${id} in "${snapshot.topic}".`,
        {
          hint: `The thread has ${entries.length} entries; read it with --json to see their ids.`,
        },
      );
    }
    return at;
  };
  const checkIndex = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= entries.length) {
      throw new WatercoolerError('ENTRY_NOT_FOUND', `No entry ${i} in "${snapshot.topic}".`, {
        hint:
          entries.length === 0
            ? 'The thread has no entries yet.'
            : `Use an index from 0 to ${entries.length - 1}.`,
      });
    }
    return i;
  };
  if (selection.entry !== undefined) {
    const i = /^\d+$/.test(selection.entry)
      ? checkIndex(Number(selection.entry))
      : byId(selection.entry);
    return entries.slice(i, i + 1);
  }
  let list = entries;
  if (selection.since !== undefined) list = entries.slice(byId(selection.since) + 1);
  if (selection.from !== undefined || selection.to !== undefined) {
    const from = selection.from ?? 0;
    const to = selection.to ?? entries.length - 1;
    if (entries.length > 0) checkIndex(from);
    list = list.filter((e) => e.index >= from && e.index <= to);
  }
  return list;
}

/** `read --json`. */
export function toThreadJson(
  snapshot: ThreadSnapshot,
  entries: readonly Entry[] = snapshot.thread.entries,
): ThreadJson {
  const { header } = snapshot.thread;
  return {
    topic: header.topic ?? snapshot.topic,
    title: header.title,
    status: header.status,
    ball: header.ball,
    created: header.created,
    path: snapshot.path,
    entries: entries.map(toEntryJson),
  };
}
