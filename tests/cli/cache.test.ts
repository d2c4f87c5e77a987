import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheLocation, collectDeps, settingsKey, stableStringify } from '../../src/cli/cache.js';
import { parseDocument } from '../../src/model/document.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const BAD = '# Bad\n\n```mermaid\ngraph TD\n  A --> B %% note\n```\n';
const GOOD = '# Good\n\n```mermaid\ngraph TD\n  A --> B\n```\n';
const MESSAGE = /Unexpected `%%` after a statement/;

/** A fresh project directory with the given files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ml-cache-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface CacheData {
  version: string;
  entries: Record<string, { key: string; hash: string; deps: [string, string][]; result: { diagnostics: { message: string }[] } }>;
}
const readCache = (file: string): CacheData => JSON.parse(readFileSync(file, 'utf8')) as CacheData;
const writeCache = (file: string, data: CacheData) => writeFileSync(file, JSON.stringify(data));

/**
 * Rewrites every cached message, so that output showing the marker proves
 * the result came from the cache and output without it proves a fresh lint.
 */
function markCache(file: string): void {
  const data = readCache(file);
  for (const e of Object.values(data.entries)) for (const d of e.result.diagnostics) d.message = `CACHED ${d.message}`;
  writeCache(file, data);
}

const lint = (dir: string, ...args: string[]) => runCli(['--cache', '--format', 'compact', ...args], { cwd: dir });

