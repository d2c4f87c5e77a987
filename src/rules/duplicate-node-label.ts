import { defineRule } from '../lint/types.js';
import type { FlowNode } from '../model/types.js';
import { ruleDocs } from './docs.js';

type Options = {
  /** Labels that may repeat (compared like labels: case-insensitive, blanks collapsed), e.g. `Yes`, `No`, `End`. */
  allow: string[];
};

/**
 * Two node ids with the same label in one flowchart: two boxes that read the
 * same, usually one thing split in two by a second id (`D[Docker]` and
 * `F1[Docker]`), where reusing the first id was meant. Repetition that looks
 * deliberate is left alone: labels without a letter or digit (`...`), nodes in
 * different subgraphs (two namespaces drawn side by side), and ids numbered as
 * copies (`pod1[Pod]`, `pod2[Pod]`).
 */
export const duplicateNodeLabel = defineRule<Options>({
  meta: {
    id: 'duplicate-node-label',
    description: 'Reports flowchart nodes with different ids but the same label, which draw the same box twice.',
    defaultSeverity: 'warning',
    fixable: false,
    docs: ruleDocs('duplicate-node-label'),
    defaultOptions: { allow: [] },
  },
  check(context) {
    const allowed = new Set(context.options.allow.map(labelKey));
    for (const d of context.model.diagrams) {
      const fc = d.flowchart;
      if (!fc || (d.errors?.length ?? 0) > 0) continue;
      const subgraphIds = new Set(fc.subgraphs.map((s) => s.id));
      // Innermost subgraph of each node (subgraphs are listed inner before outer).
      const group = new Map<string, string>();
      for (const s of fc.subgraphs) for (const m of s.nodes) if (!group.has(m)) group.set(m, s.id);
      const first = new Map<string, FlowNode>();
      for (const node of fc.nodes) {
        if (node.label === node.id || subgraphIds.has(node.id)) continue;
        const key = labelKey(node.label);
        if (!/[\p{L}\p{N}]/u.test(key) || allowed.has(key)) continue;
        // Parallel structures repeat labels on purpose: one per subgraph, or numbered copies (`pod1`, `pod2`).
        const scoped = `${group.get(node.id) ?? ''}\u0000${key}`;
        const earlier = first.get(scoped);
        if (!earlier) {
          first.set(scoped, node);
          continue;
        }
        if (numbered(node.id, earlier.id)) continue;
        context.report({
          message: `Node \`${node.id}\` has the same label \`${oneLine(node.label)}\` as node \`${earlier.id}\`: the diagram draws two boxes for it; reuse the id \`${earlier.id}\`, or make the labels different`,
          position: node.labelPosition ?? node.position,
          related: [{ message: `first labelled here (node \`${earlier.id}\`)`, position: earlier.labelPosition ?? earlier.position }],
        });
      }
    }
  },
});

/** Ids that differ only in their numbers: copies numbered on purpose. */
function numbered(a: string, b: string): boolean {
  const stem = (id: string) => id.replace(/[-_]?\d+/g, '');
  return /\d/.test(a + b) && stem(a) === stem(b);
}

/** The label as a reader sees it: line breaks and blank runs as one space, case ignored. */
function labelKey(label: string): string {
  return label
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function oneLine(label: string): string {
  return label.replace(/\s+/g, ' ').trim();
}
