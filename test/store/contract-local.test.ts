/** The store contract (test/store/contract.ts) on the local folder store. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openStore } from '../../core/index.js';
import { storeContract } from './contract.js';

storeContract('local folder', async () => {
  const root = mkdtempSync(join(tmpdir(), 'wc-contract-local-'));
  const threadsDir = join(root, 'threads');
  return {
    open: () =>
      openStore({
        kind: 'local',
        threadsDir,
        cacheDir: join(root, 'cache'),
        context: { user: 'tester' },
      }),
    seed: async (files) => {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(threadsDir, path)), { recursive: true });
        writeFileSync(join(threadsDir, path), text);
      }
    },
    prefix: '',
    repository: false,
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});
