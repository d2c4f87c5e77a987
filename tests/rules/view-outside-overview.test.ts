import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { RULES } from '../../src/rules/index.js';
import { viewOutsideOverview } from '../../src/rules/view-outside-overview.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

const fence = (body: string) => ['```mermaid', 'graph TD', body, '```'].join('\n');
const OVERVIEW = fence('    A[Plan] --> B[Build]\n    B --> C[Test]\n    C --> D[Ship]');

ruleTester(viewOutsideOverview, {
  valid: [
    { name: 'a view that is part of the overview', code: [OVERVIEW, '', fence('    X[Build] --> Y[Test]')].join('\n') },
    { name: 'a relabelled node is drift, not an extra node', code: [OVERVIEW, '', fence('    X[Build step] --> Y[Test]\n    Y --> Z[Ship]')].join('\n') },
    { name: 'an unrelated diagram', code: [OVERVIEW, '', fence('    X[Login] --> Y[Logout]')].join('\n') },
    {
      name: 'a diagram declared not to be a view',
      code: [OVERVIEW, '', '<!-- mermaid-lint view-of: none -->', fence('    X[Build] --> Y[Test]\n    Y --> Z[Lint]')].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'an extra node, and its edge is part of that finding',
      code: [OVERVIEW, '', fence('    X[Build] --> Y[Test]\n    Y --> Z[Lint]')].join('\n'),
      errors: [{ line: 11, column: 13, message: 'Node `Lint` is not in the overview diagram at line 2; add it there or remove it from this view' }],
    },
    {
      name: 'an edge the overview does not draw',
      code: [OVERVIEW, '', fence('    X[Plan] --> Y[Test]\n    Y --> Z[Ship]')].join('\n'),
      errors: [{ line: 10, column: 13, message: 'Edge `Plan` → `Test` is not in the overview diagram at line 2; add it there or remove it from this view' }],
    },
    {
      name: 'a declared relation is checked even when few nodes match',
      code: ['# Overview', OVERVIEW, '# Detail', '<!-- mermaid-lint view-of: Overview -->', fence('    X[Build] --> Y[Package]\n    Y --> Z[Sign]')].join('\n'),
      errors: [{ line: 12, column: 20 }, { line: 13, column: 13 }],
    },
    {
      name: 'a view-of comment naming nothing',
      code: ['<!-- mermaid-lint view-of: diagram 7 -->', fence('    X[Build] --> Y[Test]')].join('\n'),
      errors: [{ line: 1, column: 1, message: '`mermaid-lint view-of: diagram 7` names diagram 7, but the document has 1' }],
    },
  ],
});

it('finds nothing outside the overview in the seed', async () => {
  const off = Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const]));
  const result = await lint(readFileSync(SEED, 'utf8'), { config: { rules: { ...off, 'view-outside-overview': 'warning', 'split-incomplete': 'info' } } });
  expect(result.diagnostics).toEqual([]);
});
