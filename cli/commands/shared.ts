import { join } from 'node:path';
import {
  type Operation,
  type ThreadStore,
  type WriteResult,
  topicFileStem,
} from '../../core/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { ExitSignal, note, printJson, printLine } from '../output.js';
import { type StoreFlags, openStoreFromFlags, resolveAgent } from '../store-options.js';

/** Prints a write: the JSON contract, or the thread path as the Python tool did. Pending exits 4. */
export function printWrite(io: CliIO, result: WriteResult, json: boolean, path: string): void {
  if (json) printJson(io, result);
  else printLine(io, path);
  if (result.pending) {
    io.stderr.write(
      // The store said why above (remote down, or other writers kept winning within the budget).
      'watercooler: pending: the write is kept in the outbox; the next command on this clone or `watercooler sync` sends it.\n',
    );
    throw new ExitSignal(EXIT.PENDING);
  }
  note(io, `${result.operation} ${result.topic}: ball → ${result.ball}, status ${result.status}`);
}

/** Where a thread's file is, as the person should see it. */
export function threadPathFor(store: ThreadStore, topic: string): string {
  return filePathFor(store, `${topicFileStem(topic)}.md`);
}

/** A thread file's path as the Python tool printed it: in the folder (local), in the repository. */
function filePathFor(store: ThreadStore, name: string): string {
  if (store.info.kind === 'local') return join(store.info.threadsDir, name);
  return store.info.threadsDir === '' ? name : `${store.info.threadsDir}/${name}`;
}

/** The same for a path in the store's tree (a list row's): the folder is the local store's root. */
export function treePathFor(store: ThreadStore, path: string): string {
  return store.info.kind === 'local' ? join(store.info.threadsDir, path) : path;
}

/** The shared body of every write command: open the store, apply one operation, print. */
export async function runWrite(
  io: CliIO,
  flags: StoreFlags & { json?: boolean },
  build: (agent: string) => Promise<Operation> | Operation,
): Promise<void> {
  const store = await openStoreFromFlags(flags, io);
  try {
    const op = await build(resolveAgent(flags, io));
    const result = await store.apply(op);
    printWrite(io, result, flags.json === true, threadPathFor(store, op.topic));
  } finally {
    await store.close();
  }
}
