import type { Command } from 'commander';
import {
  type SearchField,
  type SearchHit,
  WatercoolerError,
  compileQuery,
  searchThread,
} from '../../core/index.js';
import type { CliIO } from '../io.js';
import { note, printJson, printLine } from '../output.js';
import { type StoreFlags, openStoreFromFlags, withStoreOptions } from '../store-options.js';

const FIELDS: SearchField[] = ['title', 'body', 'agent', 'status'];

export function registerSearch(program: Command, io: CliIO): Command {
  const cmd = program
    .command('search')
    .description('Find text in threads (case-insensitive); prints path:line: text, or JSON hits.')
    .argument('<query>', 'text to find (a regular expression with --regex)')
    .option('--regex', 'treat the query as a regular expression')
    .option('--in <fields>', `where to look, comma-separated: ${FIELDS.join(', ')}`)
    .option('--json', 'print [{topic, path, entry_index, entry_id, field, line, text}]')
    .addHelpText(
      'after',
      '\nExamples:\n  $ watercooler search "rate limit"\n  $ watercooler search "^Plan" --regex --in title --json',
    );
  withStoreOptions(cmd);
  return cmd.action(
    async (query: string, flags: StoreFlags & { regex?: boolean; in?: string; json?: boolean }) => {
      const fields = (flags.in ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '');
      const bad = fields.filter((f) => !FIELDS.includes(f as SearchField));
      if (bad.length > 0)
        throw new WatercoolerError('INVALID_INPUT', `Unknown field ${bad.join(', ')}.`, {
          hint: `Use ${FIELDS.join(', ')}.`,
        });
      const q = { text: query, regex: flags.regex === true, fields: fields as SearchField[] };
      compileQuery(q); // Refuse a bad pattern before reading anything.
      const store = await openStoreFromFlags(flags, io);
      try {
        const hits: SearchHit[] = [];
        for (const summary of await store.list())
          hits.push(...searchThread(await store.read(summary.topic), q));
        // No hit is a successful search (exit 0), with --json or without, as in the Python tool.
        if (flags.json === true) return printJson(io, hits);
        for (const h of hits) printLine(io, `${h.path}:${h.line}: ${h.text}`);
        if (hits.length === 0) note(io, `No match for "${query}".`);
      } finally {
        await store.close();
      }
    },
  );
}
