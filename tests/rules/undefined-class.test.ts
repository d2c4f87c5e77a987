import { readFileSync } from 'node:fs';
import { undefinedClass } from '../../src/rules/undefined-class.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A document whose diagram header is on line 4 and body from line 5 on. */
const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(undefinedClass, {
  valid: [
    { name: 'the seed fixture (clean trees)', code: readFileSync(SEED, 'utf8') },
    { name: 'defined before use', code: fence('graph LR\n  classDef done fill:#6f6\n  A:::done --> B\n  class B done') },
    { name: 'defined after use, several at once', code: fence('graph LR\n  A:::done --> B\n  class B warn\n  classDef done,warn fill:#6f6') },
    { name: 'used inside a subgraph', code: fence('graph LR\n  subgraph S\n    A:::done\n  end\n  classDef done fill:#6f6') },
    { name: 'styled by themeCSS', code: fence("%%{init: {'themeCSS': '.hot rect { fill: red; }'}}%%\ngraph LR\n  A:::hot --> B") },
    { name: 'a diagram with a syntax error', code: fence('graph LR\n  A:::nope --> B\n  C -->') },
    { name: 'a class defined in another diagram does not count, but that one is fine', code: fence('graph LR\n  classDef done fill:#6f6\n  A:::done') },
  ],
  invalid: [
    {
      name: 'a misspelt class name, fixed',
      code: fence('graph LR\n  A[Build] --> B[Deploy]\n  classDef danger fill:#f66\n  class B dagner'),
      errors: [{ line: 7, column: 11, endColumn: 17, message: 'Class `dagner` is not defined by any `classDef`, so it styles nothing; did you mean `danger`?' }],
      output: fence('graph LR\n  A[Build] --> B[Deploy]\n  classDef danger fill:#f66\n  class B danger'),
    },
    {
      name: 'no classDef at all, in a blockquote',
      code: fence('graph LR\n  A:::done --> B', '> '),
      errors: [
        {
          line: 5,
          column: 9,
          message: 'Class `done` is not defined by any `classDef`, so it styles nothing (the diagram has no `classDef`); add `classDef done …` or use a defined class',
        },
      ],
      output: null,
    },
    {
      name: 'a class for several ids is reported once; a case slip is fixed, in a list',
      code: ['- x', '', '  ```mermaid', '  graph LR', '    A --> B', '    class A,B Hot', '    classDef hot fill:#f66', '  ```', ''].join('\n'),
      errors: [{ line: 6, column: 15, message: 'Class `Hot` is not defined by any `classDef`, so it styles nothing; did you mean `hot`?' }],
      output: ['- x', '', '  ```mermaid', '  graph LR', '    A --> B', '    class A,B hot', '    classDef hot fill:#f66', '  ```', ''].join('\n'),
    },
    {
      name: 'two equally near classes: no suggestion',
      code: fence('graph LR\n  A:::cluster1 --> B\n  classDef cluster fill:#eee\n  classDef cluster2 fill:#ddd'),
      errors: [{ line: 5, column: 7, message: /^Class `cluster1` .* \(defined: `cluster`, `cluster2`\); add `classDef cluster1 …`/ }],
      output: null,
    },
  ],
});
