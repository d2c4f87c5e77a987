import { readFileSync } from 'node:fs';
import { unusedClassDef } from '../../src/rules/unused-class-def.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A document whose diagram header is on line 4 and body from line 5 on. */
const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(unusedClassDef, {
  valid: [
    { name: 'the seed fixture (clean trees)', code: readFileSync(SEED, 'utf8') },
    { name: 'used with :::', code: fence('graph LR\n  A:::done --> B\n  classDef done fill:#6f6') },
    { name: 'used with class, before the definition', code: fence('graph LR\n  A --> B\n  class A,B done\n  classDef done fill:#6f6') },
    { name: 'classDef default applies to every node', code: fence('graph LR\n  A --> B\n  classDef default fill:#eee') },
    { name: 'used by a subgraph', code: fence('graph LR\n  subgraph S\n    A\n  end\n  class S box\n  classDef box fill:#eee') },
    { name: 'used by an edge id', code: fence('graph LR\n  A e1@--> B\n  class e1 animate\n  classDef animate stroke-dasharray: 9,5') },
    { name: 'a diagram with a syntax error', code: fence('graph LR\n  classDef done fill:#6f6\n  C -->') },
  ],
  invalid: [
    {
      name: 'a classDef nothing uses',
      code: fence('graph LR\n  A[Build] --> B[Deploy]\n  classDef danger fill:#f66\n  classDef done fill:#6f6\n  class B danger'),
      errors: [
        {
          line: 7,
          column: 12,
          endColumn: 16,
          message: 'Class `done` is defined but no node uses it; apply it (`class <ids> done` or `<id>:::done`) or remove the `classDef`',
        },
      ],
      output: null,
    },
    {
      name: 'one name of a shared classDef, in a blockquote',
      code: fence('graph LR\n  A:::hot --> B\n  classDef hot,cold fill:#f66', '> '),
      errors: [{ line: 6, column: 18, message: /^Class `cold` is defined but no node uses it/ }],
    },
    {
      name: 'misspelt use leaves the definition unused, in a list',
      code: ['- x', '', '  ```mermaid', '  graph LR', '    A:::dnoe --> B', '    classDef done fill:#6f6', '  ```', ''].join('\n'),
      errors: [{ line: 6, column: 14, message: 'Class `done` is defined but no node uses it; `dnoe` (line 5) is probably a misspelling of it' }],
    },
  ],
});
