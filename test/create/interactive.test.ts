/**
 * The interactive path (SPEC §7), driven through a real terminal: tmux runs the built bin with no
 * flags, the test answers each @clack/prompts question with send-keys (a typed folder, the
 * default agents, Down to pick Codex for the ball, "Nowhere yet"), and the repository it makes
 * is the one the flags make (`demo --yes --ball Codex`): the same files byte for byte, the
 * welcome thread equal up to its timestamps and Entry-ID, the same commit message.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_RELEASE_SPEC as CLI } from '../../cli/version.js';
import { CREATE_BIN, git, runCreate } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tmux(socket: string, args: string[]): string {
  return execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
}

async function waitFor(socket: string, text: string, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = tmux(socket, ['capture-pane', '-p', '-J', '-S', '-200', '-t', 's']);
    if (screen.includes(text)) return screen;
    if (Date.now() > deadline) throw new Error(`never saw "${text}" on screen:\n${screen}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Files of HEAD with their blob ids, the welcome thread normalized (its times and id vary). */
function snapshot(repo: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of git(repo, ['ls-tree', '-r', 'HEAD']).split('\n')) {
    const [meta = '', path = ''] = line.split('\t');
    out[path] = meta;
  }
  out['threads/welcome.md'] = readFileSync(join(repo, 'threads/welcome.md'), 'utf8')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'TIME')
    .replace(/Entry-ID: \w+/, 'Entry-ID: ID');
  out.message = git(repo, ['log', '-1', '--format=%B']);
  return out;
}

describe('create-watercooler on a terminal', () => {
  it('asks each question and makes the same repository as the flags', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wc-tty-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const byPrompts = join(root, 'prompts');
    const byFlags = join(root, 'flags');
    mkdirSync(byPrompts);
    mkdirSync(byFlags);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: root,
      NO_COLOR: '1',
      TERM: 'xterm-256color',
      WATERCOOLER_GIT_AUTHOR: 'Amy',
      WATERCOOLER_GIT_EMAIL: 'amy@example.com',
    };
    const socket = `wc-create-${process.pid}`;
    const envArgs = Object.entries(env)
      .map(([k, v]) => `${k}=${quote(v)}`)
      .join(' ');
    const command = `cd ${quote(byPrompts)} && env -i ${envArgs} ${quote(process.execPath)} ${quote(CREATE_BIN)}; echo EXIT:$?; sleep 600`;
    tmux(socket, ['new-session', '-d', '-s', 's', '-x', '120', '-y', '50', command]);
    cleanups.push(() => {
      try {
        tmux(socket, ['kill-server']);
      } catch {
        // already gone
      }
    });

    await waitFor(socket, 'Folder for the new repository');
    tmux(socket, ['send-keys', '-t', 's', '-l', 'demo']);
    tmux(socket, ['send-keys', '-t', 's', 'Enter']);
    await waitFor(socket, 'Agents that take turns');
    tmux(socket, ['send-keys', '-t', 's', 'Enter']);
    await waitFor(socket, 'Who holds the ball first?');
    tmux(socket, ['send-keys', '-t', 's', 'Down']);
    tmux(socket, ['send-keys', '-t', 's', 'Enter']);
    await waitFor(socket, 'Where should it be pushed?');
    tmux(socket, ['send-keys', '-t', 's', 'Enter']);
    const screen = await waitFor(socket, 'EXIT:');
    expect(screen).toContain('EXIT:0');
    expect(screen).toContain(`claude mcp add watercooler -- npx -y ${CLI} mcp`);

    const flags = await runCreate(['demo', '--yes', '--ball', 'Codex'], {
      cwd: byFlags,
      env: { HOME: root, WATERCOOLER_GIT_AUTHOR: 'Amy', WATERCOOLER_GIT_EMAIL: 'amy@example.com' },
    });
    expect(flags.code).toBe(0);
    const a = snapshot(join(byPrompts, 'demo'));
    const b = snapshot(join(byFlags, 'demo'));
    expect(a).toEqual(b);
    expect(readFileSync(join(byPrompts, 'demo', 'watercooler.json'), 'utf8')).toContain(
      '"defaultBall": "Codex"',
    );
  }, 240_000);
});
