import { defineRule } from '../lint/types.js';
import { alignDocument } from '../model/align.js';
import { findNode } from '../model/flowchart.js';
import type { FlowNode } from '../model/types.js';
import { ruleDocs } from './docs.js';

const at = (n: FlowNode) => n.labelPosition ?? n.position;

/**
 * One node shown in several diagrams with different labels: a view of an
 * overview relabels a node it shares with it.
 */
export const labelDrift = defineRule<Record<string, never>>({
  meta: {
    id: 'label-drift',
    description: 'Reports a node that a view diagram labels differently from the overview diagram it is split from.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    docs: ruleDocs('label-drift'),
    defaultOptions: {},
  },
  check(context) {
    const { model } = context;
    for (const rel of alignDocument(model).views) {
      const view = model.diagrams[rel.view]!.flowchart!;
      const overview = model.diagrams[rel.overview]!.flowchart!;
      for (const m of rel.alignment.matches) {
        const v = findNode(view, m.from)!;
        const o = findNode(overview, m.to)!;
        if (v.label.trim() === o.label.trim()) continue;
        const pos = at(v);
        // Fix only a plain label written exactly as mermaid stores it.
        const written = context.text.slice(pos.start.offset, pos.end.offset);
        const fixable = v.labelPosition !== null && v.labelType === o.labelType && written === v.label && !/["[\](){}|<>]/.test(o.label);
        context.report({
          message: `Label \`${v.label}\` differs from \`${o.label}\`, the same node in the overview diagram at line ${at(o).start.line}; use one label`,
          position: pos,
          related: [{ message: `labelled \`${o.label}\` here`, position: at(o) }],
          fix: fixable ? [{ start: pos.start.offset, end: pos.end.offset, text: o.label }] : null,
        });
      }
    }
  },
});
