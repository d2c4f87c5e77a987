import { defineRule } from '../lint/types.js';
import { alignDocument } from '../model/align.js';
import { findNode } from '../model/flowchart.js';
import { ruleDocs } from './docs.js';

/**
 * A view diagram (one whose nodes mostly appear in a larger diagram of the
 * same document, or that says `mermaid-lint view-of: …`) must not show nodes
 * or edges its overview lacks.
 */
export const viewOutsideOverview = defineRule<Record<string, never>>({
  meta: {
    id: 'view-outside-overview',
    description: 'Reports nodes and edges of a view diagram that its overview diagram does not have.',
    defaultSeverity: 'warning',
    fixable: false,
    docs: ruleDocs('view-outside-overview'),
    defaultOptions: {},
  },
  check(context) {
    const { model } = context;
    const alignment = alignDocument(model);
    for (const u of alignment.unresolved) {
      context.report({ message: `\`mermaid-lint view-of: ${u.comment.directive!.args}\` ${u.reason}`, position: u.comment.position });
    }
    for (const rel of alignment.views) {
      const viewDiagram = model.diagrams[rel.view]!;
      const overviewDiagram = model.diagrams[rel.overview]!;
      const view = viewDiagram.flowchart!;
      const overview = overviewDiagram.flowchart!;
      const where = `the overview diagram at line ${overviewDiagram.position.start.line}`;
      const map = new Map(rel.alignment.matches.map((m) => [m.from, m.to]));
      for (const n of view.nodes) {
        if (map.has(n.id)) continue;
        context.report({
          message: `Node \`${n.label}\` is not in ${where}; add it there or remove it from this view`,
          position: n.labelPosition ?? n.position,
          related: [{ message: 'the overview', position: overviewDiagram.position }],
        });
      }
      const overviewEdges = new Set(overview.edges.map((e) => `${e.from}\u0000${e.to}`));
      for (const e of view.edges) {
        const from = map.get(e.from);
        const to = map.get(e.to);
        // An edge to a node the overview lacks is part of that node's finding.
        if (from === undefined || to === undefined || overviewEdges.has(`${from}\u0000${to}`)) continue;
        const label = (id: string) => findNode(view, id)?.label ?? id;
        context.report({
          message: `Edge \`${label(e.from)}\` → \`${label(e.to)}\` is not in ${where}; add it there or remove it from this view`,
          position: e.position,
          related: [{ message: 'the overview', position: overviewDiagram.position }],
        });
      }
    }
  },
});