describe('mermaid-lint --cache', () => {
  it('writes .mermaid-lint-cache without node_modules, and reuses each result while nothing changed', () => {
    const dir = project({ 'bad.md': BAD, 'good.md': GOOD });
    const first = lint(dir);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(MESSAGE);
    const file = join(dir, '.mermaid-lint-cache');
    const data = readCache(file);
    expect(Object.keys(data.entries).sort()).toEqual([join(dir, 'bad.md'), join(dir, 'good.md')]);
    markCache(file);
    const second = lint(dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('CACHED Unexpected `%%`');
    // The exit code and summary come from the cached result too.
    expect(second.stdout).toContain('1 problem (1 error');
  });

  it('gives the same output from the cache as without it, in every format', () => {
    const dir = project({ 'bad.md': BAD, 'good.md': GOOD, 'sub/dup.md': '# D\n\n```mermaid\ngraph TD\n  A --> B\n  A --> B\n```\n' });
    for (const format of ['stylish', 'json', 'sarif']) {
      const plain = runCli(['--format', format], { cwd: dir });
      lint(dir, '--format', format);
      const cached = lint(dir, '--format', format);
      expect(cached.stdout).toBe(plain.stdout);
      expect(cached.code).toBe(plain.code);
    }
  });

  it('lints a file again when its content changes', () => {
    const dir = project({ 'a.md': BAD, 'b.md': BAD });
    lint(dir);
    markCache(join(dir, '.mermaid-lint-cache'));
    writeFileSync(join(dir, 'a.md'), `${BAD}\nMore text.\n`);
    const r = lint(dir);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('a.md:'))).not.toContain('CACHED');
    expect(lines.find((l) => l.startsWith('b.md:'))).toContain('CACHED');
  });

  it('lints again when the configuration changes', () => {
    const dir = project({ 'a.md': BAD, '.mermaid-lint.json': '{}' });
    lint(dir);
    markCache(join(dir, '.mermaid-lint-cache'));
    expect(lint(dir).stdout).toContain('CACHED');
    writeFileSync(join(dir, '.mermaid-lint.json'), JSON.stringify({ rules: { 'diagram-syntax': 'warning' } }));
    const r = lint(dir);
    expect(r.stdout).not.toContain('CACHED');
    expect(r.stdout).toMatch(/a\.md:5:11 {2}warning/);
    expect(r.code).toBe(0);
    // …and a rule's options count too.
    writeFileSync(join(dir, '.mermaid-lint.json'), JSON.stringify({ rules: { 'broken-reference': ['warning', { checkAnchors: false }] } }));
    markCache(join(dir, '.mermaid-lint-cache'));
    expect(lint(dir).stdout).not.toContain('CACHED');
  });

  it('starts afresh when the cache was written by another version', () => {
    const dir = project({ 'a.md': BAD });
    lint(dir);
    const file = join(dir, '.mermaid-lint-cache');
    markCache(file);
    const data = readCache(file);
    data.version = '0.0.0-other';
    writeCache(file, data);
    expect(lint(dir).stdout).not.toContain('CACHED');
    expect(readCache(file).version).not.toBe('0.0.0-other');
  });

  it('includes the version and rule settings in the key', () => {
    const base = settingsKey({}, null);
    expect(settingsKey({}, null, undefined, '9.9.9')).not.toBe(base);
    expect(settingsKey({ rules: { 'self-loop': 'off' } }, null)).not.toBe(base);
    expect(settingsKey({ vocabulary: ['Acme'] }, null)).not.toBe(base);
    // Writing a default out changes nothing.
    expect(settingsKey({ rules: { 'broken-reference': ['warning', { checkAnchors: true }] } }, null)).toBe(base);
    expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it("lints a file again when a file its links point to appears, changes or goes (broken-reference's dependencies)", () => {
    const dir = project({
      'index.md': '# Index\n\nSee [guide](guide.md) and [setup](other.md#setup).\n',
      'other.md': '# Other\n\n## Install\n',
    });
    const first = lint(dir);
    expect(first.stdout).toContain('Link `guide.md` not found');
    expect(first.stdout).toContain('points to no heading');
    const file = join(dir, '.mermaid-lint-cache');
    markCache(file);
    expect(lint(dir).stdout).toContain('CACHED');

    // The missing target appears.
    writeFileSync(join(dir, 'guide.md'), '# Guide\n');
    const second = lint(dir);
    expect(second.stdout).not.toContain('CACHED');
    expect(second.stdout).not.toContain('guide.md` not found');

    // The linked document gains the heading.
    markCache(file);
    writeFileSync(join(dir, 'other.md'), '# Other\n\n## Install\n\n## Setup\n');
    expect(lint(dir).stdout.split('\n').filter((l) => l.startsWith('index.md'))).toEqual([]);

    // The target goes away again.
    rmSync(join(dir, 'guide.md'));
    expect(lint(dir).stdout).toContain('Link `guide.md` not found');
  });

  it('records what links depend on, and refuses root-relative links', () => {
    const dir = project({ 'docs/a.md': '# A\n' });
    const x = join(dir, 'x.md');
    const model = parseDocument('[a](docs/a.md) [b](https://x.org) [c](#here) [d](missing/deeper/d.md) [e](docs/nope.md)', { path: x });
    const deps = (collectDeps(model, x) ?? []).map(([kind, path, sig]) => `${kind} ${path.slice(dir.length) || '/'} ${sig.replace(/^[0-9a-f]{64}$/, '<hash>').replace(/^f\d.*/, 'f…')}`);
    expect(deps).toEqual([
      's /docs/a.md f…',
      'n /docs/a.md y',
      's /missing/deeper/d.md -',
      'e /missing/deeper n',
      'e /missing n',
      `e / y`,
      's /docs/nope.md -',
      'e /docs y',
      'l /docs <hash>',
      'n /nope.md n',
    ]);
    expect(collectDeps(parseDocument('[r](/docs/a.md)', { path: x }), x)).toBeNull();
  });

  it('does not reuse a result that has fixes to apply with --fix, and caches the fixed result', () => {
    const dup = '# D\n\n```mermaid\ngraph TD\n  A --> B\n  A --> B\n```\n';
    const dir = project({ 'dup.md': dup });
    lint(dir);
    lint(dir, '--fix');
    expect(readFileSync(join(dir, 'dup.md'), 'utf8')).not.toBe(dup);
    const file = join(dir, '.mermaid-lint-cache');
    const entry = readCache(file).entries[join(dir, 'dup.md')];
    expect(entry?.result.diagnostics.some((d) => d.message.includes('repeats an earlier edge'))).toBe(false);
    markCache(file);
    // The fixed file is unchanged since: a hit.
    const again = lint(dir);
    expect(again.code).toBe(0);
  });

  it('does not store a dry run of changed text, but keeps the cache valid for it', () => {
    const dup = '# D\n\n```mermaid\ngraph TD\n  A --> B\n  A --> B\n```\n';
    const dir = project({ 'dup.md': dup });
    const dry = lint(dir, '--fix-dry-run');
    expect(dry.stdout).toContain('-  A --> B');
    // The dry run described text that is not on disk: nothing cached for it.
    const file = join(dir, '.mermaid-lint-cache');
    expect(existsSync(file) ? readCache(file).entries : {}).toEqual({});
    expect(lint(dir).stdout).toContain('repeats an earlier edge');
  });

  it('uses node_modules/.cache/mermaid-lint/cache.json when node_modules exists, and --cache-location otherwise', () => {
    const dir = project({ 'a.md': GOOD, 'node_modules/.keep': '' });
    lint(dir);
    expect(existsSync(join(dir, 'node_modules', '.cache', 'mermaid-lint', 'cache.json'))).toBe(true);
    expect(existsSync(join(dir, '.mermaid-lint-cache'))).toBe(false);

    lint(dir, '--cache-location', 'tmp/my-cache.json');
    expect(existsSync(join(dir, 'tmp', 'my-cache.json'))).toBe(true);
    lint(dir, '--cache-location', 'cachedir/');
    expect(existsSync(join(dir, 'cachedir', '.mermaid-lint-cache'))).toBe(true);
    expect(cacheLocation(dir, 'cachedir')).toBe(join(dir, 'cachedir', '.mermaid-lint-cache'));
    // Atomic writes leave no temporary files behind.
    expect(readdirSync(join(dir, 'tmp'))).toEqual(['my-cache.json']);
  });

  it('ignores a corrupt cache file and replaces it', () => {
    const dir = project({ 'a.md': BAD, '.mermaid-lint-cache': '{ not json' });
    const r = lint(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(readCache(join(dir, '.mermaid-lint-cache')).entries).toHaveProperty([join(dir, 'a.md')]);
  });

  it('warns once and still reports when the cache cannot be written', () => {
    const dir = project({ 'a.md': BAD, 'blocker': 'a file where a directory should be' });
    const r = lint(dir, '--cache-location', 'blocker/sub/cache.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(MESSAGE);
    expect(r.stderr).toMatch(/^mermaid-lint: cannot write the cache .*blocker\/sub\/cache\.json \(\w+\); the results are not cached\n$/);
  });

  it('assumes only broken-reference reads other files (a rule that reads files must add its dependencies to cache.ts)', () => {
    const readers = ['rules', 'lint', 'model', 'markdown', 'mermaid', 'transform', 'text', 'config']
      .flatMap((d) => readdirSync(join(ROOT, 'src', d), { recursive: true, encoding: 'utf8' }).map((f) => `${d}/${f}`))
      .filter((f) => f.endsWith('.ts') && /from 'node:fs'|require\('node:fs'\)|from 'fs'/.test(readFileSync(join(ROOT, 'src', f), 'utf8')))
      .sort();
    // vocabulary.ts reads the dictionary package (versioned with the tool); config/ is read before linting (its result is in the key).
    expect(readers.filter((f) => !f.startsWith('config/'))).toEqual(['lint/vocabulary.ts', 'rules/broken-reference.ts']);
  });

  it('rejects --cache-location without --cache', () => {
    const dir = project({ 'a.md': GOOD });
    const r = runCli(['--cache-location', 'x'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--cache-location goes with --cache');
  });
});
