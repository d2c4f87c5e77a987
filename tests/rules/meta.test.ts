import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code, Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { RULES } from '../../src/rules/index.js';
import { ROOT } from '../helpers/paths.js';

/** The `markdown` examples under each `## Incorrect` / `## Correct` heading of a rule's doc page. */
function examples(doc: string): { incorrect: string[]; correct: string[] } {
  const tree: Root = parseMarkdown(doc);
  const out = { incorrect: [] as string[], correct: [] as string[] };
  let current: 'incorrect' | 'correct' | null = null;
  for (const node of tree.children) {
    if (node.type === 'heading' && (node as Heading).depth === 2) {
      const t = toString(node).trim().toLowerCase();
      current = t === 'incorrect' ? 'incorrect' : t === 'correct' ? 'correct' : null;
    } else if (node.type === 'code' && (node as Code).lang === 'markdown' && current) {
      out[current].push((node as Code).value);
    }
  }
  return out;
}

const ruleFiles = readdirSync(join(ROOT, 'src', 'rules'))
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'docs.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

describe('rule registry', () => {
  it('registers every rule file under its own name, once', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s has complete meta', (id, rule) => {
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(rule.meta.description).toMatch(/^[A-Z].*\.$/);
    expect(['error', 'warning', 'info']).toContain(rule.meta.defaultSeverity);
    expect(['safe', 'unsafe', false]).toContain(rule.meta.fixable);
    expect(rule.meta.docs).toBe(`docs/rules/${id}.md`);
  });
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))('docs/rules/%s.md', (id, rule) => {
  const doc = readFileSync(join(ROOT, 'docs', 'rules', `${id}.md`), 'utf8');
  const { incorrect, correct } = examples(doc);

  it('starts with the rule id and its description', () => {
    expect(doc.split('\n').slice(0, 3)).toEqual([`# ${id}`, '', rule.meta.description]);
    expect(incorrect.length).toBeGreaterThan(0);
    expect(correct.length).toBeGreaterThan(0);
  });

  it.each(incorrect.map((e, i) => [i + 1, e]))('incorrect example %i is reported', async (_i, example) => {
    const result = await lint(example as string);
    expect(result.diagnostics.filter((d) => d.ruleId === id).length).toBeGreaterThan(0);
  });

  it.each(correct.map((e, i) => [i + 1, e]))('correct example %i is clean', async (_i, example) => {
    const result = await lint(example as string);
    expect(result.diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
  });
});
