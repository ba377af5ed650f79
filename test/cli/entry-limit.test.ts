/**
 * One size limit for an entry, the same on every surface (the built CLI, the built MCP server
 * over stdio and over HTTP): a body of exactly MAX_ENTRY_BYTES is taken; one byte more is
 * refused with the same clear message (the limit in MiB and bytes), and the thread file keeps
 * every byte it had.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENTRY_BYTES } from '../../core/index.js';
import { cleanEnv, runBin } from '../helpers/run-bin.js';
import { call, httpClient, httpServer, stdioClient, textOf } from '../mcp/harness.js';

let dir: string;
const env = cleanEnv({ WATERCOOLER_AGENT: 'Claude' });
const thread = () => readFileSync(join(dir, 'limit.md'), 'utf8');
const REFUSAL = /an entry holds at most 1(\.0)? MiB \(1048576 bytes\)/;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wc-limit-'));
  const made = await runBin(
    ['say', 'limit', '--title', 'Hi', '--body', 'hello', '--threads-dir', dir],
    { env },
  );
  expect(made.code, made.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one entry size limit on every surface', { timeout: 120_000 }, () => {
  it('the CLI takes MAX_ENTRY_BYTES and refuses one byte more', async () => {
    const file = join(dir, '..', `${dir.split('/').at(-1)}-body.txt`);
    writeFileSync(file, 'a'.repeat(MAX_ENTRY_BYTES));
    const ok = await runBin(
      ['say', 'limit', '--title', 'max', '--body-file', file, '--threads-dir', dir],
      { env },
    );
    expect(ok.code, ok.stderr).toBe(0);
    writeFileSync(file, 'a'.repeat(MAX_ENTRY_BYTES + 1));
    const before = thread();
    const over = await runBin(
      ['say', 'limit', '--title', 'over', '--body-file', file, '--threads-dir', dir],
      { env },
    );
    rmSync(file);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(REFUSAL);
    expect(thread()).toBe(before);
  });

  it.each(['stdio', 'http'])(
    'MCP over %s takes MAX_ENTRY_BYTES and refuses one byte more',
    async (kind) => {
      const client =
        kind === 'stdio'
          ? (await stdioClient(dir, { env })).client
          : await httpClient((await httpServer(dir, { env })).url);
      const say = (body: string, title: string) =>
        call(client, 'watercooler_say', { topic: 'limit', title, body });
      const ok = await say('b'.repeat(MAX_ENTRY_BYTES), 'max');
      expect(ok.isError ?? false, textOf(ok)).toBe(false);
      const before = thread();
      const over = await say('b'.repeat(MAX_ENTRY_BYTES + 1), 'over');
      expect(over.isError).toBe(true);
      expect(textOf(over)).toMatch(REFUSAL);
      expect(thread()).toBe(before);
    },
  );
});
