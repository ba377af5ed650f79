/**
 * The dependency direction of DESIGN.md, enforced:
 * - core/ imports only node:*, zod, ulid, and Octokit (only in core/store/github.ts);
 * - core/ never reads process.env/argv, writes to stdout or exits;
 * - surfaces import core through core/index.ts only, and never each other's internals
 *   (the `mcp` and `tui` commands reaching their surface's entry lazily are the allowed edges);
 * - the CLI's start-up path loads no heavy module (MCP SDK, ink, react, Octokit) eagerly;
 * - the modules the hub runs (store skeleton, layout, config parsing, the GitHub single writer
 *   and its REST calls, operations, the thread model, the graph files) reach neither node:fs, child_process nor
 *   Octokit, through any import, lazy ones included;
 * - the hub (hub/worker.ts, what workerd runs) bundles no Node-only module: no child_process,
 *   no node:fs, no local or git store, no Octokit.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') continue;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...files(path));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

interface Import {
  spec: string;
  lazy: boolean;
}

function importsOf(file: string): Import[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const found: Import[] = [];
  for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
    if (!/^\s*import\s+type\s/.test(m[0]) && m[1] !== undefined)
      found.push({ spec: m[1], lazy: false });
  }
  for (const m of src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g))
    if (m[1] !== undefined) found.push({ spec: m[1], lazy: true });
  return found;
}

const pkg = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

describe('architecture', () => {
  it('core imports only node:*, zod, ulid and (in the GitHub store) Octokit', () => {
    const bad: string[] = [];
    for (const file of files('core')) {
      for (const { spec } of importsOf(file)) {
        if (spec.startsWith('.') || spec.startsWith('node:')) {
          if (spec.startsWith('.') && /\.\.\/(\.\.\/)?(cli|server|action|test|bench)\//.test(spec))
            bad.push(`${file} → ${spec}`);
          continue;
        }
        const name = pkg(spec) ?? spec;
        const octokit = name.startsWith('@octokit/') && file === join('core', 'store', 'github.ts');
        if (!['zod', 'ulid'].includes(name) && !octokit) bad.push(`${file} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('core never touches the process: no env, argv, stdout or exit', () => {
    const code = (f: string) =>
      readFileSync(join(ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const bad = files('core').filter((f) =>
      /process\.(env|argv|exit|stdout)\b|console\.(log|info)\(/.test(code(f)),
    );
    expect(bad).toEqual([]);
  });

  it("surfaces reach core only through core/index.ts and not each other's internals", () => {
    const bad: string[] = [];
    for (const surface of ['cli', 'server', 'action']) {
      for (const file of files(surface)) {
        for (const { spec, lazy } of importsOf(file)) {
          if (!spec.startsWith('.')) continue;
          const target = relative(ROOT, join(ROOT, file, '..', spec)).replace(/\.js$/, '');
          const top = target.split('/')[0];
          if (top === 'core' && target !== 'core/index') bad.push(`${file} → ${spec}`);
          // The package manifest is no surface: cli/version.ts reads the version from it.
          const crossing = top !== surface && top !== 'core' && target !== 'package.json';
          const allowed = lazy && (target === 'server/main' || target === 'cli/tui/main');
          if (crossing && !allowed) bad.push(`${file} → ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('the CLI start-up path imports no heavy module eagerly', () => {
    const heavy = [
      '@modelcontextprotocol/sdk',
      'ink',
      'react',
      '@octokit/rest',
      '@actions/core',
      '@clack/prompts',
    ];
    const seen = new Set<string>();
    const bad: string[] = [];
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { spec, lazy } of importsOf(file)) {
        if (lazy) continue;
        if (!spec.startsWith('.')) {
          if (heavy.includes(pkg(spec) ?? spec)) bad.push(`${file} → ${spec}`);
          continue;
        }
        const target = relative(ROOT, join(ROOT, file, '..', spec)).replace(/\.js$/, '');
        for (const ext of ['.ts', '.tsx']) {
          try {
            statSync(join(ROOT, target + ext));
            walk(target + ext);
          } catch {
            // not this extension
          }
        }
      }
    };
    walk(join('cli', 'watercooler.ts'));
    expect(bad).toEqual([]);
  });

  it('the modules the hub runs import no node:fs, child_process or Octokit', () => {
    const roots = [
      'core/store/skeleton.ts',
      'core/store/batch.ts',
      'core/layout.ts',
      'core/config-parse.ts',
      'core/store/github-batch.ts',
      'core/store/github-copy.ts',
      'core/store/github-commit.ts',
      'core/store/github-rest.ts',
      'core/store/repo-spec.ts',
      'core/store/github-single-writer.ts',
      'core/operations.ts',
      ...files('core/thread'),
      ...files('core/graph'),
    ];
    const forbidden = /^(node:)?(fs|fs\/promises|child_process)$|^@octokit\//;
    const bad: string[] = [];
    const seen = new Set<string>();
    const walk = (file: string, via: string[]) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const { spec } of importsOf(file)) {
        if (!spec.startsWith('.')) {
          if (forbidden.test(spec)) bad.push([...via, file, spec].join(' → '));
          continue;
        }
        const target = relative(ROOT, join(ROOT, file, '..', spec)).replace(/\.js$/, '.ts');
        if (statSync(join(ROOT, target), { throwIfNoEntry: false }) !== undefined)
          walk(target, [...via, file]);
      }
    };
    for (const root of roots) walk(root, []);
    expect(seen.size).toBeGreaterThan(roots.length);
    expect(bad).toEqual([]);
  });

  it('the hub bundle holds no Node-only module', async () => {
    const { buildHub } = await import('../hub/build.js');
    const meta = await buildHub({ write: false });
    const bundled = new Set(Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs)));
    const nodeOnly = [...bundled].filter((f) =>
      /^core\/(git|store\/(local|git|git-clone|git-tree|lock|atomic|outbox))\.ts$/.test(f),
    );
    expect(nodeOnly).toEqual([]);
    expect([...bundled].filter((f) => /@octokit\/|^core\/store\/github\.ts$/.test(f))).toEqual([]);
    const importers = (mod: RegExp) =>
      [...bundled].filter((f) =>
        (meta.inputs[f]?.imports ?? []).some((i) => i.external === true && mod.test(i.path)),
      );
    expect(importers(/^(node:)?child_process$/)).toEqual([]);
    expect(importers(/^(node:)?fs(\/promises)?$/)).toEqual([]);
  });
});
