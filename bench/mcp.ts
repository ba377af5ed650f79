/**
 * The MCP server's SPEC §9 rows, measured against the built `watercooler mcp` over stdio with
 * the SDK Client: tool round trips (p50/p95) on a local store of 1,000 threads × 20 entries,
 * the size of `tools/list`, and the server's resident memory when idle.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
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

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export async function bench(): Promise<BenchRow[]> {
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

    const raw = await client.listTools();
    const bytes = Buffer.byteLength(JSON.stringify(raw));
    rows.push({
      work: 'tools/list size (16 tools)',
      ours: `${bytes} B ≈ ${Math.round(bytes / 4)} tokens`,
      target: '< 4,000 tokens',
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
