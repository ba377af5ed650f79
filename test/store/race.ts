/**
 * Machines racing for one branch, shared by test/store/race-machines.test.ts and bench/git.ts:
 * each machine is its own cache folder (so its own clone) running the built CLI, all at once,
 * each saying `says` entries one after the other. A write kept in the outbox (exit 4) is finished
 * by `watercooler sync` on its machine afterwards, and counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseThread } from '../../core/index.js';
import { type HttpRemote, gitIn, remoteFile } from '../helpers/git-remote.js';
import { cleanEnv, runBin } from '../helpers/run-bin.js';

export interface RaceOptions {
  /** What `--git` takes. */
  url: string;
  machines: number;
  says: number;
  /** The thread machine `m` writes to. */
  topicOf: (machine: number) => string;
  /** WATERCOOLER_RETRY_BUDGET_MS; the CLI's default when absent. */
  budgetMs?: number;
}

export interface RaceReport {
  /** Writes the CLI answered as landed (exit 0). */
  landed: number;
  /** Writes answered `pending` (exit 4): finished through the outbox (by the machine's next command or `sync`). */
  throughOutbox: number;
  /** Writes that failed outright (any other exit): "given up". */
  gaveUp: { machine: number; code: number | null; stderr: string }[];
  /** Entry-IDs the CLI handed out, in order of answer. */
  entryIds: string[];
  /** `say` wall times in ms (landed or pending). */
  sayMs: number[];
  /** From the first start to the last answer, sync included. */
  totalMs: number;
}

type SayResult = { entry_id: string; pending: boolean };

/** A machine: its own cache folder (so its own clone), a commit identity, a retry budget. */
export function machineEnv(cache: string, budgetMs?: number): Record<string, string> {
  return cleanEnv({
    XDG_CACHE_HOME: cache,
    WATERCOOLER_GIT_AUTHOR: 'Racer',
    WATERCOOLER_GIT_EMAIL: 'racer@example.com',
    ...(budgetMs === undefined ? {} : { WATERCOOLER_RETRY_BUDGET_MS: String(budgetMs) }),
  });
}

/** Runs the race; afterwards every machine with something pending runs `sync` until it is sent. */
export async function raceMachines(options: RaceOptions): Promise<RaceReport> {
  const root = mkdtempSync(join(tmpdir(), 'wc-race-'));
  const report: RaceReport = {
    landed: 0,
    throughOutbox: 0,
    gaveUp: [],
    entryIds: [],
    sayMs: [],
    totalMs: 0,
  };
  const started = performance.now();
  try {
    const machine = async (m: number): Promise<void> => {
      const env = machineEnv(join(root, `machine-${m}`), options.budgetMs);
      let pending = 0;
      for (let s = 0; s < options.says; s++) {
        const args = ['say', options.topicOf(m), '--agent', `M${m}`, '--title', `m${m}-${s}`];
        const t = performance.now();
        const r = await runBin(
          [...args, '--body', `say ${s} of machine ${m}`, '--json', '--git', options.url],
          { env },
        );
        report.sayMs.push(performance.now() - t);
        if (r.code !== 0 && r.code !== 4) {
          report.gaveUp.push({ machine: m, code: r.code, stderr: r.stderr });
          continue;
        }
        const result = JSON.parse(r.stdout) as SayResult;
        report.entryIds.push(result.entry_id);
        if (result.pending) pending++;
        else report.landed++;
      }
      report.throughOutbox += pending;
      // A later say on this machine may have sent it already; sync sends what is left.
      for (let tries = 0; pending > 0 && tries < 10; tries++) {
        const r = await runBin(['sync', '--json', '--git', options.url], { env });
        pending = (JSON.parse(r.stdout) as { pending: unknown[] }).pending.length;
      }
    };
    await Promise.all(Array.from({ length: options.machines }, (_, m) => machine(m)));
    report.totalMs = performance.now() - started;
    return report;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every Entry-ID on the remote's branch, over the threads the machines wrote. */
export function entryIdsOnRemote(bareDir: string, topics: Iterable<string>): string[] {
  const ids: string[] = [];
  for (const topic of new Set(topics)) {
    const text = remoteFile(bareDir, `threads/${topic}.md`);
    if (text === null) continue;
    for (const e of parseThread(text).entries) ids.push(e.entryId ?? 'missing');
  }
  return ids;
}

/** The writers' tickets left on the remote (empty once the line has moved on). */
export function ticketRefs(bareDir: string): string[] {
  return gitIn(bareDir, ['for-each-ref', '--format=%(refname)', 'refs/watercooler/queue/'])
    .split('\n')
    .filter((l) => l !== '');
}

/**
 * Calls `onPush` on each push of the machine reaching the remote as `/<alias>.git` to the branch
 * (its tickets pass untouched): what a test does there decides whether that push wins.
 */
export function onBranchPush(
  remote: HttpRemote,
  alias: string,
  onPush: () => void | Promise<void>,
): void {
  remote.gate = async ({ method, path, body }) => {
    if (method !== 'POST' || !path.startsWith(`/${alias}.git/`) || !path.endsWith('receive-pack'))
      return;
    if (body.includes('refs/heads/main')) await onPush();
  };
}
