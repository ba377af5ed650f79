/**
 * The built `watercooler mcp` over stdio, driven by the SDK Client as agents drive it. Pins:
 * - tools/list holds exactly the SPEC §5 tools, each with a description, input and output
 *   schemas and annotations (its size is protocol.test.ts's: under 3,000 cl100k tokens);
 * - every tool's success path returns structuredContent in the SPEC §4 shapes, and its failure
 *   path an isError result whose text names the code and what to do (unknown topic → the closest
 *   topics), never a JSON-RPC error;
 * - pagination works: list_threads limit/cursor, read_thread from_entry/limit,
 *   list_thread_entries offset/limit, search limit/cursor;
 * - identity: clientInfo.name mapped to a display name and tagged with the user; agent_func's
 *   platform names the author; an entry_id retried is written once;
 * - resources (list, template, completion) and prompts (catch_up, handoff_summary).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Connected, call, cli, data, stdioClient, textOf, threadsDir } from './harness.js';

const TOOLS = [
  'watercooler_health',
  'watercooler_whoami',
  'watercooler_list_threads',
  'watercooler_read_thread',
  'watercooler_list_thread_entries',
  'watercooler_get_thread_entry',
  'watercooler_get_thread_entry_range',
  'watercooler_say',
  'watercooler_ack',
  'watercooler_handoff',
  'watercooler_set_status',
  'watercooler_set_ball',
  'watercooler_search',
  'watercooler_reindex',
  'watercooler_sync',
  'watercooler_wait_for_ball',
];

interface Write {
  topic: string;
  operation: string;
  entry_id: string | null;
  ball: string;
  status: string;
  pending: boolean;
}

let dir: string;
let mcp: Connected;
const client = () => mcp.client;

beforeAll(async () => {
  dir = threadsDir();
  mcp = await stdioClient(dir, { name: 'claude-code' });
  // A thread by someone else, written by another process.
  const other = await cli(dir, [
    'say',
    'auth-refactor',
    '--agent',
    'Codex',
    '--title',
    'Plan',
    '--body',
    'Three steps: tokens, sessions, cleanup.',
  ]);
  expect(other.code, other.stderr).toBe(0);
});

describe('tools/list', () => {
  // Its size in cl100k tokens is protocol.test.ts's (under 3,000, over stdio and HTTP).
  it('lists exactly the SPEC tools, each described, typed and annotated', async () => {
    const { tools } = await client().listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOLS].sort());
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(20);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.annotations, tool.name).toBeDefined();
    }
    const readOnly = tools.filter((t) => t.annotations?.readOnlyHint === true).map((t) => t.name);
    expect(readOnly).toContain('watercooler_read_thread');
    expect(readOnly).not.toContain('watercooler_say');
  });
});

describe('identity', () => {
  it('whoami maps clientInfo.name to a display name tagged with the user', async () => {
    const me = data<{ agent: string; client: string; source: string }>(
      await call(client(), 'watercooler_whoami'),
    );
    expect(me).toMatchObject({
      agent: 'Claude Code (tester)',
      client: 'claude-code',
      source: 'clientInfo',
    });
  });

  it('health reports the store, the agent and counts', async () => {
    const health = data<{
      status: string;
      agent: string;
      store: { kind: string; location: string };
      threads: number;
      pending: number;
    }>(await call(client(), 'watercooler_health', { code_path: '.' }));
    expect(health).toMatchObject({
      status: 'healthy',
      agent: 'Claude Code (tester)',
      store: { kind: 'local', location: dir },
      pending: 0,
    });
    expect(health.threads).toBeGreaterThanOrEqual(1);
  });

  it('a wrongly typed argument is an isError result, not a protocol error', async () => {
    const bad = await call(client(), 'watercooler_list_threads', { limit: 'ten' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/Input validation error.*limit/s);
  });
});

describe('writes', () => {
  it('say creates a thread, writes the entry with its Entry-ID and returns the write shape', async () => {
    const result = data<Write>(
      await call(client(), 'watercooler_say', {
        topic: 'new-topic',
        title: 'Hello',
        body: 'First words.',
        role: 'planner',
        entry_type: 'Plan',
      }),
    );
    expect(result).toMatchObject({
      topic: 'new-topic',
      operation: 'say',
      status: 'OPEN',
      pending: false,
    });
    expect(result.entry_id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const text = readFileSync(join(dir, 'new-topic.md'), 'utf8');
    expect(text).toContain('Entry: Claude Code (tester) ');
    expect(text).toContain('Role: planner\nType: Plan\nTitle: Hello\n\nFirst words.\n');
    expect(text).toContain(`<!-- Entry-ID: ${result.entry_id} -->`);
  });

  it('say passes the ball to the last other author when the registry has no counterpart', async () => {
    const result = data<Write>(
      await call(client(), 'watercooler_say', {
        topic: 'auth-refactor',
        title: 'Reply',
        body: 'Agreed.',
      }),
    );
    expect(result.ball).toBe('Codex (tester)');
  });

  it('say with the same entry_id twice writes one entry', async () => {
    const id = '01JD0000000000000000000001';
    const first = data<Write>(
      await call(client(), 'watercooler_say', {
        topic: 'idem',
        title: 'Once',
        body: 'only once',
        entry_id: id,
      }),
    );
    const second = data<Write>(
      await call(client(), 'watercooler_say', {
        topic: 'idem',
        title: 'Once',
        body: 'only once',
        entry_id: id,
      }),
    );
    expect(first.entry_id).toBe(id);
    expect(second.entry_id).toBe(id);
    expect(readFileSync(join(dir, 'idem.md'), 'utf8').split(`Entry-ID: ${id}`).length).toBe(2);
  });

  it('agent_func names the author for one call', async () => {
    await call(client(), 'watercooler_say', {
      topic: 'func',
      title: 'T',
      body: 'B',
      agent_func: 'Cursor:gpt-5:reviewer',
      code_path: '.',
    });
    expect(readFileSync(join(dir, 'func.md'), 'utf8')).toContain('Entry: Cursor (tester) ');
  });

  it.each([
    [{ topic: 'x', title: 'T', body: '   ' }, /INVALID_INPUT: The body is empty/],
    [{ topic: 'x', title: 'two\nlines', body: 'b' }, /INVALID_INPUT: A title is one line/],
    [
      { topic: 'x', title: 'T', body: 'b', entry_id: 'not-a-ulid' },
      /INVALID_INPUT: entry_id "not-a-ulid" is not a ULID/,
    ],
    [
      { topic: 'x', title: 'T', body: 'b', agent_func: ':model:role' },
      /INVALID_INPUT: agent_func ":model:role" has no platform/,
    ],
    [{ topic: '...', title: 'T', body: 'b' }, /INVALID_TOPIC/],
    [{ topic: 'x', title: 'T', body: 'b', role: 'boss' }, /Input validation error/],
  ])('say refuses %j with a result that says what to do', async (args, message) => {
    const result = await call(client(), 'watercooler_say', args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
  });

  it('ack keeps the ball; a bad title fails', async () => {
    const before = data<Write>(
      await call(client(), 'watercooler_set_ball', {
        topic: 'auth-refactor',
        agent: 'Codex (tester)',
      }),
    );
    const ack = data<Write>(await call(client(), 'watercooler_ack', { topic: 'auth-refactor' }));
    expect(ack).toMatchObject({ operation: 'ack', ball: before.ball });
    expect(readFileSync(join(dir, 'auth-refactor.md'), 'utf8')).toMatch(/Title: Ack\n\nack\n/);
    const bad = await call(client(), 'watercooler_ack', { topic: 'auth-refactor', title: 'a\nb' });
    expect(bad.isError).toBe(true);
  });

  it('handoff gives the ball to target_agent with the note as body; a malformed target fails', async () => {
    const result = data<Write>(
      await call(client(), 'watercooler_handoff', {
        topic: 'auth-refactor',
        target_agent: 'Gemini (bob)',
        note: 'Your turn on sessions.',
      }),
    );
    expect(result).toMatchObject({ operation: 'handoff', ball: 'Gemini (bob)' });
    expect(readFileSync(join(dir, 'auth-refactor.md'), 'utf8')).toMatch(
      /Title: Handoff to Gemini \(bob\)\n\nYour turn on sessions\.\n/,
    );
    const bad = await call(client(), 'watercooler_handoff', {
      topic: 'auth-refactor',
      target_agent: 'A (b) (c)',
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/INVALID_INPUT/);
  });

  it('set_status changes the status (any one-line word); an unknown topic names the closest ones', async () => {
    expect(
      data<Write>(
        await call(client(), 'watercooler_set_status', { topic: 'idem', status: 'in_review' }),
      ).status,
    ).toBe('IN_REVIEW');
    const missing = await call(client(), 'watercooler_set_status', {
      topic: 'auth-refactr',
      status: 'CLOSED',
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(
      /THREAD_NOT_FOUND: Thread "auth-refactr" not found.*\nDid you mean "auth-refactor"/,
    );
    const own = await call(client(), 'watercooler_set_status', { topic: 'idem', status: 'sleepy' });
    expect(data<Write>(own).status).toBe('SLEEPY'); // a word of one's own, as the CLI writes it
    const twoLines = await call(client(), 'watercooler_set_status', {
      topic: 'idem',
      status: 'a\nb',
    });
    expect(twoLines.isError).toBe(true);
  });

  it('set_ball moves the ball without an entry; it never creates a thread', async () => {
    const before = readFileSync(join(dir, 'func.md'), 'utf8');
    expect(
      data<Write>(await call(client(), 'watercooler_set_ball', { topic: 'func', agent: 'Team' }))
        .ball,
    ).toBe('Team');
    expect(readFileSync(join(dir, 'func.md'), 'utf8')).toBe(
      before.replace(/^Ball: .*$/m, 'Ball: Team'),
    );
    const missing = await call(client(), 'watercooler_set_ball', {
      topic: 'no-such-thread',
      agent: 'Team',
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/THREAD_NOT_FOUND/);
  });
});

describe('reads and pagination', () => {
  interface Row {
    topic: string;
    is_your_turn: boolean;
    status: string;
  }

  it('list_threads pages with limit and cursor, covering every thread once', async () => {
    const all = data<{ threads: Row[]; total: number }>(
      await call(client(), 'watercooler_list_threads', { limit: 500 }),
    );
    expect(all.total).toBe(all.threads.length);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = data<{ threads: Row[]; next_cursor: string | null }>(
        await call(client(), 'watercooler_list_threads', {
          limit: 2,
          ...(cursor === undefined ? {} : { cursor }),
        }),
      );
      expect(res.threads.length).toBeLessThanOrEqual(2);
      seen.push(...res.threads.map((t) => t.topic));
      if (res.next_cursor === null) break;
      cursor = res.next_cursor;
    }
    expect(seen).toEqual(all.threads.map((t) => t.topic));
    expect(new Set(seen).size).toBe(all.total);
  });

  it('list_threads filters open/closed and ball_mine, and renders markdown sections', async () => {
    await call(client(), 'watercooler_set_status', { topic: 'func', status: 'CLOSED' });
    const open = data<{ threads: Row[] }>(
      await call(client(), 'watercooler_list_threads', { open_only: true }),
    );
    expect(open.threads.map((t) => t.topic)).not.toContain('func');
    const closed = data<{ threads: Row[] }>(
      await call(client(), 'watercooler_list_threads', { open_only: false }),
    );
    expect(closed.threads.map((t) => t.topic)).toEqual(['func']);
    await call(client(), 'watercooler_set_ball', { topic: 'idem', agent: 'Claude Code (tester)' });
    const mine = data<{ threads: Row[] }>(
      await call(client(), 'watercooler_list_threads', { ball_mine: true }),
    );
    expect(mine.threads.map((t) => t.topic)).toEqual(['idem']);
    const md = textOf(await call(client(), 'watercooler_list_threads', {}));
    expect(md).toMatch(/^# Watercooler Threads/);
    expect(md).toMatch(/## 🎾 Your Turn\n- \*\*idem\*\*/);
    expect(md).toContain('*You are: Claude Code (tester)*');
  });

  it('list_threads refuses a cursor it did not give out', async () => {
    const bad = await call(client(), 'watercooler_list_threads', { cursor: 'garbage' });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/INVALID_INPUT: The cursor/);
  });

  it('read_thread returns the file, or a page of entries with next_from_entry', async () => {
    const full = await call(client(), 'watercooler_read_thread', { topic: 'auth-refactor' });
    expect(textOf(full)).toBe(readFileSync(join(dir, 'auth-refactor.md'), 'utf8'));
    const whole = data<{
      entries: { index: number }[];
      entry_count: number;
      next_from_entry: number | null;
    }>(full);
    expect(whole.entries.length).toBe(whole.entry_count);
    expect(whole.next_from_entry).toBeNull();

    const page = await call(client(), 'watercooler_read_thread', {
      topic: 'auth-refactor',
      from_entry: 1,
      limit: 2,
      format: 'json',
    });
    const json = data<{
      topic: string;
      ball: string;
      entries: { index: number; agent: string; entry_id: string | null }[];
      next_from_entry: number | null;
    }>(page);
    expect(json.topic).toBe('auth-refactor');
    expect(json.entries.map((e) => e.index)).toEqual([1, 2]);
    expect(json.next_from_entry).toBe(3);
    expect(JSON.parse(textOf(page))).toEqual(json);
  });

  it('read_thread on an unknown topic names the closest topics', async () => {
    const res = await call(client(), 'watercooler_read_thread', { topic: 'auth-refactro' });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(
      /THREAD_NOT_FOUND: Thread "auth-refactro" not found.*\nDid you mean "auth-refactor"\?/,
    );
  });

  it('list_thread_entries pages with offset/limit and leaves bodies out', async () => {
    const res = data<{
      entry_count: number;
      offset: number;
      next_offset: number | null;
      entries: Record<string, unknown>[];
    }>(
      await call(client(), 'watercooler_list_thread_entries', {
        topic: 'auth-refactor',
        offset: 1,
        limit: 1,
      }),
    );
    expect(res).toMatchObject({ offset: 1, next_offset: 2 });
    expect(res.entries).toHaveLength(1);
    expect(res.entries[0]).toMatchObject({ index: 1 });
    expect(res.entries[0]).not.toHaveProperty('body');
    const md = textOf(
      await call(client(), 'watercooler_list_thread_entries', {
        topic: 'auth-refactor',
        format: 'markdown',
      }),
    );
    expect(md).toMatch(/- \[0\] .* Codex \(tester\) — Plan \(implementer \/ Note\) id=/);
    expect(
      (await call(client(), 'watercooler_list_thread_entries', { topic: 'nope' })).isError,
    ).toBe(true);
  });

  it('get_thread_entry by index and by entry_id; both missing, out of range or mismatched fail', async () => {
    const byIndex = data<{ entry: { index: number; entry_id: string; body: string } }>(
      await call(client(), 'watercooler_get_thread_entry', { topic: 'auth-refactor', index: 0 }),
    );
    expect(byIndex.entry.body).toBe('Three steps: tokens, sessions, cleanup.');
    const byId = data<{ entry: { index: number } }>(
      await call(client(), 'watercooler_get_thread_entry', {
        topic: 'auth-refactor',
        entry_id: byIndex.entry.entry_id,
      }),
    );
    expect(byId.entry.index).toBe(0);
    for (const [args, message] of [
      [{ topic: 'auth-refactor' }, /Pass index or entry_id/],
      [{ topic: 'auth-refactor', index: 99 }, /ENTRY_NOT_FOUND/],
      [
        { topic: 'auth-refactor', index: 1, entry_id: byIndex.entry.entry_id },
        /is at index 0, not 1/,
      ],
    ] as const) {
      const res = await call(client(), 'watercooler_get_thread_entry', args);
      expect(res.isError).toBe(true);
      expect(textOf(res)).toMatch(message);
    }
  });

  it('get_thread_entry_range reads an inclusive range; a reversed range fails', async () => {
    const res = data<{ entries: { index: number }[]; start_index: number; end_index: number }>(
      await call(client(), 'watercooler_get_thread_entry_range', {
        topic: 'auth-refactor',
        start_index: 1,
        end_index: 2,
      }),
    );
    expect(res.entries.map((e) => e.index)).toEqual([1, 2]);
    const md = textOf(
      await call(client(), 'watercooler_get_thread_entry_range', {
        topic: 'auth-refactor',
        start_index: 0,
        end_index: 0,
        format: 'markdown',
      }),
    );
    expect(md).toMatch(/^---\nEntry: Codex \(tester\) /);
    const bad = await call(client(), 'watercooler_get_thread_entry_range', {
      topic: 'auth-refactor',
      start_index: 2,
      end_index: 1,
    });
    expect(bad.isError).toBe(true);
  });

  it('search finds entries, pages with a cursor, narrows to a topic, and reports a bad regex', async () => {
    const res = data<{
      hits: { topic: string; entry_index: number; line: number; entry_id: string }[];
      total: number;
      next_cursor: string | null;
    }>(await call(client(), 'watercooler_search', { query: 'SESSIONS' }));
    expect(res.hits.length).toBeGreaterThanOrEqual(2);
    expect(res.hits[0]).toMatchObject({ topic: 'auth-refactor', entry_index: 0 });
    const first = data<{ hits: unknown[]; next_cursor: string }>(
      await call(client(), 'watercooler_search', { query: 'sessions', limit: 1 }),
    );
    expect(first.hits).toHaveLength(1);
    const second = data<{ hits: unknown[] }>(
      await call(client(), 'watercooler_search', {
        query: 'sessions',
        limit: 1,
        cursor: first.next_cursor,
      }),
    );
    expect(second.hits[0]).toEqual(res.hits[1]);
    const scoped = data<{ total: number }>(
      await call(client(), 'watercooler_search', { query: 'words', topic: 'new-topic' }),
    );
    expect(scoped.total).toBe(1);
    const bad = await call(client(), 'watercooler_search', { query: '([', regex: true });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/Bad regular expression/);
  });

  it('reindex renders the index table; sync reports nothing pending on a local store', async () => {
    const index = data<{ markdown: string; thread_count: number }>(
      await call(client(), 'watercooler_reindex'),
    );
    expect(index.markdown).toContain('Updated | Status | Ball | NEW | Title | Path');
    expect(index.thread_count).toBeGreaterThanOrEqual(4);
    expect(data(await call(client(), 'watercooler_sync'))).toEqual({ replayed: [], pending: 0 });
    expect(data(await call(client(), 'watercooler_sync', { action: 'status' }))).toEqual({
      replayed: [],
      pending: 0,
    });
    expect((await call(client(), 'watercooler_sync', { action: 'explode' })).isError).toBe(true);
  });

  it('wait_for_ball returns at once when the ball is already yours, times out otherwise, and names a likely typo', async () => {
    const now = data<{ reason: string; topic: string }>(
      await call(client(), 'watercooler_wait_for_ball', { topic: 'idem' }),
    );
    expect(now).toMatchObject({ reason: 'ball', topic: 'idem' });
    const late = data<{ reason: string }>(
      await call(client(), 'watercooler_wait_for_ball', {
        topic: 'auth-refactor',
        timeout_seconds: 1,
      }),
    );
    expect(late.reason).toBe('timeout');
    // A thread not started yet may be started by the one being waited for: wait, then name the typo.
    const missing = await call(client(), 'watercooler_wait_for_ball', {
      topic: 'idme',
      timeout_seconds: 1,
    });
    expect(data<{ reason: string }>(missing).reason).toBe('timeout');
    expect(textOf(missing)).toMatch(/did you mean "idem"/);
  });
});

