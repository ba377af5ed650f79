import type { AgentRegistry } from './agents.js';
import { CONFIG_FILE, parseAgentsFile, parseConfig, threadsConfigOf } from './config-parse.js';
import { WatercoolerError } from './errors.js';
import type { ThreadsConfig } from './store/store.js';
import { topicFileStem } from './thread/entry.js';

/**
 * The one layout rule: where the threads sit in a tree, which files are threads, and which file
 * holds a topic. Every store, the validator and the Action ask here, so they can never look in
 * different folders. Pure (a tree is read through `TreeReader`), so it runs in the Workers runtime.
 */
export interface TreeEntry {
  name: string;
  /** Only regular files can be threads: a symlink, FIFO or folder named `x.md` is 'other'. */
  type: 'file' | 'dir' | 'other';
  /** A blob sha, or a stat key: equal ids mean equal bytes. */
  id: string;
}

/** A tree as the layout rule reads it; paths are '/'-separated, relative to its root. */
export interface TreeReader {
  entries(dir: string): Promise<TreeEntry[]>;
  text(path: string): Promise<string | null>;
}

export interface Layout {
  /** The threads folder inside the tree ('' for its root). */
  dir: string;
  /**
   * True when the threads share their folder with a repository's own files (a repository root):
   * then README.md and friends are not threads.
   */
  sharedRoot: boolean;
  config: ThreadsConfig;
}

export interface LayoutOptions {
  /** The threads folder when the caller fixed it (a local folder, the Action's input). */
  threadsDir?: string;
  /** Overrides of the repository's own config (an `--agents-file`, a default ball). */
  registry?: AgentRegistry;
  defaultBall?: string;
  log?: (line: string) => void;
}

/** The Python tool's own default folder, used when a tree has it and no `threads/`. */
const PYTHON_THREADS_DIR = '.watercooler';
// Markdown files a repository keeps at its root that are not threads.
const NOT_THREADS = /^(index|readme|changelog|contributing|license|code_of_conduct|security)\.md$/i;
const ROOT_SAMPLES = 5;

/** `dir/name`, or `name` at the root. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * `threadsDir` as a path inside a repository ('' for its root), or null when not set. Only a
 * leading `./` is dropped (`.watercooler` stays `.watercooler`); a folder that would leave the
 * repository is a config error, not a path to follow.
 */
export function repoThreadsDir(dir: string | undefined): string | null {
  if (dir === undefined) return null;
  const clean = dir
    .replace(/\\/g, '/')
    .replace(/^(\.\/+)+/, '')
    .replace(/\/+$/, '');
  if (clean === '.' || clean === '') return '';
  if (clean.startsWith('/') || clean.split('/').includes('..')) {
    throw new WatercoolerError('CONFIG', `threadsDir "${dir}" leaves the repository.`, {
      hint: 'Use a folder inside it, such as "threads".',
    });
  }
  return clean;
}

/** A thread file's name: `*.md`, not hidden, not the generated index (nor README & co. at a root). */
export function isThreadFileName(name: string, sharedRoot: boolean): boolean {
  if (!name.endsWith('.md') || name.startsWith('.') || name === 'index.md' || name.includes('/'))
    return false;
  return !(sharedRoot && NOT_THREADS.test(name));
}

/** True when a repository path is a thread file of the folder `dir`. */
export function isThreadPath(path: string, dir: string): boolean {
  const prefix = dir === '' ? '' : `${dir}/`;
  return path.startsWith(prefix) && isThreadFileName(path.slice(prefix.length), dir === '');
}

/** Whether a file's opening reads as a thread (a root layout tells threads from other docs so). */
export function looksLikeThread(text: string | null | undefined): boolean {
  if (text == null) return false;
  const head = text.slice(0, 1000);
  return /^(status|ball|topic):/im.test(head) || / — Thread\s*$/.test(head.split('\n')[0] ?? '');
}

/**
 * Where the threads are: `threadsDir` from the caller or `watercooler.json`; else the root when
 * its markdown files are threads (the Python tool's threads repositories); else `.watercooler/`
 * when the tree has it and no `threads/` (the Python tool's default); else `threads/`.
 */
export async function findThreadsDir(tree: TreeReader, configured?: string): Promise<string> {
  const set = repoThreadsDir(configured);
  if (set !== null) return set;
  const root = await tree.entries('');
  const samples = root
    .filter((e) => e.type === 'file' && isThreadFileName(e.name, true))
    .slice(0, ROOT_SAMPLES);
  for (const e of samples) if (looksLikeThread(await tree.text(e.name))) return '';
  const dirs = new Set(root.filter((e) => e.type === 'dir').map((e) => e.name));
  return dirs.has(PYTHON_THREADS_DIR) && !dirs.has('threads') ? PYTHON_THREADS_DIR : 'threads';
}

/**
 * The layout and config of a tree: `watercooler.json` at its root, the Python tool's
 * `agents.json` in the threads folder (it wins over the config's `agents`), then the caller's
 * overrides. Bad config content is logged, never thrown: a thread stays reachable.
 */
export async function readLayout(tree: TreeReader, options: LayoutOptions = {}): Promise<Layout> {
  const configText = await tree.text(CONFIG_FILE);
  const read = configText === null ? null : await parseConfig(configText, CONFIG_FILE);
  for (const line of [...(read?.warnings ?? []), ...(read?.errors ?? [])]) options.log?.(line);
  const fixed = options.threadsDir !== undefined;
  const dir = await findThreadsDir(tree, fixed ? options.threadsDir : read?.config.threadsDir);
  const agentsText = await tree.text(joinPath(dir, 'agents.json'));
  const agents = agentsText === null ? undefined : await parseAgentsFile(agentsText, 'agents.json');
  if (agents?.error !== undefined) options.log?.(agents.error);
  const base = threadsConfigOf(read?.config ?? {}, agents?.registry);
  return {
    dir,
    // A folder the caller named is all threads; a repository root also holds the repo's docs.
    sharedRoot: dir === '' && !fixed,
    config: {
      registry: options.registry ?? base.registry,
      defaultBall: options.defaultBall ?? base.defaultBall,
    },
  };
}

/**
 * The files that may hold a topic, in order: `<stem>.md` (the topic made file-safe), then the
 * seed-era name — the 2025-10 Python tool named the file after the raw topic (`my topic.md`). A
 * store opens the first that exists, else creates the first, so an old thread is appended to
 * instead of split in two.
 */
export function topicPaths(layout: Layout, topic: string): string[] {
  const stem = `${topicFileStem(topic)}.md`;
  const raw = `${topic}.md`;
  const names = raw !== stem && isThreadFileName(raw, layout.sharedRoot) ? [stem, raw] : [stem];
  return names.map((name) => joinPath(layout.dir, name));
}
