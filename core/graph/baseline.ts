import type { Entry, Thread } from '../thread/parse.js';
import { pyJsonIndented, pyJsonLines, readJsonLines } from './py-json.js';

/**
 * The 2026 Python tool keeps each thread's entries in graph files next to the markdown
 * (`graph/baseline/threads/<topic>/meta.json`, `entries.jsonl`, `edges.jsonl`), treats them as
 * the truth, and rebuilds the `.md` from them on each of its writes: an entry that is only in the
 * markdown is dropped by its next write. Where that folder exists, every write of ours brings the
 * thread's graph files in line with the markdown it wrote, in the shapes the Python writer uses
 * (`baseline_graph/writer.py`, `storage.py`), so the Python tool sees and keeps our entries.
 * Pure: the current files in, the files to write out.
 */

/** The folder, relative to the threads folder, whose presence turns graph upkeep on. */
export const GRAPH_DIR = 'graph/baseline';

export interface GraphFiles {
  meta: string | null;
  entries: string | null;
  edges: string | null;
}

export interface GraphPaths {
  meta: string;
  entries: string;
  edges: string;
}

type Node = Record<string, unknown>;

/**
 * The graph folder's name for a thread: the topic as the Python tool was given it (its `Topic:`
 * line), else the file name; a topic that is not one safe path component falls back to the stem.
 */
export function graphTopicOf(thread: Thread, stem: string): string {
  const topic = thread.header.topic?.trim() ?? '';
  const safe = topic !== '' && !/[/\\\0]/.test(topic) && topic !== '.' && topic !== '..';
  return safe ? topic : stem;
}

/** Where a thread's graph files are, relative to the threads folder. */
export function graphPathsFor(graphTopic: string): GraphPaths {
  const dir = `${GRAPH_DIR}/threads/${graphTopic}`;
  return { meta: `${dir}/meta.json`, entries: `${dir}/entries.jsonl`, edges: `${dir}/edges.jsonl` };
}

