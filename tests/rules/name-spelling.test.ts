import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fix, lint } from '../../src/lint/engine.js';
import type { Config, Diagnostic } from '../../src/lint/types.js';
import { RULES } from '../../src/rules/index.js';
import { nameSpelling, significantDifference } from '../../src/rules/name-spelling.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

const ID = 'name-spelling';
const only: Config = { rules: { ...Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const])), [ID]: 'warning' } };
const own = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === ID);

/** A table declaring `names`, then a flowchart with one node per label. */
const doc = (names: string[], labels: string[]): string =>
  [
    ...(names.length ? ['| Tool | Use |', '| --- | --- |', ...names.map((n) => `| ${n} | x |`), ''] : []),
    '```mermaid',
    'graph LR',
    ...labels.map((l, i) => `    N${i}[${l}]`),
    '```',
    '',
  ].join('\n');

describe('name-spelling on the seed fixture', () => {
  const seed = readFileSync(SEED, 'utf8');

  it('reports Kserve, numpy, Pandas and Pytest, each with a safe fix, and leaves the respaced ELK view label to label-drift', async () => {
    const found = own((await lint(seed, { config: only })).diagnostics);
    const summary = found.map((d) => `${d.position.start.line}:${d.position.start.column} ${d.message} → ${d.fix?.edits.map((e) => e.text).join('')}`);
    expect(summary).toEqual([
      "10:5 Unexpected `Pandas`, expected `pandas` (the dictionary's spelling) → pandas",
      "28:5 Unexpected `Pytest`, expected `pytest` (the dictionary's spelling) → pytest",
      "91:19 Unexpected `Pandas`, expected `pandas` (the dictionary's spelling) → pandas",
      '113:14 Unexpected `Kserve`, expected `KServe` (declared in the table at line 59) → KServe',
      '127:14 Unexpected `numpy`, expected `NumPy` (declared in the table at line 9) → NumPy',
      '151:31 Unexpected `numpy`, expected `NumPy` (declared in the table at line 9) → NumPy',
      '174:14 Unexpected `Kserve`, expected `KServe` (declared in the table at line 59) → KServe',
    ]);
    expect(found.every((d) => d.fix?.kind === 'safe')).toBe(true);
  });

  it('fixes them all in one pass, and the result is clean', async () => {
    const fixed = await fix(seed, { config: only, level: 'safe' });
    expect(fixed.fixed).toBe(7);
    expect(own(fixed.diagnostics)).toEqual([]);
    const lines = fixed.output.split('\n');
    expect(lines[9]).toMatch(/^\| \*\*pandas\*\* /);
    expect(lines[112]).toBe('    F --> F3[KServe]');
    expect(lines[126]).toBe('    J --> J1[NumPy]');
    expect(lines[190]).toBe('    D --> D3[ELK Stack / OpenSearch]');
  });
});

