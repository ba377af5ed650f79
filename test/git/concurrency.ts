/** Shared by the concurrency test and bench/git.ts: bundle the writer once, run N of them at once. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface WriterOutcome {
  index: number;
  results: { topic: string; entry_id: string | null; pending: boolean; ms: number }[];
  ms: number;
}

let bundled: string | null = null;

/** The writer bundled into one ESM file (fast start, no TypeScript loader in 50 processes). */
async function writerBundle(): Promise<string> {
  if (bundled !== null) return bundled;
  const out = join(mkdtempSync(join(tmpdir(), 'wc-writer-')), 'writer.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url))],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  bundled = out;
  return out;
}

/** Starts `writers` processes at once, each saying `count` entries; resolves when all are done. */
export async function runWriters(options: {
  url: string;
  writers: number;
  count: number;
  topics: string[];
  cacheDir: string;
  cloneDir?: string;
  token?: string;
  budgetMs?: number;
}): Promise<{ outcomes: WriterOutcome[]; ms: number }> {
  const script = await writerBundle();
  const started = Date.now();
  const children: ReturnType<typeof spawn>[] = [];
  const runs = Array.from({ length: options.writers }, (_, index) => {
    const cfg = {
      url: options.url,
      cacheDir: options.cacheDir,
      cloneDir: options.cloneDir,
      token: options.token,
      index,
      count: options.count,
      topics: options.topics,
      budgetMs: options.budgetMs ?? 120_000,
    };
    return new Promise<WriterOutcome>((resolve, reject) => {
      const child = spawn(process.execPath, [script, JSON.stringify(cfg)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
      });
      children.push(child);
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => {
        if (code === 0) resolve(JSON.parse(out) as WriterOutcome);
        else reject(new Error(`writer ${index} exited ${code}: ${err.slice(0, 2000)}`));
      });
    });
  });
  let outcomes: WriterOutcome[];
  try {
    outcomes = await Promise.all(runs);
  } catch (err) {
    // One failed: stop the others rather than leave them running after the test.
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    throw err;
  }
  return { outcomes, ms: Date.now() - started };
}
