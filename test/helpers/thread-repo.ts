/**
 * Real work-tree repositories of threads for validator and Action tests: threads written by our
 * own operations, real commits (with messages and trailers), branches and forced updates.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_REGISTRY, type Operation, applyOperation } from '../../core/index.js';

export interface ThreadRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  read(path: string): string;
  remove(path: string): void;
  /** Applies one of our operations to a thread file (created when missing). */
  apply(path: string, op: Operation): string;
  /** Commits everything; returns the new sha. */
  commit(message: string): string;
  head(): string;
  cleanup(): void;
}

let clock = Date.UTC(2026, 0, 1);

/** An operation context with a clock that moves one second per call (stable, distinct times). */
export const CONTEXT = {
  registry: DEFAULT_REGISTRY,
  defaultBall: 'Team',
  user: 'amy',
  now: () => new Date((clock += 1000)),
};

export function createThreadRepo(): ThreadRepo {
  const dir = mkdtempSync(join(tmpdir(), 'wc-validate-'));
  const env = {
    ...process.env,
    LC_ALL: 'C',
    GIT_AUTHOR_NAME: 'Tester',
    GIT_AUTHOR_EMAIL: 'tester@example.com',
    GIT_COMMITTER_NAME: 'Tester',
    GIT_COMMITTER_EMAIL: 'tester@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  git('init', '--quiet', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  const repo: ThreadRepo = {
    dir,
    git,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    remove: (path) => unlinkSync(join(dir, path)),
    apply(path, op) {
      let current: string | null;
      try {
        current = readFileSync(join(dir, path), 'utf8');
      } catch {
        current = null;
      }
      const result = applyOperation(current, op, CONTEXT);
      repo.write(path, result.text);
      return result.entryId ?? '';
    },
    commit(message) {
      git('add', '-A');
      git('commit', '--quiet', '--allow-empty', '-m', message);
      return repo.head();
    },
    head: () => git('rev-parse', 'HEAD').trim(),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return repo;
}

/** A `say` operation with a readable default body. */
export function say(
  topic: string,
  n: number,
  extra: Partial<Extract<Operation, { kind: 'say' }>> = {},
): Operation {
  return {
    kind: 'say',
    topic,
    agent: n % 2 === 0 ? 'Claude' : 'Codex',
    title: `Entry ${n}`,
    body: `Body of entry ${n}.\n\n- a list item\n- another one`,
    ...extra,
  };
}