ruleTester(nameSpelling, {
  valid: [
    { name: 'the same spelling everywhere', code: doc(['KServe', 'NumPy', 'pandas'], ['KServe', 'NumPy', 'pandas']) },
    { name: 'an alias is written as declared', code: doc(['KServe (KFServing)'], ['KFServing', 'KServe']) },
    { name: 'title case and sentence case of common words', code: doc([], ['Model Deployment', 'Model deployment', 'Send Message', 'send message']) },
    { name: 'capitals of common words', code: doc(['GET', 'Default'], ['Get', 'default']) },
    { name: 'quotes, emoji and brackets around a name', code: doc(['AI Assistant'], ['"AI Assistant"', '🤖 AI Assistant']) },
    { name: 'code identifiers', code: doc(['task_id', 'my_table'], ['taskId', 'MyTable', 'TaskId']) },
    { name: 'words that share letters but not word breaks', code: doc(['Send message'], ['SendMessage']) },
    { name: 'names in paths', code: doc(['Prometheus'], ['/v1/prometheus/write', 'prometheus/node-exporter:1.0']) },
    { name: 'a lower-case column of identifiers', code: doc(['aws', 'gcp', 'vsphere'], []) },
    { name: 'inline code in a list member', code: '- **Packages:** `numpy`, NumPy\n' },
    { name: 'bare node ids', code: '| Tool | Use |\n| --- | --- |\n| NumPy | x |\n\n```mermaid\ngraph LR\n    numpy --> B[NumPy]\n```\n' },
    { name: 'a capitalised dictionary word in lower case', code: doc([], ['ceph']) },
    { name: 'a lower-case dictionary term says nothing about case', code: doc([], ['Golang', 'golang']) },
    { name: 'ignore', code: doc(['KServe'], ['Kserve']), options: { ignore: ['kserve'] } },
    { name: 'a lone label', code: doc([], ['Orders Svc']) },
  ],
  invalid: [
    {
      name: 'a diagram label in another case than the table',
      code: doc(['KServe'], ['Kserve']),
      errors: [{ line: 7, column: 8, endColumn: 14, message: 'Unexpected `Kserve`, expected `KServe` (declared in the table at line 3)' }],
      output: doc(['KServe'], ['KServe']),
    },
    {
      name: "the dictionary's spelling wins over the table's",
      code: doc(['Pandas', 'Pytest', 'Numpy'], ['pandas', 'numpy']),
      errors: [
        { line: 3, column: 3, message: "Unexpected `Pandas`, expected `pandas` (the dictionary's spelling)" },
        { line: 4, column: 3, message: "Unexpected `Pytest`, expected `pytest` (the dictionary's spelling)" },
        { line: 5, column: 3, message: "Unexpected `Numpy`, expected `NumPy` (the dictionary's spelling)" },
        { line: 10, column: 8, message: "Unexpected `numpy`, expected `NumPy` (the dictionary's spelling)" },
      ],
      output: doc(['pandas', 'pytest', 'NumPy'], ['pandas', 'NumPy']),
    },
    {
      name: 'each part of a label that joins names',
      code: doc(['Flask', 'FastAPI'], ['FastApi/flask']),
      errors: [
        { line: 8, column: 8, message: 'Unexpected `FastApi`, expected `FastAPI` (declared in the table at line 4)' },
        { line: 8, column: 16, message: 'Unexpected `flask`, expected `Flask` (declared in the table at line 3)' },
      ],
      output: doc(['Flask', 'FastAPI'], ['FastAPI/Flask']),
    },
    {
      name: 'spacing around the joins of the same label: the first written wins a tie',
      code: doc([], ['ELK Stack/OpenSearch', 'ELK Stack / OpenSearch']),
      errors: [{ line: 4, column: 8, message: 'Unexpected `ELK Stack / OpenSearch`, expected `ELK Stack/OpenSearch` (as first written, at line 3)' }],
      output: doc([], ['ELK Stack/OpenSearch', 'ELK Stack/OpenSearch']),
    },
    {
      name: 'the most frequent spelling of an undeclared name',
      code: doc([], ['OrderSvc', 'Ordersvc', 'OrderSvc']),
      errors: [{ line: 4, column: 8, message: 'Unexpected `Ordersvc`, expected `OrderSvc` (as written 2 times, first at line 3)' }],
      output: doc([], ['OrderSvc', 'OrderSvc', 'OrderSvc']),
    },
    {
      name: 'letters run together, matched to the dictionary',
      code: doc([], ['Open Search', 'Git Hub']),
      errors: [
        { line: 3, column: 8, message: "Unexpected `Open Search`, expected `OpenSearch` (the dictionary's spelling)" },
        { line: 4, column: 8, message: "Unexpected `Git Hub`, expected `GitHub` (the dictionary's spelling)" },
      ],
      output: doc([], ['OpenSearch', 'GitHub']),
    },
    {
      name: 'the configured spelling',
      code: doc(['acme-Flow'], ['Acme-flow']),
      config: { vocabulary: ['AcmeFlow'] },
      errors: [
        { line: 3, column: 3, message: 'Unexpected `acme-Flow`, expected `AcmeFlow` (the configured spelling)' },
        { line: 7, column: 8, message: 'Unexpected `Acme-flow`, expected `AcmeFlow` (the configured spelling)' },
      ],
      output: doc(['AcmeFlow'], ['AcmeFlow']),
    },
    {
      name: 'a list member against the table',
      code: '| Tool | Use |\n| --- | --- |\n| GitLab | x |\n\n- **Versioning:** Gitlab, DVC\n',
      errors: [{ line: 5, column: 19, message: "Unexpected `Gitlab`, expected `GitLab` (declared in the table at line 3)" }],
      output: '| Tool | Use |\n| --- | --- |\n| GitLab | x |\n\n- **Versioning:** GitLab, DVC\n',
    },
    {
      name: 'dictionary words: Ceph beyond its first letter, the curated Kafka in full',
      code: doc([], ['CEPH', 'kafka']),
      errors: [
        { line: 3, column: 8, message: "Unexpected `CEPH`, expected `Ceph` (the dictionary's spelling)" },
        { line: 4, column: 8, message: "Unexpected `kafka`, expected `Kafka` (the dictionary's spelling)" },
      ],
      output: doc([], ['Ceph', 'Kafka']),
    },
  ],
});

describe('significantDifference', () => {
  const common = new Set(['send', 'message', 'model', 'deployment']);
  const style = (w: string) => common.has(w);
  it('counts case in names, letters and joins; not case in common words, nor title case unless strict', () => {
    expect(significantDifference('Kserve', 'KServe', style, false)).toBe(true);
    expect(significantDifference('Send Message', 'Send message', style, true)).toBe(false);
    expect(significantDifference('Paper Tape', 'Paper tape', style, false)).toBe(false);
    expect(significantDifference('Pandas', 'pandas', style, true)).toBe(true);
    expect(significantDifference('Pandas', 'pandas', style, false)).toBe(false);
    expect(significantDifference('ELK Stack/OpenSearch', 'ELK Stack / OpenSearch', style, false)).toBe(true);
    expect(significantDifference('Open Search', 'OpenSearch', style, false)).toBe(true);
    expect(significantDifference('same', 'same', style, true)).toBe(false);
  });
});
