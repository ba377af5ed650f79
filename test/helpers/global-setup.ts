/**
 * Builds the bins once before any test spawns them (tests exercise what users run), and the hub
 * bundle into a folder of this run's own: `npm run build` swaps dist/ and a hub build empties its
 * folder, so a workerd reading dist/hub while another run builds found its chunks gone.
 */
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { buildHubAside } from '../../hub/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** worker.js of this run's hub bundle. */
    hubBundle: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.WATERCOOLER_SKIP_BUILD !== '1')
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const { bundle, remove } = await buildHubAside();
  project.provide('hubBundle', bundle);
  return remove;
}
