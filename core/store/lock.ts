import { closeSync, lstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { WatercoolerError } from '../errors.js';
import { type RegularFile, readRegularFile } from './regular-file.js';

/**
 * A per-thread lock file created with O_EXCL, in the Python tool's place and format
 * (`.<stem>.lock`, `pid=… time=… user=…`), so the two tools exclude each other. A holder that
 * died is detected by its pid (same host) or by age, and its lock taken over.
 */
export interface LockOptions {
  /** How long to wait for a live holder before giving up. */
  timeoutMs: number;
  /** A lock older than this is stale even if its pid looks alive (pid reuse, another host). */
  staleMs?: number;
  user?: string;
  sleep?: (ms: number) => Promise<void>;
}

const HOST = hostname();

export interface LockInfo {
  path: string;
  contents: string;
  ageMs: number;
  stale: boolean;
}

/** Reads a lock's holder and whether it is stale; null when there is no lock. */
export function inspectLock(path: string, staleMs = 30_000): LockInfo | null {
  let file: RegularFile | null;
  try {
    file = readRegularFile(path);
    // A symlink, FIFO or folder where the lock belongs is nobody's lock: stale, and never read.
    if (file === null) {
      lstatSync(path); // Throws when there is nothing there at all.
      return { path, contents: '', ageMs: 0, stale: true };
    }
  } catch {
    return null;
  }
  const ageMs = Math.max(0, Date.now() - file.stat.mtimeMs);
  return { path, contents: file.text, ageMs, stale: ageMs > staleMs || holderIsDead(file.text) };
}

function holderIsDead(contents: string): boolean {
  const pid = Number(/pid=(\d+)/.exec(contents)?.[1]);
  const host = /host=(\S+)/.exec(contents)?.[1];
  if (!Number.isInteger(pid) || pid <= 0 || (host !== undefined && host !== HOST)) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes the lock, waiting for a live holder; returns the function that releases it. */
export async function acquireLock(path: string, options: LockOptions): Promise<() => void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  const line = `pid=${process.pid} time=${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')} user=${options.user ?? ''} host=${HOST}\n`;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, line);
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // Already gone: someone judged it stale (we were stopped too long); nothing to undo.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const info = inspectLock(path, options.staleMs);
    if (info?.stale === true) {
      await breakStale(path, info.contents);
      continue;
    }
    if (Date.now() - started > options.timeoutMs) {
      throw new WatercoolerError(
        'LOCKED',
        `Another writer has held ${path} for ${Math.round((info?.ageMs ?? 0) / 1000)} s.`,
        {
          hint: 'Wait and retry; if no watercooler process is running, remove it with `watercooler unlock TOPIC`.',
        },
      );
    }
    await sleep(delay + Math.random() * delay);
  }
}

/**
 * Removes a stale lock without removing a fresh one that replaced it meanwhile: only one
 * process at a time may break a lock (a second O_EXCL file), and it re-reads the holder first.
 */
async function breakStale(path: string, seen: string): Promise<void> {
  const breaker = `${path}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, 'wx', 0o644);
  } catch {
    // Someone else is breaking it; a breaker left by a killed process is itself stale after 5 s.
    const age = inspectLock(breaker, 5_000);
    if (age !== null && age.ageMs > 5_000) {
      try {
        unlinkSync(breaker);
      } catch {
        // Raced with another breaker; fine.
      }
    }
    await new Promise((r) => setTimeout(r, 5));
    return;
  }
  try {
    let now: string | null = null;
    try {
      const file = readRegularFile(path);
      if (file === null) lstatSync(path); // Not a regular file: '' as inspectLock saw it.
      now = file?.text ?? '';
    } catch {
      now = null;
    }
    if (now === seen) {
      try {
        unlinkSync(path);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EISDIR' && code !== 'EPERM') throw err;
        throw new WatercoolerError('LOCKED', `${path} is a folder where a lock file belongs.`, {
          hint: 'Remove that folder; the write is safe to repeat.',
        });
      }
    }
  } finally {
    closeSync(fd);
    unlinkSync(breaker);
  }
}
