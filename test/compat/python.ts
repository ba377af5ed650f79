import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The Python tool's three generations, run from `../shared/reference/python` (beside the repo).
 * Each is usable only when its sources are there and a Python that can import what its CLI
 * needs is on the machine; tests skip with the reason otherwise.
 */
export type Generation = 'seed' | 'dec2025' | 'newest';

export const GENERATIONS: Generation[] = ['seed', 'dec2025', 'newest'];

const REFERENCE = fileURLToPath(new URL('../../../shared/reference/python/', import.meta.url));

/** What each generation's CLI imports beyond the standard library. */
const NEEDS: Record<Generation, string> = {
  seed: 'import watercooler.cli',
  dec2025: 'import git, watercooler.cli, watercooler.path_resolver',
  newest: 'import git, pydantic, tomlkit, watercooler.cli, watercooler.path_resolver',
};

function pythonPath(gen: Generation): string {
  return [`${REFERENCE}${gen}/src`, `${REFERENCE}stubs`].join(':');
}

const found = new Map<Generation, string | null>();

/** The Python interpreter that runs a generation, or null (with `whyNot`) when none can. */
export function pythonFor(gen: Generation): string | null {
  if (found.has(gen)) return found.get(gen) ?? null;
  let result: string | null = null;
  if (existsSync(`${REFERENCE}${gen}/src/watercooler/cli.py`)) {
    for (const candidate of ['python3', '/usr/bin/python3', 'python']) {
      const probe = spawnSync(candidate, ['-c', NEEDS[gen]], {
        env: { PATH: process.env.PATH ?? '', PYTHONPATH: pythonPath(gen) },
        encoding: 'utf8',
      });
      if (probe.status === 0) {
        result = candidate;
        break;
      }
    }
  }
  found.set(gen, result);
  return result;
}

export function whyNot(gen: Generation): string {
  if (!existsSync(`${REFERENCE}${gen}/src/watercooler/cli.py`))
    return `the Python sources are not at ../shared/reference/python/${gen}`;
  if (gen === 'seed') return 'no python3 on PATH';
  return 'no python3 here can import what its CLI needs (Debian: python3-git python3-pydantic python3-tomlkit)';
}

export interface PyResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one generation's CLI (`python -m watercooler.cli ARGS`). */
export function runPython(
  gen: Generation,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; input?: string },
): PyResult {
  const python = pythonFor(gen);
  if (python === null) throw new Error(`Python ${gen} is not runnable: ${whyNot(gen)}`);
  const run = spawnSync(python, ['-m', 'watercooler.cli', ...args], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      USER: 'tester',
      LOGNAME: 'tester',
      ...options.env,
      PYTHONPATH: pythonPath(gen),
      PYTHONDONTWRITEBYTECODE: '1',
    },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs Python code with a generation's package importable (for its readers and graph API). */
export function runPythonCode(gen: Generation, code: string, cwd: string): PyResult {
  const python = pythonFor(gen);
  if (python === null) throw new Error(`Python ${gen} is not runnable: ${whyNot(gen)}`);
  const run = spawnSync(python, ['-c', code], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      USER: 'tester',
      PYTHONPATH: pythonPath(gen),
      PYTHONDONTWRITEBYTECODE: '1',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
