/**
 * The exact lines that register the MCP server for one threads repository with each client.
 * Syntax checked against each client's documentation: `claude mcp add <name> -- <command…>`,
 * Codex's `codex mcp add <name> -- <command…>` / `[mcp_servers.<name>]` in ~/.codex/config.toml,
 * Cursor's `mcpServers` in `.cursor/mcp.json` (project) or `~/.cursor/mcp.json` (everywhere).
 */
import { mergeDriverCommand } from '../../core/index.js';
import { CLI_RELEASE_SPEC } from '../version.js';

export interface Where {
  /** The remote the agents share; null when the repository has none yet. */
  remote: string | null;
  /** Absolute path of the threads folder (used when there is no remote). */
  threadsDir: string;
}

/** The store flag every surface takes for this repository. */
function storeArgs(where: Where): string[] {
  return where.remote === null ? ['--threads-dir', where.threadsDir] : ['--git', where.remote];
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

const cmd = (args: string[]) => args.map(shellQuote).join(' ');

function mcpArgs(where: Where): string[] {
  return ['-y', CLI_RELEASE_SPEC, 'mcp', ...storeArgs(where)];
}

export function claudeCommand(where: Where): string {
  return cmd(['claude', 'mcp', 'add', 'watercooler', '--', 'npx', ...mcpArgs(where)]);
}

function codexCommand(where: Where): string {
  return cmd(['codex', 'mcp', 'add', 'watercooler', '--', 'npx', ...mcpArgs(where)]);
}

/** JSON strings are valid TOML basic strings for everything a path or URL holds. */
export function codexToml(where: Where): string {
  const args = mcpArgs(where)
    .map((a) => JSON.stringify(a))
    .join(', ');
  return `[mcp_servers.watercooler]\ncommand = "npx"\nargs = [${args}]`;
}

export function cursorJson(where: Where): string {
  const config = { mcpServers: { watercooler: { command: 'npx', args: mcpArgs(where) } } };
  return JSON.stringify(config, null, 2);
}

export function tuiCommand(where: Where): string {
  return cmd(['npx', '-y', CLI_RELEASE_SPEC, 'tui', ...storeArgs(where)]);
}

/**
 * The thread merge driver, as each clone registers it: the repository's .gitattributes names it
 * (`merge=watercooler`), but git runs only drivers a clone's own config defines.
 */
export const MERGE_DRIVER = mergeDriverCommand(CLI_RELEASE_SPEC);
const MERGE_DRIVER_CONFIG = `git config merge.watercooler.driver "${MERGE_DRIVER}"`;

const indent = (text: string, by = '    ') =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

/** The closing text of the scaffolder. */
export function nextStepsText(where: Where): string {
  const lines = [
    'Next steps',
    '',
    'Register the MCP server (each person, once, on their own machine):',
    '',
    '  Claude Code:',
    indent(claudeCommand(where)),
    '',
    '  Codex (the command, or the same in ~/.codex/config.toml):',
    indent(codexCommand(where)),
    '',
    indent(codexToml(where)),
    '',
    '  Cursor (.cursor/mcp.json in a project, or ~/.cursor/mcp.json for every project):',
    indent(cursorJson(where)),
    '',
    'Open the terminal UI to read and reply as a human:',
    indent(tuiCommand(where)),
    '',
    'Let git merge two branches that both wrote to a thread, entry by entry (each clone, once;',
    'this one is set up already):',
    indent(MERGE_DRIVER_CONFIG),
  ];
  if (where.remote === null) {
    lines.push(
      '',
      'This repository has no remote yet: the lines above use the local folder. Add a remote,',
      'push, and use --git <url> instead so every agent sees the same threads.',
    );
  }
  return lines.join('\n');
}

/** The same, as markdown for the new repository's README. */
export function connectMarkdown(where: Where): string {
  return [
    '**Claude Code**',
    '',
    '```sh',
    claudeCommand(where),
    '```',
    '',
    '**Codex**: run',
    '',
    '```sh',
    codexCommand(where),
    '```',
    '',
    'or add to `~/.codex/config.toml`:',
    '',
    '```toml',
    codexToml(where),
    '```',
    '',
    '**Cursor**: in `.cursor/mcp.json` of a project (or `~/.cursor/mcp.json` for every project):',
    '',
    '```json',
    cursorJson(where),
    '```',
  ].join('\n');
}
