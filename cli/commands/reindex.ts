import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  filterRows,
  renderIndexHtml,
  renderIndexMarkdown,
  toListRow,
  writeFileAtomic,
} from '../../core/index.js';
import type { CliIO } from '../io.js';
import { printLine } from '../output.js';
import {
  openStoreFromFlags,
  withAgentOption,
  withStoreOptions,
  resolveMe,
} from '../store-options.js';

interface IndexFlags {
  out?: string;
  openOnly?: boolean;
  closed?: boolean;
  agent?: string;
}

function define(
  program: Command,
  io: CliIO,
  name: string,
  file: string,
  render: typeof renderIndexMarkdown,
): Command {
  const cmd = program
    .command(name)
    .description(`Write ${file} listing the threads (open ones by default, as the Python tool).`)
    .option(
      '--out <path>',
      `where to write (default: ${file} in the threads folder, or the current folder for a remote store)`,
    )
    .option('--open-only', 'only open threads (the default)')
    .option('--closed', 'only closed threads')
    .option('--all', 'every thread');
  withAgentOption(withStoreOptions(cmd));
  return cmd.action(async (flags: IndexFlags & { all?: boolean }) => {
    const store = await openStoreFromFlags(flags, io);
    try {
      const { registry } = await store.config();
      const me = resolveMe(flags, io, registry);
      const state =
        flags.all === true
          ? 'all'
          : flags.closed === true && flags.openOnly !== true
            ? 'closed'
            : 'open';
      const rows = filterRows(
        (await store.list()).map((s) => toListRow(s, me, registry)),
        { state },
      );
      const dir = store.info.kind === 'local' ? store.info.threadsDir : io.cwd;
      const out = flags.out === undefined ? join(dir, file) : resolve(io.cwd, flags.out);
      // Replaced, not written through: an index.md that is a symlink (a threads repository
      // anyone can push to may carry one) must not overwrite the file it points at.
      if (flags.out === undefined) writeFileAtomic(out, render(rows));
      else writeFileSync(out, render(rows));
      printLine(io, out);
    } finally {
      await store.close();
    }
  });
}

export function registerReindex(program: Command, io: CliIO): Command {
  return define(program, io, 'reindex', 'index.md', renderIndexMarkdown);
}

export function registerWebExport(program: Command, io: CliIO): Command {
  return define(program, io, 'web-export', 'index.html', renderIndexHtml);
}
