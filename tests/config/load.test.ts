import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFor, findConfigFile, loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/lint/config.js';

const tree = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-config-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
};

const errorOf = async (p: Promise<unknown>): Promise<ConfigError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('findConfigFile', () => {
  it('looks in the directory and upwards, in a fixed order of names', () => {
    const dir = tree({ '.mermaid-lint.yaml': 'rules: {}\n', '.mermaid-lint.json': '{}', 'a/b/doc.md': '' });
    expect(findConfigFile(join(dir, 'a', 'b'))).toBe(join(dir, '.mermaid-lint.json'));
  });

  it('takes package.json only with a "mermaid-lint" key', () => {
    const dir = tree({ 'package.json': '{"name":"x"}', 'sub/package.json': '{"mermaid-lint":{"rules":{}}}' });
    expect(findConfigFile(join(dir, 'sub'))).toBe(join(dir, 'sub', 'package.json'));
    expect(findConfigFile(dir)).not.toBe(join(dir, 'package.json'));
  });
});

describe('loadConfig', () => {
  it('reads JSON, YAML, ESM and package.json configurations', async () => {
    const dir = tree({
      'a.json': '{"rules":{"label-drift":"off"}}',
      'b.yml': 'rules:\n  label-drift: error\nvocabulary: [Acme]\n',
      'c.mjs': 'export default { rules: { "label-drift": "info" } };',
      'package.json': '{"mermaid-lint":{"rules":{"label-drift":"warning"}}}',
    });
    expect((await loadConfig(join(dir, 'a.json'), dir)).base.rules).toEqual({ 'label-drift': 'off' });
    expect((await loadConfig(join(dir, 'b.yml'), dir)).base).toEqual({ rules: { 'label-drift': 'error' }, vocabulary: ['Acme'] });
    expect((await loadConfig(join(dir, 'c.mjs'), dir)).base.rules).toEqual({ 'label-drift': 'info' });
    expect((await loadConfig(join(dir, 'package.json'), dir)).base.rules).toEqual({ 'label-drift': 'warning' });
  });

  it('applies extends first, keeping options when a later file only changes the severity', async () => {
    const dir = tree({
      'base.json': '{"rules":{"split-incomplete":["info",{"minViews":3}]},"vocabulary":["Base"]}',
      'sub/.mermaid-lint.json': '{"extends":"../base.json","rules":{"split-incomplete":"warning"},"vocabulary":["Own"]}',
    });
    const loaded = await loadConfig(join(dir, 'sub', '.mermaid-lint.json'), dir);
    expect(loaded.base).toEqual({ rules: { 'split-incomplete': ['warning', { minViews: 3 }] }, vocabulary: ['Base', 'Own'] });
    expect(loaded.sources).toEqual([join(dir, 'base.json'), join(dir, 'sub', '.mermaid-lint.json')]);
  });

  it('applies overrides to the files their globs match', async () => {
    const dir = tree({ '.mermaid-lint.json': '{"overrides":[{"files":"legacy/**","rules":{"diagram-syntax":"off"},"vocabulary":["Old"]}]}' });
    const loaded = await loadConfig(join(dir, '.mermaid-lint.json'), dir);
    expect(configFor(loaded, join(dir, 'legacy', 'a.md'))).toEqual({ rules: { 'diagram-syntax': 'off' }, vocabulary: ['Old'] });
    expect(configFor(loaded, join(dir, 'docs', 'a.md'))).toEqual({ rules: {}, vocabulary: [] });
  });

  it.each([
    ['{"rules":{"nope":"error"}}', 'rules.nope'],
    ['{"rules":{"label-drift":"loud"}}', 'rules.label-drift'],
    ['{"rules":{"split-incomplete":["info",{"minViews":"3"}]}}', 'rules.split-incomplete[1].minViews'],
    ['{"overrides":[{"rules":{}}]}', 'overrides[0].files'],
    ['{"overrides":[{"files":"*","rule":{}}]}', 'overrides[0].rule'],
    ['{"vocabulary":"Acme"}', 'vocabulary'],
    ['{"extends":"missing.json"}', 'extends'],
    ['{"colour":true}', 'colour'],
    ['{not json', '(file)'],
  ])('rejects %s at %s', async (text, keyPath) => {
    const dir = tree({ 'c.json': text });
    const e = await errorOf(loadConfig(join(dir, 'c.json'), dir));
    expect(e.keyPath).toBe(keyPath);
    expect(e.format()).toMatch(new RegExp(`^${join(dir, 'c.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  });

  it('rejects an extends cycle', async () => {
    const dir = tree({ 'a.json': '{"extends":"b.json"}', 'b.json': '{"extends":"a.json"}' });
    expect((await errorOf(loadConfig(join(dir, 'a.json'), dir))).message).toMatch(/^cycle: a\.json → b\.json → a\.json$/);
  });

  it('names the line of a YAML error', async () => {
    const dir = tree({ 'c.yaml': 'rules:\n  a: [\n' });
    expect((await errorOf(loadConfig(join(dir, 'c.yaml'), dir))).message).toMatch(/^invalid YAML at line \d+, column \d+/);
  });
});
