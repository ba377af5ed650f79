import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { GitRunner } from '../git.js';
import type { TreeEntry } from './git-tree.js';

/**
 * Writes a write's objects (blobs, trees, the commit) into the clone as loose objects, from this
 * process: a `hash-object`, a `mktree` per folder and a `commit-tree` were four git processes,
 * a third of a warm write's time. The bytes are git's own (`<type> <size>\0<content>`, deflated),
 * so every git reads them; each lands by rename, whole or not at all, and writers sharing the
 * clone who write the same object write the same bytes.
 *
 * What `commit-tree` would read from git's configuration is read once (`git var -l`): the
 * author and committer (refused as git refuses them: no name, or an email git only guessed) and
 * the object format. Like `commit-tree`, it never signs (`commit.gpgSign` is `git commit`'s);
 * messages are UTF-8, git's default, so commits carry no encoding header.
 */
export interface Identity {
  name: string;
  email: string;
}

/** `Name <email>`, and the date git was told to use (null: the time of each commit). */
interface Signer {
  who: string;
  date: string | null;
}

interface Settings {
  hash: 'sha1' | 'sha256';
  author: Signer;
  committer: Signer;
}

/** `Name <email> 1733170000 +0100` → `Name <email>`; null when git only guessed the email. */
function identOf(line: string | undefined): string | null {
  const m = /^(.*) <([^<>]*)> \d+ [+-]\d{4}$/.exec(line ?? '');
  if (m === null || (m[1] ?? '').trim() === '' || (m[2] ?? '').endsWith('(none)')) return null;
  return `${m[1]} <${m[2]}>`;
}

const truthy = (value: string | undefined) => /^(true|yes|on|1)$/i.test(value ?? '');

const dateOf = (line: string) => / (\d+ [+-]\d{4})$/.exec(line)?.[1] ?? '';

/** Seconds and the local UTC offset, as git writes them. */
function now(): string {
  const d = new Date();
  const offset = -d.getTimezoneOffset();
  const abs = Math.abs(offset);
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${Math.floor(d.getTime() / 1000)} ${zone}`;
}

function typeOf(mode: string): string {
  if (mode === '40000' || mode === '040000') return 'tree';
  if (mode === '160000') return 'commit';
  return 'blob';
}

/** git's tree order: names as bytes, a folder's name as if it ended in `/`. */
function treeOrder(a: TreeEntry, b: TreeEntry): number {
  const key = (e: TreeEntry) => Buffer.from(typeOf(e.mode) === 'tree' ? `${e.name}/` : e.name);
  return Buffer.compare(key(a), key(b));
}

export class ObjectWriter {
  private settings: Promise<Settings> | null = null;

  private readonly objectsDir: string;

  /**
   * `git`: a runner on the clone, the bare repository at `gitDir`; `author`: the author
   * settings on top of its environment (as `commit-tree` would get them); `fallback`: who signs
   * when git knows nobody.
   */
  constructor(
    private readonly git: GitRunner,
    gitDir: string,
    private readonly author: Record<string, string> | undefined,
    private readonly fallback: Identity,
  ) {
    this.objectsDir = join(gitDir, 'objects');
  }

  async blob(content: string): Promise<string> {
    return this.write('blob', Buffer.from(content));
  }

  async tree(entries: readonly TreeEntry[]): Promise<string> {
    const sorted = [...entries].sort(treeOrder);
    const body = Buffer.concat(
      sorted.flatMap((e) => [
        Buffer.from(`${e.mode.replace(/^0+/, '')} ${e.name}\0`),
        Buffer.from(e.sha, 'hex'),
      ]),
    );
    return this.write('tree', body);
  }

  async commit(tree: string, parent: string | null, message: string): Promise<string> {
    const signers = await this.read();
    const at = now();
    const stamp = ({ who, date }: Signer) => `${who} ${date ?? at}`;
    const head = [
      `tree ${tree}`,
      ...(parent === null ? [] : [`parent ${parent}`]),
      `author ${stamp(signers.author)}`,
      `committer ${stamp(signers.committer)}`,
    ];
    return this.write('commit', Buffer.from(`${head.join('\n')}\n\n${message}`));
  }

  private read(): Promise<Settings> {
    this.settings ??= this.load();
    return this.settings;
  }

  private async load(): Promise<Settings> {
    const { stdout } = await this.git.run(['var', '-l'], { env: this.author });
    const vars = new Map<string, string>();
    for (const line of stdout.split('\n')) {
      const eq = line.indexOf('=');
      // Config keys are lowercased by git; the ident variables are upper case.
      if (eq > 0) vars.set(line.slice(0, eq), line.slice(eq + 1));
    }
    const hash = vars.get('extensions.objectformat') === 'sha256' ? 'sha256' : 'sha1';
    const env = { ...this.git.env, ...this.author };
    const author = vars.get('GIT_AUTHOR_IDENT') ?? '';
    const committer = vars.get('GIT_COMMITTER_IDENT') ?? '';
    // git's strict check, as `commit-tree` makes it: a name, and an email it did not guess.
    const given = ['user.email', 'author.email', 'committer.email'].some((k) => vars.has(k));
    const known =
      identOf(author) !== null &&
      identOf(committer) !== null &&
      (!truthy(vars.get('user.useconfigonly')) ||
        given ||
        env.GIT_AUTHOR_EMAIL !== undefined ||
        env.EMAIL !== undefined);
    const fallback = `${this.fallback.name} <${this.fallback.email}>`;
    const signer = (line: string, fixed: string | undefined): Signer => ({
      who: known ? (identOf(line) ?? fallback) : fallback,
      date: fixed === undefined ? null : dateOf(line) || null,
    });
    return {
      hash,
      author: signer(author, env.GIT_AUTHOR_DATE),
      committer: signer(committer, env.GIT_COMMITTER_DATE),
    };
  }

  private async write(type: string, body: Buffer): Promise<string> {
    const { hash } = await this.read();
    const object = Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]);
    const sha = createHash(hash).update(object).digest('hex');
    const folder = join(this.objectsDir, sha.slice(0, 2));
    const path = join(folder, sha.slice(2));
    if (existsSync(path)) return sha;
    mkdirSync(folder, { recursive: true });
    const temp = join(folder, `tmp_obj_${process.pid}_${Math.random().toString(36).slice(2, 10)}`);
    try {
      // core.looseCompression's default: speed over size (git packs them later).
      writeFileSync(temp, deflateSync(object, { level: 1 }), { mode: 0o444 });
      renameSync(temp, path);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
    return sha;
  }
}

/** The environment that makes git sign commits as `name <email>`. */
export function authorEnv(
  name: string | undefined,
  email: string | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  if (name !== undefined) env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = name;
  if (email !== undefined) env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = email;
  return env;
}
