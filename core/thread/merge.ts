import { bumpHeader } from '../operations.js';
import { checkAppendOnly } from '../validate/append-only.js';
import { type Entry, type Thread, parseThread } from './parse.js';

/**
 * Merging two versions of one thread that both appended to a common base (two branches, a
 * human's pull request beside agents writing to main). Every entry of both sides is kept once:
 * ours as it stands (so the branch merged into sees a pure append, which the Action checks), then
 * the entries only theirs added, in their order, each after its own `---`. The `Status:` and
 * `Ball:` lines are three-way merged; when both sides changed one, the side with the newest entry
 * wins. A side that rewrote the base (not an append) cannot be merged by rule: that is a conflict,
 * and nothing is guessed.
 */
/**
 * The driver's command line, as each clone registers it under `merge.watercooler.driver`; `spec`
 * is the npm package spec (`watercooler@0.1.0` where the scaffolder pins its own release).
 */
export function mergeDriverCommand(spec = 'watercooler'): string {
  return `npx -y ${spec} merge-driver %O %A %B`;
}

export type ThreadMerge =
  | { ok: true; text: string; /** Entries taken from theirs. */ added: number }
  | { ok: false; reason: string };

const MUTABLE = ['status', 'ball'] as const;

export function mergeThreads(base: string, ours: string, theirs: string): ThreadMerge {
  if (ours === theirs || theirs === base) return { ok: true, text: ours, added: 0 };
  if (ours === base) return { ok: true, text: theirs, added: parseThread(theirs).entries.length };
  if (/\r\n/.test(ours + theirs))
    return { ok: false, reason: 'a side has CRLF line endings (thread files use LF)' };
  const fresh = base.trim() === '';
  const mine = appendedTo(base, ours, 'ours', fresh);
  if (typeof mine === 'string') return { ok: false, reason: mine };
  const other = appendedTo(base, theirs, 'theirs', fresh);
  if (typeof other === 'string') return { ok: false, reason: other };

  const known = new Set(mine.thread.entries.map((e) => key(mine.thread, e)));
  const taken = other.added.filter((e) => !known.has(key(other.thread, e)));
  const newest = newestSide(mine.added, other.added);
  const values: { status?: string; ball?: string } = {};
  for (const name of MUTABLE) {
    const [b, o, t] = [base, ours, theirs].map((text) => headerValue(text, name));
    const chosen = o === t || t === b ? o : o === b ? t : newest === 'theirs' ? t : o;
    if (chosen !== undefined && chosen !== o) values[name] = chosen;
  }
  const header = Object.keys(values).length > 0 ? bumpHeader(ours, values) : ours;
  if (taken.length === 0 && header === ours) return { ok: true, text: ours, added: 0 };
  const blocks = taken.map((e) => block(other.thread, e));
  const text = `${[header.trimEnd(), ...blocks].join('\n\n')}\n`;
  // Never hand back a file the validator would refuse: ours must read as a pure append.
  const check = checkAppendOnly(ours, text, 'merged');
  if (check.issues.length > 0 || parseThread(text).entries.length !== known.size + taken.length)
    return { ok: false, reason: 'the merged file would not be a clean append to ours' };
  return { ok: true, text, added: taken.length };
}

interface Side {
  thread: Thread;
  /** The entries this side appended to the base. */
  added: Entry[];
}

function appendedTo(base: string, text: string, name: string, fresh: boolean): Side | string {
  const thread = parseThread(text);
  if (fresh) return { thread, added: thread.entries };
  const check = checkAppendOnly(base, text, name);
  const first = check.issues[0];
  if (first !== undefined)
    return `${name} did more than append (line ${first.line}: ${first.message})`;
  return { thread, added: thread.entries.slice(check.firstNew) };
}

/** An entry's identity: its Entry-ID, else its exact bytes (the same entry written twice). */
function key(thread: Thread, e: Entry): string {
  return e.entryId?.toUpperCase() ?? block(thread, e);
}

/** The entry's bytes as an operation writes them: its `---` separator, then the entry. */
function block(thread: Thread, e: Entry): string {
  const text = thread.text.slice(e.start, e.end);
  return text.startsWith('---') ? text : `---\n${text}`;
}

/** Which side wrote the newest new entry (ours on a tie). */
function newestSide(ours: readonly Entry[], theirs: readonly Entry[]): 'ours' | 'theirs' {
  const last = (entries: readonly Entry[]) =>
    entries.reduce((max, e) => Math.max(max, Date.parse(e.timestamp) || 0), 0);
  return last(theirs) > last(ours) ? 'theirs' : 'ours';
}

/** The first `Status:`/`Ball:` header line's value, as written. */
function headerValue(text: string, name: string): string | undefined {
  const blank = text.indexOf('\n\n');
  const header = blank === -1 ? text : text.slice(0, blank);
  const line = header.split('\n').find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}
