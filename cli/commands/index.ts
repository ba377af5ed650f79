import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { registerAck } from './ack.js';
import { registerHandoff } from './handoff.js';
import { registerList } from './list.js';
import { registerMcp } from './mcp.js';
import { registerRead } from './read.js';
import { registerReindex, registerWebExport } from './reindex.js';
import { registerAppendEntry, registerSay } from './say.js';
import { registerSearch } from './search.js';
import { registerInitThread } from './init-thread.js';
import { registerSetBall } from './set-ball.js';
import { registerSetStatus } from './set-status.js';
import { registerUnlock } from './unlock.js';
import { registerValidate } from './validate.js';
import { registerMergeDriver } from './merge-driver.js';
import { registerRedact } from './redact.js';
import { registerStatus } from './status.js';
import { registerSync } from './sync.js';
import { registerTui } from './tui.js';

/** Every command of the program, in the order `--help` lists them. Each file registers its own. */
export const COMMANDS: Array<(program: Command, io: CliIO) => Command> = [
  registerInitThread,
  registerSay,
  registerAppendEntry,
  registerAck,
  registerHandoff,
  registerSetStatus,
  registerSetBall,
  registerList,
  registerRead,
  registerSearch,
  registerReindex,
  registerWebExport,
  registerUnlock,
  registerValidate,
  registerMergeDriver,
  registerRedact,
  registerMcp,
  registerSync,
  registerStatus,
  registerTui,
];
