import { readFileSync } from 'node:fs';
import { orphanNode } from '../../src/rules/orphan-node.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A document whose diagram header is on line 4 and body from line 5 on. */
const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(orphanNode, {
  valid: [
    { name: 'the seed fixture (clean trees)', code: readFileSync(SEED, 'utf8') },
    { name: 'every node linked', code: fence('graph LR\n  A[Client] --> B[API]\n  B --> C[(DB)]') },
    { name: 'a diagram without edges is a layout', code: fence('graph LR\n  A[Client]\n  B[API]\n  C[(DB)]') },
    { name: 'members of a linked subgraph', code: fence('graph LR\n  A[Client] --> S\n  subgraph S [Services]\n    B[Orders]\n    C[Billing]\n  end') },
    { name: 'members of a nested subgraph inside a linked one', code: fence('graph LR\n  A --> Outer\n  subgraph Outer\n    subgraph Inner\n      B[Deep]\n    end\n  end') },
    { name: 'a legend subgraph with no links', code: fence('graph LR\n  A[Client] --> B[API]\n  subgraph Legend\n    L1[Service]\n    L2[Actor]\n  end') },
    { name: 'a node that only appears as an edge target', code: fence('graph LR\n  A --> B\n  B --> C') },
    { name: 'a diagram with a syntax error', code: fence('graph LR\n  A --> B\n  C\n  D -->') },
  ],
  invalid: [
    {
      name: 'a lone node beside linked ones',
      code: fence('graph LR\n  A[Client] --> B[API]\n  B --> C[Database]\n  D[Cache]'),
      errors: [
        {
          line: 7,
          column: 3,
          endColumn: 4,
          message: 'Node `D` (`Cache`) has no edges while the rest of the diagram is linked; link it to the node it belongs to, or remove it',
        },
      ],
      output: null,
    },
    {
      name: 'an unlinked node in a subgraph whose other members are linked, in a blockquote',
      code: fence('graph LR\n  subgraph Data\n    S[Storage]\n    K[Key Vault]\n  end\n  App --> S', '> '),
      errors: [{ line: 7, column: 7, message: /^Node `K` \(`Key Vault`\) has no edges/ }],
    },
    {
      name: 'a style statement with a misspelt id makes a lone bare node, in a list',
      code: ['- Flow:', '', '  ```mermaid', '  graph LR', '    A --> B', '    style Bb fill:#f96', '  ```', ''].join('\n'),
      errors: [{ line: 6, column: 11, message: 'Node `Bb` has no edges while the rest of the diagram is linked; link it to the node it belongs to, or remove it' }],
    },
    {
      name: 'an unlinked node with an empty label is named by its id only',
      code: fence('graph LR\n  A --> B\n  X[ ]'),
      errors: [{ line: 6, column: 3, message: 'Node `X` has no edges while the rest of the diagram is linked; link it to the node it belongs to, or remove it' }],
    },
  ],
});