/** `datetime.now(timezone.utc).isoformat()`, the Python writer's `last_updated`. */
function pythonIsoNow(now: Date): string {
  return now.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

const FILE_REF = /`([a-zA-Z0-9_/.-]+\.[a-zA-Z0-9]+)`/g;
const PR_REF = /#(\d+)/g;
const COMMIT_REF = /\b([a-fA-F0-9]{10,40})\b/g;

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** The references the Python writer extracts from a body (`export.py`). */
function refsOf(body: string): Pick<Node, 'file_refs' | 'pr_refs' | 'commit_refs'> {
  const files = [...body.matchAll(FILE_REF)].map((m) => m[1] as string);
  return {
    file_refs: unique(files.filter((f) => !f.startsWith('/') && f[1] !== ':' && !f.includes('..'))),
    pr_refs: unique([...body.matchAll(PR_REF)].map((m) => Number(m[1]))),
    commit_refs: unique([...body.matchAll(COMMIT_REF)].map((m) => m[1] as string)),
  };
}

/** The id a graph gives an entry: its Entry-ID, else `<stem>:<index>` as the Python importer does. */
function entryIdOf(entry: Entry, stem: string): string {
  return entry.entryId ?? `${stem}:${entry.index}`;
}

function newEntryNode(entry: Entry, id: string, graphTopic: string): Node {
  return {
    id: `entry:${id}`,
    type: 'entry',
    entry_id: id,
    thread_topic: graphTopic,
    index: entry.index,
    agent: entry.agent,
    role: entry.role ?? 'implementer',
    entry_type: entry.type ?? 'Note',
    title: entry.title ?? '',
    timestamp: entry.timestamp,
    body: entry.body,
    summary: '',
    ...refsOf(entry.body),
  };
}

/**
 * An entry the graph already holds, brought in line with the markdown. Fields are changed in
 * place (key order kept); a changed body (a redaction) also drops the summary and embedding made
 * from the old text, so nothing of it survives in the graph.
 */
function refreshEntryNode(node: Node, entry: Entry): Node {
  const next: Node = { ...node };
  const set = (key: string, value: unknown) => {
    if (next[key] !== value) next[key] = value;
  };
  set('agent', entry.agent);
  if (entry.role !== null) set('role', entry.role);
  if (entry.type !== null) set('entry_type', entry.type);
  if (entry.title !== null) set('title', entry.title);
  set('timestamp', entry.timestamp);
  const old = typeof node.body === 'string' ? node.body : '';
  if (old.trimEnd() !== entry.body) {
    next.body = entry.body;
    next.summary = '';
    delete next.embedding;
    Object.assign(next, refsOf(entry.body));
  }
  return next;
}

/**
 * The entry nodes after a write: the markdown's entries in file order (known ones refreshed, new
 * ones built), with any node only the graph holds (a Python write that died before its markdown)
 * kept after the entry it followed. Indexes are renumbered from 0.
 */
function mergeEntries(thread: Thread, stem: string, graphTopic: string, old: Node[]): Node[] {
  const byId = new Map(old.map((n) => [String(n.id), n]));
  const oldIndex = new Map(old.map((n) => [String(n.id), Number(n.index ?? 0)]));
  const seen = new Set<string>();
  const merged: Node[] = thread.entries.map((entry) => {
    const id = entryIdOf(entry, stem);
    seen.add(`entry:${id}`);
    const known = byId.get(`entry:${id}`);
    return known === undefined
      ? newEntryNode(entry, id, graphTopic)
      : refreshEntryNode(known, entry);
  });
  const orphans = old
    .filter((n) => !seen.has(String(n.id)))
    .sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
  for (const orphan of orphans) {
    const index = Number(orphan.index ?? 0);
    let at = 0;
    merged.forEach((n, i) => {
      const was = oldIndex.get(String(n.id));
      if (was !== undefined && was <= index) at = i + 1;
    });
    merged.splice(at, 0, orphan);
  }
  return merged.map((n, i) => (n.index === i ? n : { ...n, index: i }));
}

/** Contains and followed-by edges for the order, other edges (cross references) kept. */
function mergeEdges(graphTopic: string, entries: Node[], old: Node[]): Node[] {
  const threadId = `thread:${graphTopic}`;
  const wanted: Node[] = [];
  let prev: string | null = null;
  for (const e of entries) {
    const id = String(e.id);
    wanted.push({ source: threadId, target: id, type: 'contains' });
    if (prev !== null) wanted.push({ source: prev, target: id, type: 'followed_by' });
    prev = id;
  }
  const key = (edge: Node) => `${String(edge.source ?? '')}${String(edge.target ?? '')}`;
  const wantedKeys = new Set(wanted.map(key));
  const structural = (edge: Node) => edge.type === 'contains' || edge.type === 'followed_by';
  const kept = old.filter((e) => !structural(e) || wantedKeys.has(key(e)));
  const keptKeys = new Set(kept.map(key));
  return [...kept, ...wanted.filter((e) => !keptKeys.has(key(e)))];
}

function parseMeta(text: string | null): Node | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Node)
      : null;
  } catch {
    return null;
  }
}

function metaFor(thread: Thread, graphTopic: string, old: Node | null, count: number, now: Date) {
  const base: Node = old ?? {
    id: `thread:${graphTopic}`,
    type: 'thread',
    topic: graphTopic,
    title: graphTopic.replace(/-/g, ' ').trim(),
    status: 'OPEN',
    ball: '',
    last_updated: '',
    summary: '',
    entry_count: 0,
  };
  return {
    ...base,
    status: thread.header.status.toUpperCase(),
    ball: thread.header.ball,
    last_updated: pythonIsoNow(now),
    entry_count: count,
  };
}

export interface GraphUpdate {
  /** The thread's markdown as written. */
  thread: Thread;
  /** Its file name without `.md`. */
  stem: string;
  /** The graph files as they are now (null where missing). */
  current: GraphFiles;
  now: Date;
}

/** The thread's three graph files after a write, keyed by path relative to the threads folder. */
export function graphFilesAfter(update: GraphUpdate): Array<{ path: string; text: string }> {
  const { thread, stem, current, now } = update;
  const graphTopic = graphTopicOf(thread, stem);
  const paths = graphPathsFor(graphTopic);
  const oldEntries = readJsonLines(current.entries);
  const oldEdges = readJsonLines(current.edges);
  const entries = mergeEntries(thread, stem, graphTopic, oldEntries.items);
  const edges = mergeEdges(graphTopic, entries, oldEdges.items);
  const meta = metaFor(thread, graphTopic, parseMeta(current.meta), entries.length, now);
  const keep = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  return [
    { path: paths.entries, text: pyJsonLines(entries) + keep(oldEntries.unreadable) },
    { path: paths.edges, text: pyJsonLines(edges) + keep(oldEdges.unreadable) },
    { path: paths.meta, text: pyJsonIndented(meta) },
  ];
}
