/**
 * Switching back and forth with the Python tool on one thread (every generation, from
 * ../shared/reference/python; skipped when absent):
 * - the two CLIs alternate 32 operations (say, ack, handoff, set-status, set-ball), once with
 *   Python first and once with us first;
 * - no entry is lost in either tool's view: our `read --json`, the Python tool's `search` (every
 *   generation), its entry parser (2025-12) and its graph reader, `list` and `read` (2026);
 * - the 2026 tool's graph files name every entry, with the status and ball our last write set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, runBin } from '../helpers/run-bin.js';
import {
  GENERATIONS,
  type Generation,
  pythonFor,
  runPython,
  runPythonCode,
  whyNot,
} from './python.js';

const TOPIC = 'switch-back';
const OPS = 32;
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Tool = 'python' | 'ours';

/** The i-th operation, as argv common to both CLIs; `token` marks an entry it adds. */
function operation(i: number): { args: string[]; token: string | null } {
  const agent = i % 2 === 0 ? 'Claude' : 'Codex';
  const token = `tok${i}x`;
  switch (i % 5) {
    case 0:
      return {
        args: ['say', TOPIC, '--agent', agent, '--title', `Say ${i}`, '--body', `${token} said`],
        token,
      };
    case 1:
      return {
        args: ['ack', TOPIC, '--agent', agent, '--title', `Ack ${i}`, '--body', `${token} acked`],
        token,
      };
    case 2:
      return { args: ['handoff', TOPIC, '--agent', agent, '--note', `${token} over`], token };
    case 3:
      return { args: ['set-status', TOPIC, i % 2 === 0 ? 'IN_REVIEW' : 'OPEN'], token: null };
    default:
      return { args: ['set-ball', TOPIC, agent], token: null };
  }
}

async function run(tool: Tool, gen: Generation, args: string[]): Promise<void> {
  const full = [...args, '--threads-dir', dir];
  if (tool === 'python') {
    const r = runPython(gen, full, { cwd: dir });
    expect(r.code, `python ${gen} ${args.join(' ')}: ${r.stderr}`).toBe(0);
  } else {
    const r = await runBin(full, { cwd: dir, env: cleanEnv({ WATERCOOLER_USER: 'tester' }) });
    expect(r.code, `ours ${args.join(' ')}: ${r.stderr}`).toBe(0);
  }
}

async function ourBodies(): Promise<string[]> {
  const r = await runBin(['read', TOPIC, '--json', '--threads-dir', dir], { env: cleanEnv() });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { entries: Array<{ body: string }> }).entries.map((e) => e.body);
}

function pythonSearchHits(gen: Generation): string {
  const r = runPython(gen, ['search', 'tok', '--threads-dir', dir], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** The Python tool's own entry view: its parser (2025-12) or its graph (2026). */
function pythonEntries(gen: Generation): { bodies: string[]; status?: string; ball?: string } {
  if (gen === 'seed') return { bodies: [] };
  const code =
    gen === 'dec2025'
      ? `import json\nfrom watercooler.thread_entries import parse_thread_entries\n` +
        `text = open(${JSON.stringify(join(dir, `${TOPIC}.md`))}, encoding='utf-8').read()\n` +
        `print(json.dumps({'bodies': [e.body for e in parse_thread_entries(text)]}))`
      : `import json\nfrom pathlib import Path\n` +
        `from watercooler.baseline_graph.reader import read_thread_from_graph\n` +
        `t, es = read_thread_from_graph(Path(${JSON.stringify(dir)}), ${JSON.stringify(TOPIC)})\n` +
        `print(json.dumps({'bodies': [e.body for e in es], 'status': t.status, 'ball': t.ball}))`;
  const r = runPythonCode(gen, code, dir);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { bodies: string[]; status?: string; ball?: string };
}

async function expectAllThere(gen: Generation, tokens: string[]): Promise<void> {
  const ours = await ourBodies();
  const hits = pythonSearchHits(gen);
  const theirs = pythonEntries(gen);
  for (const token of tokens) {
    expect(
      ours.filter((b) => b.includes(token)),
      `ours lost ${token}`,
    ).toHaveLength(1);
    expect(hits, `python ${gen} search lost ${token}`).toContain(token);
    if (gen !== 'seed')
      expect(
        theirs.bodies.filter((b) => b.includes(token)),
        `python ${gen} lost ${token}`,
      ).toHaveLength(1);
  }
  expect(ours).toHaveLength(tokens.length);
  if (gen !== 'seed') expect(theirs.bodies).toHaveLength(tokens.length);
}

describe.each(GENERATIONS)('alternating with the Python tool (%s)', (gen) => {
  const runnable = pythonFor(gen) !== null;
  it.skipIf(!runnable).each<Tool>(['python', 'ours'])(
    `${OPS} operations, %s first: no entry lost in either view${runnable ? '' : ` (skipped: ${whyNot(gen)})`}`,
    async (first) => {
      dir = mkdtempSync(join(tmpdir(), `wc-alt-${gen}-`));
      const second: Tool = first === 'python' ? 'ours' : 'python';
      if (gen === 'newest' && first === 'ours') {
        // The 2026 tool's folder: its graph exists (it wrote another thread), ours starts this one.
        runPython(gen, ['say', 'other', '--title', 'Other', '--body', 'x', '--threads-dir', dir], {
          cwd: dir,
        });
      }
      const tokens: string[] = [];
      await run(first, gen, operation(0).args);
      tokens.push(operation(0).token as string);
      for (let i = 1; i < OPS; i++) {
        const op = operation(i);
        await run(i % 2 === 0 ? first : second, gen, op.args);
        if (op.token !== null) tokens.push(op.token);
        if (i === OPS / 2) await expectAllThere(gen, tokens);
      }
      await expectAllThere(gen, tokens);
      if (gen === 'newest') {
        const ours = await runBin(['read', TOPIC, '--json', '--threads-dir', dir], {
          env: cleanEnv(),
        });
        const header = JSON.parse(ours.stdout) as { status: string; ball: string };
        expect(pythonEntries(gen)).toMatchObject({ status: header.status, ball: header.ball });
        const list = runPython(gen, ['list', '--threads-dir', dir], { cwd: dir });
        expect(list.stdout).toContain(`${TOPIC}.md`);
      }
    },
    180_000,
  );
});
