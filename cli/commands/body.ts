import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { WatercoolerError } from '../../core/index.js';
import type { CliIO } from '../io.js';

/**
 * Where an entry's text comes from. `--body TEXT` is the text itself: a body is never read from
 * a file the user did not name as one, whatever files happen to exist. A file is asked for with
 * `--body-file PATH` (gh's convention), `--body @PATH` (the Python tool's), and stdin with `-`.
 * Scripts written for the Python tool that pass a path as `--body` set WATERCOOLER_BODY_PATHS=1
 * to get its old rule back; without it, such a text posts as text and a note says how to post
 * the file instead.
 */
export interface BodySource {
  text?: string | undefined;
  file?: string | undefined;
  /** Flag names for messages: `--body`/`--body-file`, or `--note`/`--note-file`. */
  flag: string;
  fileFlag: string;
}

async function readStdin(io: CliIO): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readNamedFile(path: string, io: CliIO, flag: string): string {
  const full = resolve(io.cwd, path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new WatercoolerError('INVALID_INPUT', `${flag}: no file "${path}".`, {
      hint: `Check the path, or pass the text itself with --body "…".`,
    });
  }
  if (!stat.isFile())
    throw new WatercoolerError('INVALID_INPUT', `${flag}: "${path}" is not a regular file.`, {
      hint: 'Name a text file, or use - for stdin.',
    });
  return readFileSync(full, 'utf8');
}

/** The body the flags ask for; undefined when neither was given. */
export async function readBody(source: BodySource, io: CliIO): Promise<string | undefined> {
  const { text, file, flag, fileFlag } = source;
  if (text !== undefined && file !== undefined)
    throw new WatercoolerError('INVALID_INPUT', `Give ${flag} or ${fileFlag}, not both.`, {
      hint: `${flag} is the text itself; ${fileFlag} names a file (- for stdin).`,
    });
  if (file !== undefined) return file === '-' ? readStdin(io) : readNamedFile(file, io, fileFlag);
  if (text === undefined) return undefined;
  if (text === '-') return readStdin(io);
  if (text.startsWith('@') && text.length > 1) return readNamedFile(text.slice(1), io, flag);
  const looksLikeFile =
    text.length < 4096 && !text.includes('\n') && isRegularFile(resolve(io.cwd, text));
  if (looksLikeFile) {
    if (io.env.WATERCOOLER_BODY_PATHS === '1') return readNamedFile(text, io, flag);
    io.stderr.write(
      `watercooler: note: ${flag} "${text}" was posted as text, though a file of that name exists; ` +
        `use ${fileFlag} ${text} to post its contents.\n`,
    );
  }
  return text;
}
