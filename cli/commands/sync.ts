import type { Command } from 'commander';
import type { PendingOperation } from '../../core/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { ExitSignal, note, printJson, printLine } from '../output.js';
import { type StoreFlags, openStoreFromFlags, withStoreOptions } from '../store-options.js';

interface SyncFlags extends StoreFlags {
  status?: boolean;
  now?: boolean;
  json?: boolean;
}

/** One line per waiting operation: id, what, topic, since when, and why it still waits. */
export function describePending(p: PendingOperation): string {
  const why = p.lastError === null ? '' : ` — ${p.lastError.split('\n')[0] ?? ''}`;
  return `${p.id}\t${p.op.kind}\t${p.op.topic}\t${p.queuedAt}${why}`;
}

export function registerSync(program: Command, io: CliIO): Command {
  const cmd = program
    .command('sync')
    .description(
      'Fetch from the remote and send the writes kept in the outbox while it was unreachable (git store).',
    )
    .option('--status', 'only show what waits in the outbox; send nothing')
    .option('--now', 'accepted for compatibility (sync always runs now)')
    .option('--code-path <path>', 'accepted for compatibility; ignored')
    .option('--json', 'print {replayed, pending} as JSON')
    .addHelpText(
      'after',
      '\nExits 0 when nothing waits, 4 when writes are still pending.\n\nExamples:\n  $ watercooler sync --git git@github.com:team/threads.git\n  $ watercooler sync --status --json',
    );
  withStoreOptions(cmd);
  return cmd.action(async (flags: SyncFlags) => {
    const store = await openStoreFromFlags(flags, io);
    try {
      const report =
        flags.status === true
          ? { replayed: [], pending: await store.pending() }
          : await store.sync();
      if (flags.json === true) printJson(io, report);
      else {
        for (const r of report.replayed) {
          printLine(io, `sent\t${r.operation}\t${r.topic}\t${r.entry_id ?? ''}`);
        }
        for (const p of report.pending) printLine(io, `pending\t${describePending(p)}`);
      }
      if (report.pending.length > 0) {
        io.stderr.write(
          `watercooler: ${report.pending.length} write(s) still wait in the outbox; run \`watercooler sync\` again when the remote is reachable.\n`,
        );
        throw new ExitSignal(EXIT.PENDING);
      }
      note(io, `sync: ${report.replayed.length} sent, nothing pending (${store.info.location})`);
    } finally {
      await store.close();
    }
  });
}
