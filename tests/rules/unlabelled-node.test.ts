import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { RULES } from '../../src/rules/index.js';
import { unlabelledNode } from '../../src/rules/unlabelled-node.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A document whose diagram header is on line 4 and body from line 5 on. */
const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(unlabelledNode, {
  valid: [
    { name: 'the seed fixture (clean trees)', code: readFileSync(SEED, 'utf8') },
    { name: 'every node labelled', code: fence('graph LR\n  A[Start] --> B[Build]\n  B --> C[Test]') },
    { name: 'bare ids everywhere', code: fence('graph LR\n  A --> B\n  B --> C') },
    { name: 'labelled nodes are not the majority', code: fence('graph LR\n  A[Start] --> B[Build]\n  C --> D\n  D --> K') },
    { name: 'a single labelled node', code: fence('graph LR\n  A[Start] --> K') },
    { name: 'a bare id that is a word, with no near labelled id', code: fence('graph TD\n  A[Request] --> B[Validate]\n  B --> C[Store]\n  C --> Done') },
    { name: 'a subgraph id used as an edge end', code: fence('graph TD\n  A[Client] --> S\n  subgraph S [Services]\n    B[Orders]\n  end') },
    { name: 'a diagram with a syntax error', code: fence('graph TD\n  A[Start] --> B[Build]\n  B --> C[Test]\n  C --> K\n  K -->') },
  ],
  invalid: [
    {
      name: 'a mistyped id, fixed to the labelled one',
      code: fence('graph LR\n  Start[Start] --> Build[Compile sources]\n  Bulid --> Test[Run tests]'),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 8,
          message:
            'Node `Bulid` is written only as a bare id while the other nodes have labels; did you mean `Build` (`Compile sources`)? Reported at the first occurrence of `Bulid`, which the fix renames',
        },
      ],
      output: fence('graph LR\n  Start[Start] --> Build[Compile sources]\n  Build --> Test[Run tests]'),
    },
    {
      name: 'an id in the wrong case, written twice: the fix renames both occurrences over two passes',
      code: fence('graph LR\n  Bx[Build] --> T[Test]\n  T --> bx\n  bx --> D[Deploy]', '> '),
      errors: [{ line: 6, column: 11, message: /^Node `bx` .* did you mean `Bx` \(`Build`\)\?/ }],
      output: fence('graph LR\n  Bx[Build] --> T[Test]\n  T --> Bx\n  Bx --> D[Deploy]', '> '),
    },
    {
      name: 'a style statement with a misspelt id creates a node',
      code: fence('graph LR\n  api[API] --> db[(Database)]\n  style dbb fill:#f96'),
      errors: [{ line: 6, column: 9, message: /^Node `dbb` .* did you mean `db` \(`Database`\)\?/ }],
      output: fence('graph LR\n  api[API] --> db[(Database)]\n  style db fill:#f96'),
    },
    {
      name: 'an opaque id with no near labelled id, in a list item',
      code: ['1. Flow:', '', '   ```mermaid', '   graph TD', '     A[Request] --> B[Validate]', '     B --> C[Store]', '     C --> K', '   ```', ''].join('\n'),
      errors: [
        {
          line: 7,
          column: 12,
          message:
            'Node `K` is written only as a bare id while the other nodes have labels: mermaid shows `K` in its box; label it where it first occurs (`K[…]`), or link an existing node instead',
        },
      ],
      output: null,
    },
    {
      name: 'an opaque id next in a numbered series gets no suggestion',
      code: fence('graph TD\n  A1[One] --> A2[Two]\n  A2 --> A3[Three]\n  A3 --> A4'),
      errors: [{ line: 7, column: 10, message: /^Node `A4` is written only as a bare id .*: mermaid shows `A4` in its box/ }],
      output: null,
    },
    {
      name: 'nodes with shapes count as labelled',
      code: fence('graph TD\n  g1@{ shape: rect }\n  r1@{ shape: rect }\n  g1 --> r1\n  g2 --> r1'),
      errors: [{ line: 8, column: 3, message: /^Node `g2` is written only as a bare id/ }],
      output: null,
    },
  ],
});

describe('unlabelled-node related location', () => {
  it('points at the suggested node’s label', async () => {
    const code = fence('graph LR\n  Start[Start] --> Build[Compile sources]\n  Bulid --> Test[Run tests]');
    const rules = { ...Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const])), 'unlabelled-node': 'warning' as const };
    const [d] = (await lint(code, { config: { rules } })).diagnostics;
    expect(d?.related).toEqual([{ message: '`Build` is labelled here', position: expect.objectContaining({ start: expect.objectContaining({ line: 5, column: 26 }) }) }]);
    expect(d?.fix?.kind).toBe('unsafe');
  });
});
