/**
 * The scaffolder's pure parts:
 * - the next steps are the exact client lines: `claude mcp add watercooler -- npx -y
 *   watercooler@<this version> mcp --git URL` (pinned to the release that wrote the repository), the same for `codex mcp add`, a `[mcp_servers.watercooler]` TOML block whose
 *   values are valid TOML strings, Cursor's `mcpServers` JSON; a path with spaces is shell-quoted
 *   and survives JSON/TOML; without a remote they use `--threads-dir`;
 * - the agent list becomes counterparts (two pass to each other, more pass round) and canonical
 *   spellings; bad agent names, repository names and Action references are refused;
 * - the generated `$schema` file describes the config keys core reads.
 */
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../cli/create/files.js';
import { CLI_RELEASE_SPEC as CLI } from '../../cli/version.js';
import {
  claudeCommand,
  codexToml,
  cursorJson,
  nextStepsText,
  tuiCommand,
} from '../../cli/create/next-steps.js';
import {
  checkActionRef,
  checkDirectory,
  checkGitHubRepo,
  normalizeRemoteUrl,
  parseAgents,
  registryFor,
} from '../../cli/create/options.js';

describe('next steps', () => {
  const url = 'git@github.com:acme/team-threads.git';
  const where = { remote: url, threadsDir: '/x/threads' };

  it('prints each client’s exact registration', () => {
    expect(claudeCommand(where)).toBe(
      `claude mcp add watercooler -- npx -y ${CLI} mcp --git git@github.com:acme/team-threads.git`,
    );
    expect(codexToml(where)).toBe(
      `[mcp_servers.watercooler]\ncommand = "npx"\nargs = ["-y", "${CLI}", "mcp", "--git", "git@github.com:acme/team-threads.git"]`,
    );
    expect(JSON.parse(cursorJson(where))).toEqual({
      mcpServers: {
        watercooler: { command: 'npx', args: ['-y', CLI, 'mcp', '--git', url] },
      },
    });
    expect(tuiCommand(where)).toBe(`npx -y ${CLI} tui --git ${url}`);
    // Printed indented under each client's name: every line is there, trimmed.
    const lines = nextStepsText(where)
      .split('\n')
      .map((l) => l.trim());
    for (const part of [
      claudeCommand(where),
      codexToml(where),
      tuiCommand(where),
      `git config merge.watercooler.driver "npx -y ${CLI} merge-driver %O %A %B"`,
    ])
      for (const line of part.split('\n')) expect(lines).toContain(line);
  });

  it('quotes a local path with spaces and quotes, and uses --threads-dir without a remote', () => {
    const local = { remote: null, threadsDir: "/home/a b/it's/threads" };
    expect(claudeCommand(local)).toBe(
      `claude mcp add watercooler -- npx -y ${CLI} mcp --threads-dir '/home/a b/it'\\''s/threads'`,
    );
    expect(JSON.parse(cursorJson(local)).mcpServers.watercooler.args).toContain(
      "/home/a b/it's/threads",
    );
    expect(codexToml(local)).toContain(`"/home/a b/it's/threads"`);
    expect(nextStepsText(local)).toContain('has no remote yet');
  });
});

describe('answers', () => {
  it('turns the agents into counterparts and canonical names', () => {
    expect(registryFor(parseAgents('Claude Code, Codex'))).toEqual({
      canonical: { 'claude code': 'Claude Code', codex: 'Codex' },
      counterpart: { 'Claude Code': 'Codex', Codex: 'Claude Code' },
    });
    expect(registryFor(['A', 'B', 'C']).counterpart).toEqual({ A: 'B', B: 'C', C: 'A' });
    expect(registryFor(['Solo']).counterpart).toEqual({});
  });

  it('refuses what cannot work', () => {
    expect(() => parseAgents(' , ')).toThrow(/No agents/);
    expect(() => parseAgents('Claude (x) (y)')).toThrow(/not a usable agent/);
    expect(() => parseAgents('Cl(aude')).toThrow(/not a usable agent/);
    expect(registryFor(parseAgents('Claude Code (alice), Codex (bob)'))).toEqual({
      canonical: { 'claude code': 'Claude Code', codex: 'Codex' },
      counterpart: { 'Claude Code (alice)': 'Codex (bob)', 'Codex (bob)': 'Claude Code (alice)' },
    });
    expect(() => parseAgents('Codex,codex')).toThrow(/twice/);
    expect(checkDirectory('team-threads')).toBeNull();
    expect(checkDirectory('a/b/team-threads')).toBeNull();
    expect(checkDirectory('bad name')).toMatch(/not a usable repository name/);
    expect(checkDirectory('.hidden')).toMatch(/not a usable/);
    expect(checkGitHubRepo('acme/threads')).toEqual({ owner: 'acme', name: 'threads' });
    expect(() => checkGitHubRepo('acme')).toThrow(/OWNER\/NAME/);
    expect(() => checkGitHubRepo('a/b/c')).toThrow(/OWNER\/NAME/);
    expect(checkActionRef('acme/watercooler/action@v1')).toBe('acme/watercooler/action@v1');
    expect(() => checkActionRef('watercooler')).toThrow(/not an Action reference/);
    expect(normalizeRemoteUrl('../r.git', '/home/ann/x')).toBe('/home/ann/r.git');
    expect(normalizeRemoteUrl('https://h/r.git', '/w')).toBe('https://h/r.git');
    expect(normalizeRemoteUrl('git@h:o/r.git', '/w')).toBe('git@h:o/r.git');
  });

  it('ships a JSON Schema of the config keys core reads', async () => {
    const schema = (await configJsonSchema()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['threadsDir', 'defaultBall', 'agents', 'git', 'github']),
    );
  });
});
