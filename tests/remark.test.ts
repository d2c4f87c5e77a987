import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/lint/engine.js';
import type { Rule } from '../src/lint/types.js';
import remarkMermaidLintDefault, { MESSAGE_SOURCE, remarkMermaidLint, type RemarkMermaidLintOptions } from '../src/remark.js';
import { RULES } from '../src/rules/index.js';
import { ROOT, SEED } from './helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'ml-remark-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};

/** A pipeline as remark-cli builds it: parse (with GFM), run the plugin, stringify. */
const run = (value: string | Uint8Array, options: RemarkMermaidLintOptions = { config: false }, file: { path?: string; cwd?: string } = {}) =>
  unified().use(remarkParse).use(remarkGfm).use(remarkMermaidLint, options).use(remarkStringify).process({ value, ...file });

const SYNTAX_ERROR = '# Bad\n\n```mermaid\ngraph TD\n  A --> B %% note\n```\n';
// A warning (duplicate-edge, with a safe fix) and an info (self-loop).
const HYGIENE = '# Hygiene\n\n```mermaid\ngraph TD\n  A[Alpha] --> B[Beta]\n  A --> B\n  B --> B\n```\n';
const LABEL_DRIFT = [
  '# Overview',
  '',
  '```mermaid',
  'graph TD',
  '  A[Plan Work] --> B[Build Things]',
  '  B --> C[Ship It]',
  '```',
  '',
  '## Detail',
  '',
  '```mermaid',
  'graph TD',
  '  A[Plan] --> B[Build Things]',
  '```',
  '',
].join('\n');

