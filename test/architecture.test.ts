/**
 * The dependency direction of DESIGN.md, enforced:
 * - core/ imports only node:*, zod, ulid, and Octokit (only in core/store/github.ts);
 * - core/ never reads process.env/argv, writes to stdout or exits;
 * - surfaces import core through core/index.ts only, and never each other's internals
 *   (the `mcp` and `tui` commands reaching their surface's entry lazily are the allowed edges);
 * - the CLI's start-up path loads no heavy module (MCP SDK, ink, react, Octokit) eagerly.
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
});
