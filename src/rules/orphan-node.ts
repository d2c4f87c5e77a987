import { defineRule } from '../lint/types.js';
import { ruleDocs } from './docs.js';

/**
 * A node no edge touches, in a flowchart whose other nodes are linked. A
 * diagram without any edge is a layout of boxes and is left alone, and so is a
 * subgraph none of whose members is linked (a legend, a list of components);
 * a node inside a subgraph that is itself linked counts as linked through it.
 */
export const orphanNode = defineRule<Record<string, never>>({
  meta: {
    id: 'orphan-node',
    description: 'Reports flowchart nodes that no edge touches in a diagram whose other nodes are linked.',
    defaultSeverity: 'info',
    fixable: false,
    docs: ruleDocs('orphan-node'),
    defaultOptions: {},
  },
  check(context) {
    for (const d of context.model.diagrams) {
      const fc = d.flowchart;
      if (!fc || fc.edges.length === 0 || (d.errors?.length ?? 0) > 0) continue;
      const linked = new Set<string>();
      for (const e of fc.edges) {
        linked.add(e.from);
        linked.add(e.to);
      }
      // Members of a linked subgraph are linked through it (subgraphs are listed inner before outer).
      const subgraphs = new Map(fc.subgraphs.map((s) => [s.id, s]));
      const spread = (id: string, seen: Set<string>): void => {
        const s = subgraphs.get(id);
        if (!s || seen.has(id)) return;
        seen.add(id);
        for (const m of s.nodes) {
          linked.add(m);
          spread(m, seen);
        }
      };
      const seen = new Set<string>();
      for (const id of [...linked]) spread(id, seen);
      // A subgraph none of whose members is linked is a box of items on purpose (a legend, an inventory).
      const unlinkedBox = (s: { nodes: string[] }): boolean =>
        s.nodes.every((m) => !linked.has(m) && (!subgraphs.has(m) || unlinkedBox(subgraphs.get(m) as { nodes: string[] })));
      const innermost = new Map<string, string>();
      for (const s of fc.subgraphs) for (const m of s.nodes) if (!innermost.has(m)) innermost.set(m, s.id);
      for (const node of fc.nodes) {
        if (linked.has(node.id) || subgraphs.has(node.id)) continue;
        const box = subgraphs.get(innermost.get(node.id) ?? '');
        if (box && unlinkedBox(box)) continue;
        const shown = node.label.replace(/\s+/g, ' ').trim();
        const label = node.label === node.id || shown === '' ? '' : ` (\`${shown}\`)`;
        context.report({
          message: `Node \`${node.id}\`${label} has no edges while the rest of the diagram is linked; link it to the node it belongs to, or remove it`,
          position: node.position,
        });
      }
    }
  },
});
