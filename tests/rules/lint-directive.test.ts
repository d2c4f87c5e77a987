import { lintDirective } from '../../src/rules/lint-directive.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(lintDirective, {
  valid: [
    { name: 'no directives', code: '# Title\n\ntext\n' },
    { name: 'an ordinary HTML comment', code: '<!-- just a note -->\n# Title\n' },
    { name: 'a disable of a known rule, with a reason', code: '<!-- mermaid-lint-disable diagram-syntax -- legacy diagram -->\n', options: { requireReason: true } },
    { name: 'a directive in a diagram comment', code: '```mermaid\ngraph TD\n%% mermaid-lint-disable-next-line diagram-syntax -- demo\nA --> B\n```\n' },
    { name: 'an enable needs no reason', code: '<!-- mermaid-lint-enable -->\n', options: { requireReason: true } },
  ],
  invalid: [
    {
      name: 'an unknown rule name',
      code: '# T\n\n<!-- mermaid-lint-disable-next-line diagram-syntx -->\ntext\n',
      errors: [{ line: 3, column: 1, endColumn: 54, message: 'Unknown rule `diagram-syntx` in `mermaid-lint-disable-next-line`; did you mean `diagram-syntax`?' }],
    },
    {
      name: 'an unknown rule inside a diagram',
      code: '```mermaid\ngraph TD\n  %% mermaid-lint-disable-next-line frobnicate\n  A --> B\n```\n',
      errors: [{ line: 3, column: 3, message: /Unknown rule `frobnicate`/ }],
    },
    {
      name: 'a missing reason when reasons are required',
      code: '<!-- mermaid-lint-disable-file diagram-syntax -->\n\n```mermaid\ngraph TD\n  A --> B %% trailing\n```\n',
      options: { requireReason: true },
      errors: [{ line: 1, column: 1, message: '`mermaid-lint-disable-file` without a reason; add one after ` -- `' }],
    },
  ],
});
