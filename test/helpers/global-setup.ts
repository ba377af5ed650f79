/**
 * Builds the bins once before any test spawns them (tests exercise what users run), and the hub
 * bundle into a folder of this run's own: `npm run build` swaps dist/ and a hub build empties its
 * folder, so a workerd reading dist/hub while another run builds found its chunks gone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildHub } from '../../hub/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** worker.js of this run's hub bundle. */
    hubBundle: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.WATERCOOLER_SKIP_BUILD !== '1')
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'watercooler-hub-bundle-'));
  await buildHub({ outdir: dir });
  project.provide('hubBundle', join(dir, 'worker.js'));
  return () => rmSync(dir, { recursive: true, force: true });
}
