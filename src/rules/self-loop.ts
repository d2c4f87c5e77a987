import { defineRule } from '../lint/types.js';
import { ruleDocs } from './docs.js';

/**
 * An edge from a node to itself. Legitimate in state-like flowcharts (a retry,
 * a polling loop), so this is information: it is also what a copy-pasted line
 * whose target was not updated looks like.
 */
export const selfLoop = defineRule<Record<string, never>>({
  meta: {
    id: 'self-loop',
    description: 'Reports flowchart edges that lead from a node back to the same node.',
    defaultSeverity: 'info',
    fixable: false,
    docs: ruleDocs('self-loop'),
    defaultOptions: {},
  },
  check(context) {
    for (const d of context.model.diagrams) {
      const fc = d.flowchart;
      if (!fc || (d.errors?.length ?? 0) > 0) continue;
      for (const e of fc.edges) {
        if (e.from !== e.to) continue;
        const link = context.text.slice(e.position.start.offset, e.position.end.offset).replace(/\s+/g, ' ').trim();
        context.report({
          message: `Edge \`${e.from} ${link} ${e.to}\` leads from node \`${e.from}\` back to itself; if a loop is not meant, correct its target`,
          position: e.position,
        });
      }
    }
  },
});
