import type { Command } from 'commander';
import {
  type AgentRegistry,
  type ThreadSummary,
  isClosedStatus,
  isYourTurn,
  redact,
} from '../../core/index.js';
import type { CliIO } from '../io.js';
import { printJson, printLine } from '../output.js';
import {
  openStoreFromFlags,
  resolveAgent,
  withAgentOption,
  withStoreOptions,
  resolveMe,
} from '../store-options.js';
import { describePending } from './sync.js';

interface StatusFlags {
  json?: boolean;
}

export function registerStatus(program: Command, io: CliIO): Command {
  const cmd = program
    .command('status')
    .description(
      'Which store and remote are in use, writes waiting in the outbox, and who holds the ball on each open thread.',
    )
    .option('--json', 'print {store, pending, balls, error} as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ watercooler status --git git@github.com:team/threads.git\n  $ watercooler status --agent Codex --json',
    );
  withAgentOption(withStoreOptions(cmd));
  return cmd.action(async (flags: StatusFlags & Parameters<typeof resolveAgent>[0]) => {
    const store = await openStoreFromFlags(flags, io);
    try {
      let threads: ThreadSummary[] = [];
      let error: string | null = null;
      let me = resolveAgent(flags, io);
      let registry: AgentRegistry | undefined;
      try {
        registry = (await store.config()).registry;
        me = resolveMe(flags, io, registry);
        threads = await store.list();
      } catch (err) {
        // Status must still say what waits locally when the remote is down.
        error = redact(err instanceof Error ? err.message : String(err));
      }
      const pending = await store.pending();
      const balls = threads
        .filter((t) => !isClosedStatus(t.status))
        .map((t) => ({
          topic: t.topic,
          ball: t.ball,
          status: t.status,
          is_your_turn: isYourTurn(t.ball, me, registry),
        }));
      if (flags.json === true) {
        printJson(io, { store: store.info, agent: me, pending, balls, error });
        return;
      }
      const where = store.info.threadsDir === '' ? '(root)' : store.info.threadsDir;
      printLine(io, `store\t${store.info.kind}\t${store.info.location}\t${where}`);
      printLine(io, `agent\t${me}`);
      if (error !== null) printLine(io, `error\t${error}`);
      printLine(io, `pending\t${pending.length}`);
      for (const p of pending) printLine(io, `  ${describePending(p)}`);
      for (const b of balls) {
        printLine(io, `ball\t${b.topic}\t${b.ball}${b.is_your_turn ? '\t(your turn)' : ''}`);
      }
    } finally {
      await store.close();
    }
  });
}
