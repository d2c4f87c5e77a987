import { readFileSync } from 'node:fs';
import { selfLoop } from '../../src/rules/self-loop.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A document whose diagram header is on line 4 and body from line 5 on. */
const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(selfLoop, {
  valid: [
    { name: 'the seed fixture (clean trees)', code: readFileSync(SEED, 'utf8') },
    { name: 'a cycle through two nodes', code: fence('graph LR\n  A --> B\n  B --> A') },
    { name: 'a diagram with a syntax error', code: fence('graph LR\n  A --> A\n  B -->') },
    { name: 'not a flowchart', code: fence('stateDiagram-v2\n  A --> A') },
  ],
  invalid: [
    {
      name: 'a loop on one node',
      code: fence('graph LR\n  A[Fetch] --> B[Parse]\n  B --> B'),
      errors: [
        {
          line: 6,
          column: 5,
          endColumn: 8,
          message: 'Edge `B --> B` leads from node `B` back to itself; if a loop is not meant, correct its target',
        },
      ],
      output: null,
    },
    {
      name: 'a labelled loop at the end of a chain, in a blockquote',
      code: fence('graph LR\n  A --> chat[Chat] -->|continue| chat', '> '),
      errors: [{ line: 5, column: 22, endColumn: 35, message: 'Edge `chat -->|continue| chat` leads from node `chat` back to itself; if a loop is not meant, correct its target' }],
    },
    {
      name: 'a dotted loop with a text label, in a list',
      code: ['- x', '', '  ```mermaid', '  flowchart TD', '    app -- 2. CheckTx --> app', '  ```', ''].join('\n'),
      errors: [{ line: 5, column: 9, message: /^Edge `app -- 2\. CheckTx --> app`/ }],
    },
  ],
});
