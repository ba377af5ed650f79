import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { WatercoolerError, type ErrorCode } from './errors.js';
import { redact, registerSecret } from './redact.js';

/**
 * The one way the project runs git: the system binary, never a prompt, never a credential in
 * argv, a URL or `.git/config`. Every failure becomes a GitError whose text went through redact().
 */
export interface GitRunnerOptions {
  /** The git dir (`--git-dir`); a bare clone here. */
  gitDir?: string;
  /** The environment to start from (PATH, HOME, the user's SSH agent…). */
  env?: Record<string, string | undefined>;
  /** A token for HTTPS remotes, handed over by an environment-scoped credential helper. */
  token?: string;
  /** Extra `-c key=value` settings for every command. */
  config?: Record<string, string>;
}

export interface GitCallOptions {
  input?: string | Buffer;
  /** Resolve with the exit code instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  /** Kill git after this long (network commands); the failure reads as a timeout. */
  timeoutMs?: number;
  env?: Record<string, string>;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What a failed remote command means for the caller. */
export type GitFailureKind = 'unreachable' | 'auth' | 'not-found' | 'rejected' | 'other';

/** A git command that failed: its exit code and (redacted) stderr. */
export class GitError extends WatercoolerError {
  readonly exitCode: number;
  readonly stderr: string;
  readonly kind: GitFailureKind;

  constructor(
    code: ErrorCode,
    message: string,
    details: { exitCode: number; stderr: string; kind: GitFailureKind; hint?: string },
  ) {
    super(code, message, { hint: details.hint });
    this.name = 'GitError';
    this.exitCode = details.exitCode;
    this.stderr = redact(details.stderr);
    this.kind = details.kind;
  }
}

const TOKEN_VAR = 'WATERCOOLER_GIT_CREDENTIAL_TOKEN';
// Reads the token from the environment at the moment git asks; "store"/"erase" are ignored so the
// token is never handed to another helper or written anywhere.
const HELPER = `!f() { test "$1" = get || exit 0; echo username=x-access-token; echo "password=$${TOKEN_VAR}"; }; f`;

/** The environment git runs with: non-interactive, C locale (stable messages), scoped credentials. */
function gitEnvironment(options: GitRunnerOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  env.GCM_INTERACTIVE = 'never';
  env.LC_ALL = 'C';
  env.LANG = 'C';
  // Never open a pager or an editor, never start a background gc that outlives us.
  env.GIT_PAGER = 'cat';
  env.GIT_EDITOR = 'true';
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined)
    env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  const settings: [string, string][] = [['gc.autoDetach', 'false']];
  for (const [k, v] of Object.entries(options.config ?? {})) settings.push([k, v]);
  if (options.token !== undefined && options.token !== '') {
    registerSecret(options.token);
    env[TOKEN_VAR] = options.token;
    // An empty value resets the helper list: only ours answers, and nothing stores the token.
    settings.push(['credential.helper', ''], ['credential.helper', HELPER]);
  }
  let count = Number(env.GIT_CONFIG_COUNT ?? '0');
  if (!Number.isInteger(count) || count < 0) count = 0;
  for (const [key, value] of settings) {
    env[`GIT_CONFIG_KEY_${count}`] = key;
    env[`GIT_CONFIG_VALUE_${count}`] = value;
    count++;
  }
  env.GIT_CONFIG_COUNT = String(count);
  return env;
}

/** Reads what a failed remote command's stderr means (git's messages under LC_ALL=C). */
export function classifyFailure(stderr: string): GitFailureKind {
  const s = stderr.toLowerCase();
  if (
    /authentication failed|could not read (username|password)|permission denied \(|http(?:\s+status)?\s*40[13]\b|returned error: 40[13]|terminal prompts disabled|invalid username or password|access denied/.test(
      s,
    )
  ) {
    return 'auth';
  }
  if (
    /stale info|non-fast-forward|fetch first|\[rejected\]|failed to update ref|cannot lock ref|failed to lock|incorrect old value/.test(
      s,
    )
  ) {
    return 'rejected';
  }
  if (/repository '.*' not found|returned error: 404|repository not found/.test(s))
    return 'not-found';
  if (
    /could not resolve|couldn't resolve|failed to connect|connection refused|connection reset|connection timed out|timed out|unable to access|empty reply|rpc failed|remote end hung up|early eof|network is unreachable|no route to host|could not read from remote|does not appear to be a git repository|returned error: 5\d\d|transfer closed|recv failure|send failure|broken pipe|unexpected disconnect|killed by watercooler timeout/.test(
      s,
    )
  ) {
    return 'unreachable';
  }
  return 'other';
}

const KIND_CODE: Record<GitFailureKind, ErrorCode> = {
  unreachable: 'UNREACHABLE',
  auth: 'AUTH',
  'not-found': 'REPO_NOT_FOUND',
  rejected: 'CONFLICT',
  other: 'GIT',
};

const KIND_HINT: Record<GitFailureKind, string> = {
  unreachable:
    'Check the network and the remote URL; writes are kept in the outbox until `watercooler sync` can reach it.',
  auth: 'Check your credentials: an SSH key in your agent, your git credential helper, or a token in WATERCOOLER_GITHUB_TOKEN / GITHUB_TOKEN with contents: write.',
  'not-found': 'Check the remote URL, and that your credentials can see the repository.',
  rejected: 'Another writer won the race; run the command again (it is safe to repeat).',
  other:
    'Run the same git command by hand in the clone to see more (the stderr above is redacted).',
};