describe('resources and prompts', () => {
  it('lists threads as resources, reads one, completes topics', async () => {
    const { resources } = await client().listResources();
    expect(resources.map((r) => r.uri)).toContain('watercooler://threads');
    expect(resources.map((r) => r.uri)).toContain('watercooler://threads/auth-refactor');
    const { resourceTemplates } = await client().listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['watercooler://threads/{topic}']);
    const one = await client().readResource({ uri: 'watercooler://threads/auth-refactor' });
    expect(one.contents[0]).toMatchObject({
      mimeType: 'text/markdown',
      text: readFileSync(join(dir, 'auth-refactor.md'), 'utf8'),
    });
    const list = await client().readResource({ uri: 'watercooler://threads' });
    const rows = JSON.parse((list.contents[0] as { text: string }).text) as { topic: string }[];
    expect(rows.map((r) => r.topic)).toContain('auth-refactor');
    const done = await client().complete({
      ref: { type: 'ref/resource', uri: 'watercooler://threads/{topic}' },
      argument: { name: 'topic', value: 'au' },
    });
    expect(done.completion.values).toEqual(['auth-refactor']);
    await expect(client().readResource({ uri: 'watercooler://threads/nope' })).rejects.toThrow(
      /not found/,
    );
  });

  it('offers catch_up and handoff_summary with the thread embedded', async () => {
    const { prompts } = await client().listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['catch_up', 'handoff_summary']);
    const catchUp = await client().getPrompt({
      name: 'catch_up',
      arguments: { topic: 'auth-refactor' },
    });
    expect(catchUp.messages[0]?.content).toMatchObject({
      type: 'resource',
      resource: { uri: 'watercooler://threads/auth-refactor' },
    });
    expect(JSON.stringify(catchUp.messages[1])).toContain('I am Claude Code (tester)');
    const handoff = await client().getPrompt({
      name: 'handoff_summary',
      arguments: { topic: 'auth-refactor', to: 'Codex' },
    });
    expect(JSON.stringify(handoff.messages[1])).toContain('target_agent \\"Codex\\"');
    const completion = await client().complete({
      ref: { type: 'ref/prompt', name: 'catch_up' },
      argument: { name: 'topic', value: 'ide' },
    });
    expect(completion.completion.values).toEqual(['idem']);
  });

  it('logs nothing but to stderr', () => {
    // The protocol would have broken on the first stray stdout byte; stderr holds no error either.
    expect(mcp.stderr()).not.toMatch(/internal error/i);
  });
});
