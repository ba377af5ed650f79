import { run } from './main.js';

// The bundle's entry point: the runner starts `node dist/index.mjs`, which runs the Action once.
void run();
