import type { Command } from 'commander';
import { filterRows, toListRow } from '../../core/index.js';
import type { CliIO } from '../io.js';
import { note, printJson, printLine } from '../output.js';
import { renderListTable } from './list-table.js';
import { treePathFor } from './shared.js';
import {
  type StoreFlags,
  openStoreFromFlags,
  resolveMe,
  withAgentOption,
  withStoreOptions,
} from '../store-options.js';

interface ListFlags {
  openOnly?: boolean;
  closed?: boolean;
  ballMine?: boolean;
  json?: boolean;
}

export function registerList(program: Command, io: CliIO): Command {
  const cmd = program
    .command('list')
    .description(
      'List threads: a table on a terminal; piped, tab-separated rows as the Python tool printed them (updated, status, ball, NEW, title, path).',
    )
    .option('--open-only', 'only open threads')
    .option('--closed', 'only closed threads')
    .option('--ball-mine', 'only threads whose ball is yours (--agent)')
    .option('--json', 'print rows as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ watercooler list --open-only\n  $ watercooler list --ball-mine --agent Codex --json',
    );
  withAgentOption(withStoreOptions(cmd));
  return cmd.action(async (flags: ListFlags & StoreFlags) => {
    const store = await openStoreFromFlags(flags, io);
    try {
      const { registry } = await store.config();
      const me = resolveMe(flags, io, registry);
      const state =
        flags.openOnly === flags.closed ? 'all' : flags.openOnly === true ? 'open' : 'closed';
      const rows = filterRows(
        (await store.list()).map((s) => toListRow(s, me, registry)),
        { state, mine: flags.ballMine === true },
      );
      if (flags.json === true) return printJson(io, rows);
      if (io.stdout.isTTY === true) {
        if (rows.length === 0) return note(io, `No threads in ${store.info.location}.`);
        for (const line of renderListTable(rows, Date.now(), io.stdout.columns))
          printLine(io, line);
        return;
      }
      for (const r of rows) {
        printLine(
          io,
          [
            r.updated ?? '',
            r.status.toLowerCase(),
            r.ball,
            r.is_new ? 'NEW' : '',
            r.title,
            treePathFor(store, r.path),
          ].join('\t'),
        );
      }
    } finally {
      await store.close();
    }
  });
}
