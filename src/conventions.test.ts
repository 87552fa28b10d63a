// Conventions of the repository that a review would otherwise have to catch by eye: every
// package the code imports is declared in package.json (none arrives through another's
// dependencies), d3 comes as its separate modules (never the umbrella), comments cite
// the architecture document that is in the repository (docs/ARCHITECTURE.md), whose
// sections they name exist, and no code outside an algorithm's folders names its id.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { algorithmIds } from './core/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIRS = ['src', 'e2e', 'bench', 'scripts'];
const ROOT_FILES = ['vite.config.ts', 'playwright.config.ts', 'eslint.config.js'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'results' ? [] : walk(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

const files = [...SOURCE_DIRS.flatMap((d) => walk(join(ROOT, d))), ...ROOT_FILES.map((f) => join(ROOT, f))];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
const builtins = new Set(builtinModules);

/** The package a bare import specifier names ('@scope/name' or 'name'), or null for a relative, node: or virtual one. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('virtual:'))
    return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
  return builtins.has(name) ? null : name;
}

function importsOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+'([^']+)'/g, /\bimport\s+'([^']+)'/g, /\bimport\(\s*'([^']+)'\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1] as string);
  return found;
}

describe('repository conventions', () => {
  it('finds the source files it checks', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('declares every package it imports, and imports d3 by module, never the umbrella', () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const name = packageOf(specifier);
        if (name !== null && (!declared.has(name) || name === 'd3')) missing.push(`${relative(ROOT, file)}: ${specifier}`);
      }
    }
    expect(missing).toEqual([]);
    expect(declared.has('d3')).toBe(false);
  });

  it('cites docs/ARCHITECTURE.md, not a design document outside the repository, and only sections it has', () => {
    const doc = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
    const sections = new Set([...doc.matchAll(/^## (\d+)\./gm)].map((m) => m[1]));
    const wrong: string[] = [];
    const self = fileURLToPath(import.meta.url);
    for (const file of [...files.filter((f) => f !== self), join(ROOT, 'README.md')]) {
      const text = readFileSync(file, 'utf8');
      if (/DESIGN(\.md)?\b/.test(text)) wrong.push(`${relative(ROOT, file)} cites DESIGN`);
      for (const m of text.matchAll(/ARCHITECTURE\.md §(\d+)/g))
        if (!sections.has(m[1])) wrong.push(`${relative(ROOT, file)} cites §${m[1]}`);
    }
    expect(wrong).toEqual([]);
  });

  it("names an algorithm's id only inside its folders (src/core/algorithms/<id>/, src/views/algorithms/<id>/), in tests, and where listed with a reason", () => {
    /** Files (from src/) that may name ids, each with why; `only`: just these spellings there. */
    const allowed: { file: string; why: string; only?: RegExp }[] = [
      {
        file: 'core/algorithms/definition.ts',
        why: "the definition's own types: the lab programs' two protocols (relayService) and the ring topology",
      },
      {
        file: 'core/algorithms/runtimes.ts',
        why: "the node workers' second registry: each id with only its machine and timeout scaling (registry.test.ts checks both lists agree)",
      },
      { file: 'relay/protocol.ts', why: "the relay's wire protocol: a connection speaks the lab programs' Cristian or Berkeley protocol" },
      { file: 'relay/server.ts', why: 'the relay: one TCP port per lab program protocol' },
      { file: 'relay/programs.ts', why: "the lab's Python programs to run for each protocol" },
      { file: 'hosts/relay-session.ts', why: "the page's side of the wire protocol: what each protocol's programs send and expect" },
      {
        file: 'views/stage/Links.tsx',
        why: "a topology, not an algorithm: only ring neighbours' links are drawn",
        only: /topology === 'ring'/g,
      },
      {
        file: 'app/debug-hook.ts',
        why: "the benchmarks' hooks build custom Bully setups (bench/ measures elections of n nodes)",
        only: /algorithm: 'bully'/g,
      },
    ];
    const ids = new Set<string>(algorithmIds);
    const own = new RegExp(`^(core|views)/algorithms/(${[...ids].join('|')})/`);
    const found: string[] = [];
    for (const file of files) {
      const path = relative(join(ROOT, 'src'), file);
      if (path.startsWith('..') || /\.test\.tsx?$/.test(path) || own.test(path)) continue;
      const allowance = allowed.find((a) => a.file === path);
      if (allowance && !allowance.only) continue;
      let text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|\s)\/\/.*$/gm, '$1');
      if (allowance?.only) text = text.replace(allowance.only, '');
      for (const m of text.matchAll(/(['"`])([a-z][a-z-]*)\1/g)) if (ids.has(m[2] as string)) found.push(`${path}: ${m[0]}`);
    }
    expect(found).toEqual([]);
    // Every allowance is still needed: a file that no longer names an id comes off the list.
    for (const a of allowed) {
      const text = readFileSync(join(ROOT, 'src', a.file), 'utf8');
      const names = [...text.matchAll(/(['"`])([a-z][a-z-]*)\1/g)].some((m) => ids.has(m[2] as string));
      expect([a.file, names]).toEqual([a.file, true]);
    }
  });
});
