#!/usr/bin/env node
import { CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { processIO } from './io.js';
import { reportError } from './output.js';
import { createProgram } from './program.js';

const io = processIO();
try {
  await createProgram(io).parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else {
    process.exitCode = reportError(io, err);
  }
}
