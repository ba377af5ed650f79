import { type SpawnOptions, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built `watercooler` bin (test/helpers/global-setup.ts builds it). */
export const WATERCOOLER_BIN = fileURLToPath(new URL('../../dist/watercooler.js', import.meta.url));

export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built bin with a clean environment (plus `env`), capturing everything it prints. */
export function runBin(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): Promise<BinResult> {
  return runNode([WATERCOOLER_BIN, ...args], options);
}

/** A minimal, predictable environment: no user config leaks into tests. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
  const env: Record<string, string> = { NO_COLOR: '1', WATERCOOLER_USER: 'tester' };
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k] as string;
  return { ...env, ...extra };
}

export function runNode(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? cleanEnv(),
      stdio: 'pipe',
    };
    const child = spawn(process.execPath, args, spawnOptions);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin?.end(options.input ?? '');
  });
}
