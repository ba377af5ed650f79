/**
 * Ctrl+G: the body in the user's own editor ($VISUAL, else $EDITOR, else vi), as git and every
 * TUI of this kind offer. The terminal is handed over while it runs: the main screen, cooked
 * mode; then the TUI takes it back and draws a whole frame again.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExternalEditor } from './use-compose.js';

/** Mouse reports on (button presses and the wheel, SGR encoding) and off. */
export const MOUSE_ON = '\u001B[?1000h\u001B[?1006h';
export const MOUSE_OFF = '\u001B[?1000l\u001B[?1006l';

function editorCommand(env: NodeJS.ProcessEnv): string {
  const pick = [env.VISUAL, env.EDITOR].find((e) => e !== undefined && e.trim() !== '');
  return pick ?? 'vi';
}

export function externalEditor(
  env: NodeJS.ProcessEnv,
  stdin: NodeJS.ReadStream,
  stdout: NodeJS.WriteStream,
): ExternalEditor {
  return async (text) => {
    const dir = mkdtempSync(join(tmpdir(), 'watercooler-draft-'));
    const file = join(dir, 'REPLY.md');
    const command = editorCommand(env);
    try {
      writeFileSync(file, text === '' ? '' : `${text}\n`, { mode: 0o600 });
      stdin.setRawMode?.(false);
      stdout.write(`${MOUSE_OFF}\u001B[?1049l`);
      // Through the shell, as git does: EDITOR may carry arguments ("code --wait").
      const r = spawnSync('/bin/sh', ['-c', `${command} "$1"`, 'sh', file], {
        stdio: 'inherit',
        env,
      });
      if (r.error !== undefined) return { error: `Could not start ${command}: ${r.error.message}` };
      if (r.status !== 0)
        return {
          error: `${command} exited with ${r.status ?? r.signal}; the body is unchanged.`,
        };
      return { text: readFileSync(file, 'utf8') };
    } finally {
      stdout.write(`\u001B[?1049h\u001B[2J\u001B[H${MOUSE_ON}`);
      stdin.setRawMode?.(true);
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
