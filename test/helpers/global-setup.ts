/** Builds the bins once before any test spawns them: tests exercise what users run. */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.WATERCOOLER_SKIP_BUILD === '1') return;
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}