/** Turns a failed command into a GitError that says what failed and what to do. */
export function gitFailure(args: readonly string[], result: GitResult): GitError {
  const kind = classifyFailure(result.stderr);
  const lines = result.stderr
    .split('\n')
    .map((l) => l.replace(/^(fatal|error):\s*/, '').trim())
    .filter((l) => l !== '');
  const detail = lines.slice(0, 2).join(' / ');
  return new GitError(
    KIND_CODE[kind],
    `git ${args[0] ?? ''} failed (exit ${result.code}): ${detail || 'no output'}`,
    {
      exitCode: result.code,
      stderr: result.stderr,
      kind,
      hint: KIND_HINT[kind],
    },
  );
}

/** Runs git commands against one repository with one environment. */
export class GitRunner {
  readonly env: Record<string, string>;
  readonly gitDir: string | undefined;

  constructor(options: GitRunnerOptions) {
    this.env = gitEnvironment(options);
    this.gitDir = options.gitDir;
  }

  private argv(args: readonly string[]): string[] {
    return this.gitDir === undefined ? [...args] : [`--git-dir=${this.gitDir}`, ...args];
  }

  /** Runs `git <args>`; throws a GitError on a non-zero exit unless `allowFailure`. */
  run(args: readonly string[], options: GitCallOptions = {}): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      let child: ChildProcessWithoutNullStreams;
      try {
        child = spawn('git', this.argv(args), {
          env: { ...this.env, ...options.env },
          stdio: 'pipe',
        });
      } catch (err) {
        reject(
          new WatercoolerError('GIT', `Could not start git: ${(err as Error).message}`, {
            hint: 'Install git and put it on PATH.',
          }),
        );
        return;
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              child.kill('SIGKILL');
            }, options.timeoutMs);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', (e: NodeJS.ErrnoException) => {
        if (timer !== undefined) clearTimeout(timer);
        const hint = e.code === 'ENOENT' ? 'Install git and put it on PATH.' : undefined;
        reject(new WatercoolerError('GIT', `Could not run git: ${e.message}`, { hint }));
      });
      child.on('close', (code) => {
        if (timer !== undefined) clearTimeout(timer);
        let stderr = redact(Buffer.concat(err).toString('utf8'));
        if (timedOut) stderr += `\nkilled by watercooler timeout after ${options.timeoutMs} ms`;
        const result = { code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr };
        if (result.code !== 0 && options.allowFailure !== true) reject(gitFailure(args, result));
        else resolve(result);
      });
      child.stdin.on('error', () => {
        // git may exit before reading its input; the exit code tells the story.
      });
      child.stdin.end(options.input);
    });
  }

  /** Starts a long-lived `git cat-file --batch` on this repository. */
  catFile(): CatFile {
    return new CatFile(
      spawn('git', this.argv(['cat-file', '--batch']), { env: this.env, stdio: 'pipe' }),
    );
  }
}

/** One object as `cat-file --batch` answers it; null content when missing. */
export interface GitObject {
  sha: string;
  type: string;
  content: Buffer;
}

interface Waiter {
  resolve: (value: GitObject | null) => void;
  reject: (err: Error) => void;
}

/**
 * A long-lived `git cat-file --batch`: one process answers every read, in order. git re-scans its
 * packs when an object is missing, so objects fetched by other processes are found too.
 */
export class CatFile {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiters: Waiter[] = [];
  private failed: Error | null = null;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => {
      this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d]);
      this.drain();
    });
    const fail = (message: string): void => {
      this.failed = new WatercoolerError('GIT', message, {
        hint: 'Check that git is installed and the clone is intact.',
      });
      for (const w of this.waiters.splice(0)) w.reject(this.failed);
    };
    child.on('error', (e) => fail(`git cat-file could not run: ${e.message}`));
    child.on('close', () => fail('git cat-file stopped.'));
    child.stdin.on('error', () => {});
    child.stderr.resume();
  }

  /** The object a name (`<sha>`, `<commit>:<path>`) resolves to, or null. */
  get(name: string): Promise<GitObject | null> {
    if (this.failed !== null) return Promise.reject(this.failed);
    if (/[\r\n]/.test(name)) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.child.stdin.write(`${name}\n`);
    });
  }

  private drain(): void {
    for (;;) {
      const waiter = this.waiters[0];
      if (waiter === undefined) return;
      const eol = this.buffer.indexOf(10);
      if (eol === -1) return;
      const header = this.buffer.subarray(0, eol).toString('utf8');
      const parts = header.split(' ');
      // "<name> missing" echoes the name asked for, which may hold spaces ("Plan B.md").
      if (/ (missing|ambiguous)$/.test(header) && !/^[0-9a-f]+ \w+ \d+$/.test(header)) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.waiters.shift();
        waiter.resolve(null);
        continue;
      }
      const size = Number(parts[2]);
      if (parts.length !== 3 || !Number.isInteger(size)) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.waiters.shift();
        waiter.reject(
          new WatercoolerError(
            'GIT',
            `Unexpected answer from git cat-file: ${header.slice(0, 80)}`,
          ),
        );
        continue;
      }
      if (this.buffer.length < eol + 1 + size + 1) return;
      const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
      this.buffer = this.buffer.subarray(eol + 1 + size + 1);
      this.waiters.shift();
      waiter.resolve({ sha: parts[0] ?? '', type: parts[1] ?? '', content });
    }
  }

  /** Ends the process. */
  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
