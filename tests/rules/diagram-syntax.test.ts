import { diagramSyntax } from '../../src/rules/diagram-syntax.js';
import { ruleTester } from '../helpers/rule-tester.js';

const fence = (body: string, prefix = '') =>
  ['# Doc', '', `${prefix}\`\`\`mermaid`, ...body.split('\n').map((l) => prefix + l), `${prefix}\`\`\``, ''].join('\n');

ruleTester(diagramSyntax, {
  valid: [
    { name: 'a flowchart', code: fence('graph TD\n  A --> B') },
    { name: 'a sequence diagram', code: fence('sequenceDiagram\n  Alice->>Bob: Hi') },
    { name: 'a pie chart', code: fence('pie title Pets\n  "Dogs" : 386\n  "Cats" : 85') },
    { name: 'a document without diagrams', code: '# Nothing\n\nto see.\n' },
    { name: 'a .mmd file', code: 'flowchart LR\n  A --> B\n', path: 'x.mmd' },
  ],
  invalid: [
    {
      name: 'a trailing %% comment in a flowchart, inside a blockquote',
      code: fence('graph TD\n  A --> B %% note', '> '),
      errors: [{ line: 5, column: 13, message: 'Unexpected `%%` after a statement; expected a new line, `;`, `&` or a link (mermaid only accepts `%%` comments on a line of their own)' }],
      output: null,
    },
    {
      name: 'a sequence message without a target',
      code: fence('sequenceDiagram\n  Alice->>: hi'),
      errors: [{ line: 5, column: 11, message: /expected/ }],
    },
    {
      name: 'an unknown diagram type',
      code: fence('notADiagram\n  A --> B'),
      errors: [{ line: 4, column: 1, message: /Unknown diagram type 'notADiagram'/ }],
    },
    {
      name: 'an error after front matter points at the real line',
      code: fence('---\ntitle: T\n---\nsequenceDiagram\n  Alice->>: hi'),
      errors: [{ line: 8, column: 11 }],
    },
  ],
});
