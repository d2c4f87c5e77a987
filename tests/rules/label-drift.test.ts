import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { labelDrift } from '../../src/rules/label-drift.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { SEED } from '../helpers/paths.js';

const doc = (overview: string, view: string) =>
  ['# Overview', '', '```mermaid', 'graph TD', overview, '```', '', '## Detail', '', '```mermaid', 'graph TD', view, '```', ''].join('\n');

const OVERVIEW = '    A[Plan the release] --> B[Build artifacts]\n    B --> C[Run tests]\n    C --> D[Ship]';

ruleTester(labelDrift, {
  valid: [
    { name: 'a view with the same labels', code: doc(OVERVIEW, '    X[Build artifacts] --> Y[Run tests]\n    Y --> Z[Ship]') },
    { name: 'unrelated diagrams', code: doc(OVERVIEW, '    X[Collect feedback] --> Y[Triage]') },
    { name: 'a lone diagram', code: '```mermaid\ngraph TD\n  A[One] --> B[Two]\n```\n' },
    {
      name: 'view-of none stops the comparison',
      code: doc(OVERVIEW, '    X[Build the artifacts] --> Y[Run tests]\n    Y --> Z[Ship]').replace('## Detail\n', '## Detail\n\n<!-- mermaid-lint view-of: none -->'),
    },
  ],
  invalid: [
    {
      name: 'a relabelled node in a view',
      code: doc(OVERVIEW, '    X[Build the artifacts] --> Y[Run tests]\n    Y --> Z[Ship]'),
      errors: [{ line: 14, column: 7, endColumn: 26, message: 'Label `Build the artifacts` differs from `Build artifacts`, the same node in the overview diagram at line 5; use one label' }],
      output: doc(OVERVIEW, '    X[Build artifacts] --> Y[Run tests]\n    Y --> Z[Ship]'),
    },
    {
      name: 'spacing drift is drift too',
      code: doc('    A[CI/CD] --> B[Deploy]\n    B --> C[Monitor]', '    A[CI / CD] --> B[Deploy]'),
      errors: [{ line: 13, column: 7 }],
      output: doc('    A[CI/CD] --> B[Deploy]\n    B --> C[Monitor]', '    A[CI/CD] --> B[Deploy]'),
    },
    {
      name: 'a view in a blockquote',
      code: doc(OVERVIEW, '    X[Build artifacts] --> Y[Run all tests]\n    Y --> Z[Ship]')
        .split('\n')
        .map((l, i) => (i >= 11 && i <= 15 ? `> ${l}` : l))
        .join('\n'),
      errors: [{ line: 14, column: 32, message: /`Run all tests` differs from `Run tests`/ }],
    },
  ],
});

it('reports the seed drift: every relabelled node of the four views', async () => {
  const result = await lint(readFileSync(SEED, 'utf8'), { config: { rules: Object.fromEntries([['label-drift', 'warning'], ...['diagram-syntax', 'lint-directive', 'broken-reference', 'encoding-damage', 'view-outside-overview', 'split-incomplete'].map((r) => [r, 'off'])]) } });
  expect(result.diagnostics.filter((d) => d.ruleId === 'label-drift').map((d) => `${d.position.start.line}:${d.position.start.column}`)).toEqual([
    '143:7',
    '143:42',
    '165:7',
    '165:33',
    '166:13',
    '181:7',
    '191:14',
  ]);
});
