/**
 * The MCP server's SPEC §9 rows, measured against the built `watercooler mcp`: over stdio with
 * the SDK Client, tool round trips (p50/p95) on a local store of 1,000 threads × 20 entries,
 * the size of `tools/list` in cl100k tokens and the resident memory when idle; over HTTP, the
 * resident memory when idle and after 1,000 sessions were opened, abandoned and expired.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { encode } from 'gpt-tokenizer/encoding/cl100k_base';
import { type OpenSession, closedSessions, openSession, rssMb } from '../test/mcp/sessions.js';
import { makeThread } from './core.js';
import { type BenchRow, ms, percentiles } from './table.js';

const BIN = fileURLToPath(new URL('../dist/watercooler.js', import.meta.url));

async function timeCalls(
  client: Client,
  name: string,
  args: () => Record<string, unknown>,
  runs: number,
): Promise<number[]> {
  for (let i = 0; i < 5; i++) await client.callTool({ name, arguments: args() }); // warm caches and JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const result = await client.callTool({ name, arguments: args() });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (result.isError === true)
      throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  }
  return samples;
}

export async function bench(): Promise<BenchRow[]> {
  return [...(await overStdio()), ...(await abandonedSessions())];
}

async function overStdio(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wc-bench-mcp-'));
  const template = makeThread('TOPIC', 20);
  for (let i = 0; i < 1000; i++) {
    const topic = `thread-${String(i).padStart(4, '0')}`;
    writeFileSync(join(dir, `${topic}.md`), template.replaceAll('TOPIC', topic));
  }
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', '--threads-dir', dir],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WATERCOOLER_USER: 'bench' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' });
  try {
    await client.connect(transport);
    const pid = transport.pid;
    const rows: BenchRow[] = [];
    if (pid !== null) {
      await new Promise((r) => setTimeout(r, 1000));
      rows.push({
        work: 'idle RSS (started, nothing asked yet)',
        ours: `${rssMb(pid).toFixed(1)} MB`,
        target: '≤ 80 MB',
      });
      await client.callTool({ name: 'watercooler_list_threads', arguments: {} });
      await new Promise((r) => setTimeout(r, 1000));
      rows.push({
        work: 'idle RSS (started, one list of 1,000 threads)',
        ours: `${rssMb(pid).toFixed(1)} MB`,
        target: '≤ 80 MB',
      });
    }
    rows.push(...(await callRows(client)));

    const list = JSON.stringify(await client.listTools());
    rows.push({
      work: 'tools/list size (16 tools), cl100k tokens',
      ours: `${encode(list).length} tokens (${Buffer.byteLength(list)} B)`,
      target: '< 3,000 tokens',
    });

    if (pid !== null) {
      await new Promise((r) => setTimeout(r, 1500)); // let the server settle after the load
      rows.push({
        work: 'RSS after the 900 calls above',
        ours: `${rssMb(pid).toFixed(1)} MB`,
        target: '(≤ 80 MB is for idle)',
      });
    }
    return rows;
  } finally {
    await client.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Round trips of the tools agents call most, over stdio. */
async function callRows(client: Client): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const row = (work: string, samples: number[], target: string) => {
    const { p50, p95 } = percentiles(samples);
    rows.push({ work, ours: `p50 ${ms(p50)} / p95 ${ms(p95)}`, target });
  };
  row(
    'tool round trip over stdio (whoami)',
    await timeCalls(client, 'watercooler_whoami', () => ({}), 300),
    '≤ 5 ms',
  );
  row(
    'read_thread, 20 entries, 1,000 threads',
    await timeCalls(client, 'watercooler_read_thread', () => ({ topic: 'thread-0500' }), 300),
    '≤ 0.3 ms in-process (+ round trip)',
  );
  row(
    'list_threads, 1,000 threads (limit 50)',
    await timeCalls(client, 'watercooler_list_threads', () => ({ format: 'json' }), 100),
    '≤ 10 ms',
  );
  let n = 0;
  row(
    'say (write), local store',
    await timeCalls(
      client,
      'watercooler_say',
      () => ({
        topic: `thread-${String(n++ % 1000).padStart(4, '0')}`,
        title: 'Bench',
        body: 'A short entry.',
      }),
      200,
    ),
    '—',
  );
  return rows;
}

const SESSIONS = 1000;
const IDLE_S = 3;

/**
 * `watercooler mcp --http` on an empty folder: RSS once idle (one session opened and expired, so
 * the SDK's code is loaded), with 1,000 sessions open at once (each as a client opens one, its
 * GET stream held), and after their clients vanished and the sessions expired. The test bounds
 * the last row; this prints it.
 */
async function abandonedSessions(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wc-bench-mcp-http-'));
  const proc = spawn(
    process.execPath,
    [BIN, 'mcp', '--threads-dir', dir, '--http', '--port', '0'].concat([
      '--session-idle',
      String(IDLE_S),
      '--max-sessions',
      String(SESSIONS * 2),
    ]),
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        WATERCOOLER_USER: 'bench',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 180_000;
    while (!check()) {
      if (proc.exitCode !== null) throw new Error(`the server exited: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const closed = () => closedSessions(stderr);
  try {
    await until(() => /listening on http:\/\/\S+/.test(stderr), 'the server');
    const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1] ?? '';
    const pid = proc.pid ?? 0;
    (await openSession(url)).hangUp();
    await until(() => closed() >= 1, 'the first session to expire');
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssMb(pid);
    const open: OpenSession[] = [];
    for (let i = 0; i < SESSIONS; i += 10)
      open.push(...(await Promise.all(Array.from({ length: 10 }, () => openSession(url)))));
    const peak = rssMb(pid);
    for (const session of open) session.hangUp();
    await until(() => closed() >= SESSIONS + 1, 'every session to expire');
    await new Promise((r) => setTimeout(r, 5000)); // the sweeps after the last expiry collect
    const after = rssMb(pid);
    return [
      {
        work: 'HTTP: idle RSS (one session opened and expired)',
        ours: `${idle.toFixed(1)} MB`,
        target: '≤ 80 MB',
      },
      {
        work: `HTTP: RSS with ${SESSIONS.toLocaleString('en')} sessions open`,
        ours: `${peak.toFixed(1)} MB (${(((peak - idle) * 1024) / SESSIONS).toFixed(0)} KB each)`,
        target: '—',
      },
      {
        work: `HTTP: RSS after they were abandoned and expired (--session-idle ${IDLE_S})`,
        ours: `${after.toFixed(1)} MB (idle ${after >= idle ? '+' : '−'}${Math.abs(after - idle).toFixed(1)} MB)`,
        target: '≤ idle + 50 MB',
      },
    ];
  } finally {
    const exited = new Promise((r) => proc.once('exit', r));
    if (proc.exitCode === null && proc.kill('SIGTERM')) await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
