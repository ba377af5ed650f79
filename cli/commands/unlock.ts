import { unlinkSync } from 'node:fs';
import type { Command } from 'commander';
import { WatercoolerError, inspectLock, lockPathFor } from '../../core/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { ExitSignal, printLine } from '../output.js';
import { type StoreFlags, openStoreFromFlags, withStoreOptions } from '../store-options.js';

export function registerUnlock(program: Command, io: CliIO): Command {
  const cmd = program
    .command('unlock')
    .description("Show a thread's lock and remove it if its holder is gone (or with --force).")
    .argument('<topic>', 'thread topic')
    .option('--force', 'remove the lock even if its holder looks alive')
    .addHelpText('after', '\nExample:\n  $ watercooler unlock auth-refactor');
  withStoreOptions(cmd);
  return cmd.action(async (topic: string, flags: StoreFlags & { force?: boolean }) => {
    const store = await openStoreFromFlags(flags, io);
    await store.close();
    if (store.info.kind !== 'local') {
      throw new WatercoolerError('INVALID_INPUT', 'Only the local folder store uses lock files.', {
        hint: 'Remote stores need no unlock.',
      });
    }
    const path = lockPathFor(store.info.threadsDir, topic);
    printLine(io, `Lock path: ${path}`);
    const ttl = Number(io.env.WCOOLER_LOCK_TTL);
    const info = inspectLock(path, Number.isFinite(ttl) && ttl > 0 ? ttl * 1000 : 30_000);
    if (info === null) return printLine(io, 'No lock file present.');
    printLine(io, `Contents: ${info.contents.trim()}`);
    printLine(io, `Age: ${Math.round(info.ageMs / 1000)}s; Stale: ${info.stale}`);
    if (!info.stale && flags.force !== true) {
      io.stderr.write('watercooler: Lock appears active; re-run with --force to remove anyway.\n');
      throw new ExitSignal(EXIT.FAILURE);
    }
    unlinkSync(path);
    printLine(io, 'Lock removed.');
  });
}
