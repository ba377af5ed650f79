/**
 * The official MCP Inspector (0.15, CLI mode) drives the built server the way a developer
 * would: it lists the tools and calls watercooler_say, which lands in the threads folder.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WATERCOOLER_BIN, cleanEnv } from '../helpers/run-bin.js';
import { threadsDir } from './harness.js';

const INSPECTOR = fileURLToPath(new URL('../../node_modules/.bin/mcp-inspector', import.meta.url));

function inspect(
  dir: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      INSPECTOR,
      ['--cli', process.execPath, WATERCOOLER_BIN, 'mcp', '--threads-dir', dir, ...args],
      {
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('MCP Inspector CLI', () => {
  it('lists the tools and calls watercooler_say', async () => {
    const dir = threadsDir();
    const list = await inspect(dir, ['--method', 'tools/list']);
    expect(list.code, list.stderr).toBe(0);
    const names = (JSON.parse(list.stdout) as { tools: { name: string }[] }).tools.map(
      (t) => t.name,
    );
    expect(names).toContain('watercooler_say');
    expect(names).toHaveLength(16);

    const say = await inspect(dir, [
      '--method',
      'tools/call',
      '--tool-name',
      'watercooler_say',
      '--tool-arg',
      'topic=from-inspector',
      '--tool-arg',
      'title=Hello',
      '--tool-arg',
      'body=Sent by the inspector.',
    ]);
    expect(say.code, say.stderr).toBe(0);
    const result = JSON.parse(say.stdout) as {
      structuredContent: { topic: string; entry_id: string };
      isError?: boolean;
    };
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent.topic).toBe('from-inspector');
    const file = readFileSync(join(dir, 'from-inspector.md'), 'utf8');
    expect(file).toContain('Entry: Inspector Cli (tester) ');
    expect(file).toContain(`<!-- Entry-ID: ${result.structuredContent.entry_id} -->`);
  });
});
