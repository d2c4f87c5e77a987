import { defineRule } from '../lint/types.js';
import { ruleDocs } from './docs.js';

/** Every diagram mermaid would reject is an error at the offending token. */
export const diagramSyntax = defineRule<Record<string, never>>({
  meta: {
    id: 'diagram-syntax',
    description: 'Reports Mermaid diagrams that mermaid would refuse to render, at the offending token.',
    defaultSeverity: 'error',
    fixable: false,
    docs: ruleDocs('diagram-syntax'),
    defaultOptions: {},
  },
  check(context) {
    for (const d of context.model.diagrams) {
      for (const e of d.errors ?? []) {
        context.report({ message: e.message, position: e.position });
      }
    }
  },
});