describe('mermaid-lint/remark', () => {
  it('exports the plugin as default and as remarkMermaidLint', () => {
    expect(remarkMermaidLintDefault).toBe(remarkMermaidLint);
    expect(typeof remarkMermaidLint).toBe('function');
  });

  it('adds one message per diagnostic of the seed, with the same places, rule ids and messages', async () => {
    const text = readFileSync(SEED, 'utf8');
    const file = await run(text, { config: false }, { path: SEED });
    const expected = await lint(text, { path: SEED });
    expect(expected.diagnostics.length).toBeGreaterThan(10);
    expect(file.messages.map((m) => [m.ruleId, m.reason, m.place])).toEqual(expected.diagnostics.map((d) => [d.ruleId, d.message, d.position]));
    for (const m of file.messages) {
      expect(m.source).toBe(MESSAGE_SOURCE);
      expect(m.file).toBe(SEED);
      expect(m.line).toBeGreaterThan(0);
      expect(m.column).toBeGreaterThan(0);
      expect(m.url).toBe(`docs/rules/${m.ruleId}.md`);
    }
  });

  it('maps severities as vfile does: error → fatal true, warning → false, info → undefined', async () => {
    const bad = await run(SYNTAX_ERROR);
    expect(bad.messages).toHaveLength(1);
    expect(bad.messages[0]).toMatchObject({ ruleId: 'diagram-syntax', fatal: true, line: 5, column: 11 });

    const hygiene = await run(HYGIENE);
    const byRule = new Map(hygiene.messages.map((m) => [m.ruleId, m]));
    expect(byRule.get('duplicate-edge')?.fatal).toBe(false);
    expect(byRule.get('self-loop')?.fatal).toBeUndefined();
  });

  it('gives the text a fix replaces as `actual`, its replacement as `expected`, and says how to fix it', async () => {
    const file = await run('# Café\n\nSome cafÃ© text.\n');
    const m = file.messages.find((x) => x.ruleId === 'encoding-damage');
    expect(m?.actual).toBe('Ã©');
    expect(m?.expected).toEqual(['é']);
    expect(m?.note).toContain('mermaid-lint --fix');
  });

  it('lists related locations in `note`', async () => {
    const file = await run(LABEL_DRIFT);
    const m = file.messages.find((x) => x.ruleId === 'label-drift');
    expect(m?.note).toMatch(/\(5:\d+\)/);
    expect(m?.note).toContain('--fix-unsafe');
  });

  it('resolves the rule docs against docsBaseUrl', async () => {
    const file = await run(SYNTAX_ERROR, { config: false, docsBaseUrl: 'https://example.com/mermaid-lint/blob/v1/' });
    expect(file.messages[0]?.url).toBe('https://example.com/mermaid-lint/blob/v1/docs/rules/diagram-syntax.md');
  });

  it('takes an inline configuration', async () => {
    const off = await run(SYNTAX_ERROR, { config: { rules: { 'diagram-syntax': 'off' } } });
    expect(off.messages).toEqual([]);
    const warn = await run(SYNTAX_ERROR, { config: { rules: { 'diagram-syntax': 'warning' } } });
    expect(warn.messages[0]?.fatal).toBe(false);
  });

  it('refuses file-relative keys in an inline configuration', async () => {
    await expect(run(SYNTAX_ERROR, { config: { rules: {}, overrides: [{ files: '*.md', rules: {} }] } })).rejects.toMatchObject({
      fatal: true,
      ruleId: 'config',
      reason: expect.stringMatching(/^mermaid-lint\/remark options: overrides: is relative to a configuration file/),
    });
  });

  it('finds the configuration file from the file cwd as the CLI does, with its overrides and ignores', async () => {
    const root = join(dir, 'project');
    write('project/.mermaid-lint.json', JSON.stringify({ rules: { 'diagram-syntax': 'warning' }, ignores: ['vendor/**'], overrides: [{ files: 'strict/**', rules: { 'diagram-syntax': 'error' } }] }));
    write('project/docs/a.md', SYNTAX_ERROR);
    const loose = await run(SYNTAX_ERROR, {}, { path: 'docs/a.md', cwd: root });
    expect(loose.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['diagram-syntax', false]]);
    const strict = await run(SYNTAX_ERROR, {}, { path: 'strict/a.md', cwd: root });
    expect(strict.messages.map((m) => m.fatal)).toEqual([true]);
    const ignored = await run(SYNTAX_ERROR, {}, { path: 'vendor/a.md', cwd: root });
    expect(ignored.messages).toEqual([]);
    // `config: false` skips the lookup.
    const defaults = await run(SYNTAX_ERROR, { config: false }, { path: 'docs/a.md', cwd: root });
    expect(defaults.messages.map((m) => m.fatal)).toEqual([true]);
  });

  it('loads a configuration file given by path, relative to the file cwd', async () => {
    write('named/settings.yaml', 'rules:\n  diagram-syntax: "off"\n');
    const file = await run(SYNTAX_ERROR, { config: 'settings.yaml' }, { path: 'a.md', cwd: join(dir, 'named') });
    expect(file.messages).toEqual([]);
  });

  it('fails the file with a fatal message for a bad configuration', async () => {
    write('broken/.mermaid-lint.json', '{"rules": {"no-such-rule": "error"}}');
    const err = await run(SYNTAX_ERROR, {}, { path: 'a.md', cwd: join(dir, 'broken') }).catch((e: unknown) => e);
    expect(err).toMatchObject({ fatal: true, ruleId: 'config', source: MESSAGE_SOURCE, file: 'a.md' });
    expect(String((err as Error).message)).toMatch(/\.mermaid-lint\.json: rules\.no-such-rule: /);
  });

  it('decodes byte values as the CLI does, positions after the byte-order mark', async () => {
    const bytes = new TextEncoder().encode(`\ufeff${SYNTAX_ERROR}`);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes.slice(3)]);
    const file = await run(withBom);
    expect(file.messages[0]).toMatchObject({ line: 5, column: 11 });
    await expect(run(new Uint8Array([0x23, 0x20, 0xff, 0x0a]))).rejects.toThrow(/invalid UTF-8/);
  });

  it('runs custom rules given as `rules`', async () => {
    const always: Rule = {
      meta: { id: 'always', description: 'Reports every document.', defaultSeverity: 'info', fixable: false, docs: 'https://example.com/always', defaultOptions: {} },
      check(ctx) {
        ctx.report({ message: 'hello', position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } } });
      },
    };
    const file = await run('# A\n', { config: false, rules: [...RULES, always] });
    expect(file.messages.map((m) => [m.ruleId, m.reason, m.fatal, m.url])).toEqual([['always', 'hello', undefined, 'https://example.com/always']]);
  });

  it('leaves the tree and the output alone', async () => {
    const plain = await unified().use(remarkParse).use(remarkGfm).use(remarkStringify).process(HYGIENE);
    const linted = await run(HYGIENE);
    expect(String(linted)).toBe(String(plain));
  });
});

describe('package exports of mermaid-lint/remark', () => {
  // Resolves through package.json `exports` (a package may import itself by name), against the built dist/.
  const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

  it('the ESM build exports the plugin (default and named)', () => {
    const r = node(['--input-type=module', '-e', "import p, { remarkMermaidLint } from 'mermaid-lint/remark'; console.log(typeof p, p === remarkMermaidLint)"]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function true');
  });

  it('the CommonJS build exports the plugin and lints through unified', () => {
    const script = [
      "const { remarkMermaidLint, default: d } = require('mermaid-lint/remark');",
      "const { unified } = require('unified');",
      "const remarkParse = require('remark-parse').default;",
      "const remarkStringify = require('remark-stringify').default;",
      `const text = ${JSON.stringify(SYNTAX_ERROR)};`,
      'const p = unified().use(remarkParse).use(d, { config: false }).use(remarkStringify);',
      "p.process({ value: text, path: 'a.md' }).then((f) => console.log(d === remarkMermaidLint, f.messages.map((m) => m.ruleId + ':' + m.fatal).join()));",
    ].join('\n');
    const r = node(['-e', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('true diagram-syntax:true');
  });

  it('package.json maps ./remark to the built files with their types', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(pkg.exports['./remark']).toEqual({
      import: { types: './dist/remark.d.ts', default: './dist/remark.js' },
      require: { types: './dist/remark.d.cts', default: './dist/remark.cjs' },
    });
  });
});
