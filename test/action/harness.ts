/**
 * Runs the committed Action bundle (action/dist/index.mjs) the way the runner does: a clean
 * environment of INPUT_* and GITHUB_* variables, a real event payload file, real summary and
 * output files, and reads back what it printed and wrote.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from '../helpers/node-versions.js';

const ACTION_BUNDLE = fileURLToPath(new URL('../../action/dist/index.mjs', import.meta.url));

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  file?: string;
  line?: number;
  /** The finding's code, from the message's `CODE: ` prefix. */
  code?: string;
  message: string;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  annotations: Annotation[];
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionInputs {
  'threads-dir'?: string;
  'allow-delete'?: string;
  strict?: string;
}

const ZERO = '0000000000000000000000000000000000000000';
export { ZERO };

export function runAction(options: {
  workspace: string;
  eventName: string;
  payload: unknown;
  inputs?: ActionInputs;
  sha?: string;
  bundle?: string;
  /** The node binary (default: the one running the tests). */
  node?: string;
}): ActionRun {
  const tmp = mkdtempSync(join(tmpdir(), 'wc-runner-'));
  try {
    const eventPath = join(tmp, 'event.json');
    const summaryPath = join(tmp, 'summary.md');
    const outputPath = join(tmp, 'output.txt');
    writeFileSync(eventPath, JSON.stringify(options.payload));
    writeFileSync(summaryPath, '');
    writeFileSync(outputPath, '');
    const inputs = {
      'threads-dir': '',
      'allow-delete': 'false',
      strict: 'false',
      ...options.inputs,
    };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: tmp,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_WORKSPACE: options.workspace,
      RUNNER_TEMP: tmp,
    };
    if (options.sha !== undefined) env.GITHUB_SHA = options.sha;
    // The runner's name for input `threads-dir` is INPUT_THREADS-DIR: upper-cased, hyphens kept.
    for (const [k, v] of Object.entries(inputs))
      env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
    const r = spawnSync(options.node ?? process.execPath, [options.bundle ?? ACTION_BUNDLE], {
      cwd: options.workspace,
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    return {
      code: r.status,
      stdout: r.stdout,
      stderr: r.stderr,
      annotations: parseAnnotations(r.stdout),
      outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
      summary: readFileSync(summaryPath, 'utf8'),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `::error file=a,line=3::CODE: message` workflow commands, unescaped. */
function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (m === null) continue;
    const a: Annotation = { level: m[1] as Annotation['level'], message: unescapeData(m[3] ?? '') };
    for (const prop of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = prop.indexOf('=');
      const key = prop.slice(0, eq);
      const value = unescapeProperty(prop.slice(eq + 1));
      if (key === 'file') a.file = value;
      else if (key === 'line') a.line = Number(value);
    }
    const code = /^([A-Z_]+): /.exec(a.message)?.[1];
    if (code !== undefined) a.code = code;
    out.push(a);
  }
  return out;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/** GITHUB_OUTPUT's `name<<DELIM\nvalue\nDELIM` records. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (m === null) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] ?? '');
    out[m[1] as string] = value.join('\n');
  }
  return out;
}

/** A push payload as GitHub sends it (the fields the Action reads, and a few it does not). */
export function pushPayload(
  before: string,
  after: string,
  options: { ref?: string; forced?: boolean; commits?: string[]; defaultBranch?: string } = {},
): unknown {
  return {
    ref: options.ref ?? 'refs/heads/main',
    before,
    after,
    created: before === ZERO,
    deleted: after === ZERO,
    forced: options.forced ?? false,
    base_ref: null,
    compare: `https://github.com/acme/threads/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: (options.commits ?? []).map((id) => ({ id, distinct: true, message: 'm' })),
    head_commit: { id: after },
    repository: {
      name: 'threads',
      full_name: 'acme/threads',
      default_branch: options.defaultBranch ?? 'main',
    },
    pusher: { name: 'amy', email: 'amy@example.com' },
    sender: { login: 'amy' },
  };
}

export function pullRequestPayload(base: string, head: string): unknown {
  return {
    action: 'synchronize',
    number: 7,
    pull_request: {
      number: 7,
      state: 'open',
      base: { ref: 'main', sha: base, repo: { full_name: 'acme/threads' } },
      head: { ref: 'feature', sha: head, repo: { full_name: 'acme/threads' } },
    },
    repository: { name: 'threads', full_name: 'acme/threads', default_branch: 'main' },
    sender: { login: 'amy' },
  };
}

/**
 * The Node majors the bundle must run on: the tests' own (20, the oldest supported) and 24 (what
 * the runner uses for `using: node24`), when the registry has a binary for this machine.
 */
export function actionNodes(): { name: string; node: string }[] {
  const out = [{ name: `node ${process.versions.node.split('.')[0]}`, node: process.execPath }];
  const node24 = nodeBinary(24);
  if (node24 !== null && process.versions.node.split('.')[0] !== '24')
    out.push({ name: 'node 24', node: node24 });
  return out;
}
