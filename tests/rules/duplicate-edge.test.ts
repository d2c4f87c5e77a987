import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { RULES } from '../../src/rules/index.js';
import { duplicateEdge } from '../../src/rules/duplicate-edge.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A document whose diagram header is on line 4 and body from line 5 on. */
const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(duplicateEdge, {
  valid: [
    { name: 'the seed fixture (clean trees)', code: readFileSync(SEED, 'utf8') },
    { name: 'both directions', code: fence('graph LR\n  A --> B\n  B --> A') },
    { name: 'different labels', code: fence('graph LR\n  A -->|request| B\n  A -->|retry| B') },
    { name: 'different arrow heads', code: fence('graph LR\n  A --> B\n  A --x B\n  A --- B') },
    { name: 'different strokes', code: fence('graph LR\n  A --> B\n  A -.-> B\n  A ==> B') },
    { name: 'the same edge in two diagrams', code: fence('graph LR\n  A --> B') + '\n' + fence('graph LR\n  A --> B') },
    { name: 'a diagram with a syntax error', code: fence('graph LR\n  A --> B\n  A --> B\n  C -->') },
  ],
  invalid: [
    {
      name: 'a repeated line, removed',
      code: fence('graph LR\n  A[Client] --> B[Server]\n  B --> C[(Database)]\n  A --> B\n  C --> D[Backup]'),
      errors: [
        {
          line: 7,
          column: 5,
          endColumn: 8,
          message: 'Edge `A --> B` repeats an earlier edge; mermaid draws it twice, over itself: remove the repetition',
        },
      ],
      output: fence('graph LR\n  A[Client] --> B[Server]\n  B --> C[(Database)]\n  C --> D[Backup]'),
    },
    {
      name: 'a repeated labelled line with a semicolon in a blockquote, removed with its prefix',
      code: fence('graph LR\n  A -->|get| B\n  A-->|get|B;', '> '),
      errors: [{ line: 6, column: 6, endColumn: 14, message: 'Edge `A -->|get| B` repeats an earlier edge; mermaid draws it twice, over itself: remove the repetition' }],
      output: fence('graph LR\n  A -->|get| B', '> '),
    },
    {
      name: 'a longer link is the same edge; the last line of a list item, CRLF line endings',
      code: ['- Flow:', '', '  ```mermaid', '  graph LR', '    A --> B', '    A ---> B', '  ```', ''].join('\r\n'),
      errors: [{ line: 6, column: 7, endColumn: 11 }],
      output: ['- Flow:', '', '  ```mermaid', '  graph LR', '    A --> B', '  ```', ''].join('\r\n'),
    },
    {
      name: 'a repetition inside a chain: no fix',
      code: fence('graph TD\n  Replace --> Close --> Next\n  ReplaceResponse --> Close --> Next'),
      errors: [{ line: 6, column: 29, message: /^Edge `Close --> Next` repeats/ }],
      output: null,
    },
    {
      name: 'a line that also sets a label: no fix',
      code: fence('graph LR\n  A --> B\n  A --> B[Server]'),
      errors: [{ line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'ends inside a subgraph: no fix (removal could move the nodes)',
      code: fence('graph LR\n  A --> B\n  subgraph S\n    A --> B\n  end'),
      errors: [{ line: 7, column: 7 }],
      output: null,
    },
    {
      name: 'numbered linkStyle: no fix (removal renumbers the edges)',
      code: fence('graph LR\n  A --> B\n  A --> B\n  B --> C\n  linkStyle 2 stroke:red'),
      errors: [{ line: 6, column: 5 }],
      output: null,
    },
    {
      name: 'an edge repeated through a node group',
      code: fence('graph LR\n  A --> B\n  A --> B & C'),
      errors: [{ line: 6, column: 5 }],
      output: null,
    },
  ],
});

describe('duplicate-edge related location and fix kind', () => {
  it('points at the first edge and fixes safely', async () => {
    const rules = { ...Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const])), 'duplicate-edge': 'warning' as const };
    const code = fence('graph LR\n  A --> B\n  A --> B');
    const [d] = (await lint(code, { config: { rules } })).diagnostics;
    expect(d?.related.map((r) => `${r.message} ${r.position.start.line}:${r.position.start.column}`)).toEqual(['first drawn here 5:5']);
    expect(d?.fix?.kind).toBe('safe');
  });
});
