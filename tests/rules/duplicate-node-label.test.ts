import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { RULES } from '../../src/rules/index.js';
import { duplicateNodeLabel } from '../../src/rules/duplicate-node-label.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A document whose diagram header is on line 4 and body from line 5 on. */
const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(duplicateNodeLabel, {
  valid: [
    { name: 'the seed fixture (clean trees)', code: readFileSync(SEED, 'utf8') },
    { name: 'different labels', code: fence('graph TD\n  A[Docker] --> B[Docker Compose]') },
    { name: 'one node reused by id', code: fence('graph TD\n  A[Docker] --> B[Build]\n  C[Test] --> A') },
    { name: 'a label equal to another bare id', code: fence('graph TD\n  A --> B\n  C[B] --> A') },
    { name: 'numbered copies', code: fence('graph TD\n  svc[Service] --> pod1[Pod]\n  svc --> pod2[Pod]\n  svc --> pod_3[Pod]') },
    { name: 'copies in different subgraphs', code: fence('graph LR\n  subgraph one\n    a[Gateway]\n  end\n  subgraph two\n    b[Gateway]\n  end\n  a --> b') },
    { name: 'punctuation-only labels', code: fence('graph TD\n  A[Start] --> x[...]\n  A --> y[...]') },
    { name: 'allowed labels', code: fence('graph TD\n  Q{OK?} --> Y[Yes]\n  R{Sure?} --> Z[yes]'), options: { allow: ['Yes'] } },
    { name: 'a diagram with a syntax error', code: fence('graph TD\n  A[Docker] --> B[Docker]\n  C -->') },
    { name: 'not a flowchart', code: fence('sequenceDiagram\n  Alice->>Bob: Docker\n  Bob->>Alice: Docker') },
    { name: 'the same label in two diagrams', code: fence('graph TD\n  A[Docker] --> B[Build]') + '\n' + fence('graph TD\n  C[Docker] --> D[Run]') },
  ],
  invalid: [
    {
      name: 'two ids with one label, case and blanks aside',
      code: fence('graph TD\n  A[Docker] --> B[Build]\n  B --> C[ docker ]'),
      errors: [
        {
          line: 6,
          column: 11,
          message:
            'Node `C` has the same label `docker` as node `A`: the diagram draws two boxes for it; reuse the id `A`, or make the labels different',
        },
      ],
      output: null,
    },
    {
      name: 'three times, in a list item',
      code: [
        '- Steps:',
        '',
        '  ```mermaid',
        '  graph LR',
        '    A["Fetch<br/>data"] --> B[Fetch data]',
        '    B --> C(fetch   data)',
        '  ```',
        '',
      ].join('\n'),
      errors: [
        { line: 5, column: 31, endColumn: 41, message: /^Node `B` has the same label `Fetch data` as node `A`/ },
        { line: 6, column: 13, message: /^Node `C` has the same label `fetch data` as node `A`/ },
      ],
    },
    {
      name: 'in a blockquote, within one subgraph',
      code: fence('flowchart LR\n  subgraph S [Deploy]\n    E[Fallback] --> I[Fallback]\n  end', '> '),
      errors: [{ line: 6, column: 25, message: /^Node `I` has the same label `Fallback` as node `E`/ }],
    },
  ],
});

describe('duplicate-node-label related location', () => {
  it('points at the first label', async () => {
    const rules = { ...Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const])), 'duplicate-node-label': 'warning' as const };
    const code = fence('graph TD\n  A[Docker] --> B[Build]\n  B --> C[docker]');
    const [d] = (await lint(code, { config: { rules } })).diagnostics;
    expect(d?.related.map((r) => `${r.message} ${r.position.start.line}:${r.position.start.column}-${r.position.end.column}`)).toEqual([
      'first labelled here (node `A`) 5:5-11',
    ]);
  });
});
