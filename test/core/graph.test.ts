/**
 * The 2026 Python tool's graph files, as core brings them in line with the markdown (pure):
 * - new thread: meta/entries/edges in the Python writer's shapes and JSON style (ASCII escapes,
 *   `indent=2` meta, compact JSONL), entry indexes in file order, contains + followed_by edges;
 * - a known entry keeps the fields only the graph has (summary, refs, code_branch) and its place;
 * - a redacted body replaces the old one and drops the summary made from it;
 * - an entry only the graph holds (a Python write that died before its markdown) is kept;
 * - cross-reference edges and lines the Python reader would skip are kept.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY, applyOperation, parseThread } from '../../core/index.js';
import { type GraphFiles, graphFilesAfter } from '../../core/graph/baseline.js';

const ctx = {
  registry: DEFAULT_REGISTRY,
  defaultBall: 'Team',
  user: 'amy',
  now: () => new Date('2026-03-01T10:00:00Z'),
};
const now = new Date('2026-03-01T10:00:05.123Z');

function thread(bodies: string[]): string {
  let text: string | null = null;
  bodies.forEach((body, i) => {
    text = applyOperation(
      text,
      {
        kind: 'say',
        topic: 'g',
        agent: i % 2 ? 'Codex' : 'Claude',
        title: `t${i}`,
        body,
        entryId: `01J00000000000000000000AA${i}`,
      },
      ctx,
    ).text;
  });
  return text as unknown as string;
}

const files = (text: string, current: GraphFiles = { meta: null, entries: null, edges: null }) =>
  Object.fromEntries(
    graphFilesAfter({ thread: parseThread(text), stem: 'g', current, now }).map((f) => [
      f.path.split('/').pop(),
      f.text,
    ]),
  ) as Record<'meta.json' | 'entries.jsonl' | 'edges.jsonl', string>;

const lines = (jsonl: string) =>
  jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('graph files after a write', () => {
  it('builds a new thread in the Python writer shapes', () => {
    const out = files(thread(['héllo `src/a.ts` #12', 'second']));
    expect(out['meta.json']).toBe(
      '{\n  "id": "thread:g",\n  "type": "thread",\n  "topic": "g",\n  "title": "g",\n' +
        '  "status": "OPEN",\n  "ball": "Claude (amy)",\n' +
        '  "last_updated": "2026-03-01T10:00:05.123000+00:00",\n  "summary": "",\n  "entry_count": 2\n}',
    );
    const [first] = out['entries.jsonl'].split('\n');
    expect(first).toContain('"body":"h\\u00e9llo `src/a.ts` #12"');
    expect(lines(out['entries.jsonl'])[0]).toMatchObject({
      id: 'entry:01J00000000000000000000AA0',
      type: 'entry',
      thread_topic: 'g',
      index: 0,
      agent: 'Claude (amy)',
      role: 'implementer',
      entry_type: 'Note',
      file_refs: ['src/a.ts'],
      pr_refs: [12],
    });
    expect(lines(out['edges.jsonl'])).toEqual([
      { source: 'thread:g', target: 'entry:01J00000000000000000000AA0', type: 'contains' },
      { source: 'thread:g', target: 'entry:01J00000000000000000000AA1', type: 'contains' },
      {
        source: 'entry:01J00000000000000000000AA0',
        target: 'entry:01J00000000000000000000AA1',
        type: 'followed_by',
      },
    ]);
  });

  it('keeps what only the graph knows, and drops a summary of a redacted body', () => {
    const text = thread(['one', 'two']);
    const before = files(text);
    const entries = lines(before['entries.jsonl']).map((e, i) => ({
      ...e,
      summary: `summary ${i}`,
      code_branch: 'main',
    }));
    const orphan = { ...entries[1], id: 'entry:ORPHAN', entry_id: 'ORPHAN', index: 2 };
    const reference = { source: 'entry:x', target: 'thread:other', type: 'references' };
    const current = {
      meta: before['meta.json'].replace('"summary": ""', '"summary": "thread summary"'),
      entries: [...entries, orphan].map((e) => JSON.stringify(e)).join('\n') + '\nnot json\n',
      edges: `${before['edges.jsonl']}${JSON.stringify(reference)}\n`,
    };
    const redacted = text.replace('\ntwo\n', '\n[removed]\n');
    const after = files(redacted, current);
    const got = lines(after['entries.jsonl'].replace('not json\n', ''));
    expect(got.map((e) => [e.entry_id, e.index, e.body, e.summary, e.code_branch])).toEqual([
      ['01J00000000000000000000AA0', 0, 'one', 'summary 0', 'main'],
      ['01J00000000000000000000AA1', 1, '[removed]', '', 'main'],
      ['ORPHAN', 2, 'two', 'summary 1', 'main'],
    ]);
    expect(after['entries.jsonl'].endsWith('not json\n')).toBe(true);
    expect(after['meta.json']).toContain('"summary": "thread summary"');
    expect(after['meta.json']).toContain('"entry_count": 3');
    expect(lines(after['edges.jsonl'])).toContainEqual(reference);
  });
});
