import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Operation } from '../operations.js';
import { newEntryId } from '../thread/entry.js';
import { writeFileAtomic } from './atomic.js';
import type { PendingOperation } from './store.js';

/**
 * A folder of operations shared by the processes of one clone: the git store keeps two — the
 * write queue (requests waiting for this clone's group commit, git-group.ts) and the outbox
 * (writes that could not reach the remote, or ran out of retry budget, git-outbox.ts). One JSON
 * file per operation, named by a ULID so that file order is queue order. Each file is written durably (temp, fsync,
 * rename), so a crash keeps it or never had it. Writer processes share the folder without a lock:
 * a replayer claims an operation by renaming its file (only one rename wins), and a claim left by
 * a dead process is handed back.
 */
export interface StoredOperation extends PendingOperation {
  /** The last replay failed for a reason a retry will not fix (the operation is invalid now). */
  permanent?: boolean;
  /** When the operation was first written (a replay keeps this time on its entry). */
  writtenAt?: string;
}

export interface Claim {
  item: StoredOperation;
  /** The operation reached the remote: forget it. */
  done(): void;
  /** Not yet: put it back, with the reason. */
  release(lastError: string, permanent?: boolean): void;
  /** Put it back unchanged, for another process to take. */
  putBack(): void;
}

const CLAIMED = /^(.+\.json)\.claimed-(\d+)-[a-z0-9]+$/;

export class FileQueue {
  constructor(readonly dir: string) {}

  /** Queues an operation (its Entry-ID already fixed, so a replay is idempotent). */
  add(op: Operation, lastError: string | null, writtenAt?: Date): StoredOperation {
    mkdirSync(this.dir, { recursive: true });
    const id = newEntryId();
    const item: StoredOperation = { id, op, queuedAt: new Date().toISOString(), lastError };
    if (writtenAt !== undefined) item.writtenAt = writtenAt.toISOString();
    writeFileAtomic(join(this.dir, `${id}.json`), `${JSON.stringify(item, null, 2)}\n`);
    return item;
  }

  /** Every queued operation, oldest first, claimed ones included. */
  list(): StoredOperation[] {
    return this.files()
      .map((name) => this.load(join(this.dir, name)))
      .filter((item): item is StoredOperation => item !== null)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** True when nothing waits (a readdir: cheap enough to check before every read). */
  isEmpty(): boolean {
    return this.files().length === 0;
  }

  /** Takes one queued operation for replay; null when another process has it or it is gone. */
  claim(id: string): Claim | null {
    const path = join(this.dir, `${id}.json`);
    const claimed = `${path}.claimed-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      renameSync(path, claimed);
    } catch {
      return null;
    }
    const item = this.load(claimed);
    if (item === null) {
      safeUnlink(claimed);
      return null;
    }
    return {
      item,
      done: () => safeUnlink(claimed),
      release: (lastError, permanent) => {
        writeFileAtomic(path, `${JSON.stringify({ ...item, lastError, permanent }, null, 2)}\n`);
        safeUnlink(claimed);
      },
      putBack: () => {
        try {
          renameSync(claimed, path);
        } catch {
          // Gone (reclaimed as stale): nothing to hand back.
        }
      },
    };
  }

  /** Hands back operations claimed by processes that died mid-replay. */
  reclaimStale(): void {
    for (const name of this.files()) {
      const match = CLAIMED.exec(name);
      if (match?.[1] === undefined || isAlive(Number(match[2]))) continue;
      try {
        renameSync(join(this.dir, name), join(this.dir, match[1]));
      } catch {
        // Another process reclaimed it first.
      }
    }
  }

  private files(): string[] {
    try {
      return readdirSync(this.dir).filter((n) => n.endsWith('.json') || CLAIMED.test(n));
    } catch {
      return [];
    }
  }

  private load(path: string): StoredOperation | null {
    try {
      const item = JSON.parse(readFileSync(path, 'utf8')) as StoredOperation;
      return typeof item.id === 'string' && typeof item.op === 'object' ? item : null;
    } catch {
      return null;
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function safeUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
