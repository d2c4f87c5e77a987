import { readFileSync } from 'node:fs';
import { emptyLabel } from '../../src/rules/empty-label.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A document whose diagram header is on line 4 and body from line 5 on. */
const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(emptyLabel, {
  valid: [
    { name: 'the seed fixture (clean trees)', code: readFileSync(SEED, 'utf8') },
    { name: 'labelled nodes and edges', code: fence('graph LR\n  A[Start] -->|go| B(Next)') },
    { name: 'bare ids and unlabelled edges', code: fence('graph LR\n  A --> B') },
    { name: 'empty circles are junction dots', code: fence('graph LR\n  A --> J(( ))\n  J --> K((( )))') },
    { name: 'an image label', code: fence('graph LR\n  A["<img src=\'x.png\'/>"] --> B') },
    { name: 'shape data without a label shows the id', code: fence('graph LR\n  A@{ shape: rect } --> B') },
    { name: 'a diagram with a syntax error', code: fence('graph LR\n  A[ ] --> B\n  C -->') },
  ],
  invalid: [
    {
      name: 'an empty box and an empty edge label',
      code: fence('graph LR\n  A[Start] --> B[ ]\n  B -->| | C[Done]'),
      errors: [
        {
          line: 5,
          column: 18,
          message: 'Node `B` has an empty label: mermaid draws a blank square shape; write its label inside the brackets, or drop the brackets to show the id `B`',
        },
        { line: 6, column: 9, message: 'Edge `B -->| | C` has an empty label: write the label, or remove the empty label marks' },
      ],
      output: null,
    },
    {
      name: 'quoted blanks and a non-breaking space, in a blockquote',
      code: fence('graph LR\n  A[" "] -- " " --> B(&nbsp;)', '> '),
      errors: [
        { line: 5, column: 8, message: /^Node `A` has an empty label/ },
        { line: 5, column: 16, message: /^Edge `A -- " " --> B` has an empty label/ },
        { line: 5, column: 25, message: /^Node `B` has an empty label: mermaid draws a blank round shape/ },
      ],
    },
    {
      name: 'a label that is only a tag, in a list',
      code: ['- Template:', '', '  ```mermaid', '  flowchart LR', '    componentA[<componentA>] --> componentB[Storage]', '  ```', ''].join('\n'),
      errors: [
        {
          line: 5,
          column: 16,
          endColumn: 28,
          message: 'Node `componentA` has the label `<componentA>`, which mermaid removes as HTML markup and draws a blank square shape; write `<` as `&lt;` to show it',
        },
      ],
    },
    {
      name: 'empty circles with the circles option',
      code: fence('graph LR\n  A --> J(( ))'),
      options: { circles: true },
      errors: [{ line: 5, column: 12, message: /^Node `J` has an empty label: mermaid draws a blank circle shape/ }],
    },
  ],
});
