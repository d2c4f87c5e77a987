import { defineRule } from '../lint/types.js';
import { alignDocument } from '../model/align.js';
import { findNode } from '../model/flowchart.js';
import { ruleDocs } from './docs.js';

/**
 * When several views together cover most of an overview, they look like a
 * complete split of it: what none of them shows is probably missing.
 */
export const splitIncomplete = defineRule<{ minCoverage: number; minViews: number }>({
  meta: {
    id: 'split-incomplete',
    description: 'Reports the nodes and edges of an overview diagram that none of the views split from it shows.',
    defaultSeverity: 'info',
    fixable: false,
    docs: ruleDocs('split-incomplete'),
    defaultOptions: { minCoverage: 0.8, minViews: 2 },
  },
  check(context) {
    const { model, options } = context;
    const byOverview = new Map<number, ReturnType<typeof alignDocument>['views']>();
    for (const rel of alignDocument(model).views) byOverview.set(rel.overview, [...(byOverview.get(rel.overview) ?? []), rel]);
    for (const [index, views] of byOverview) {
      if (views.length < options.minViews) continue;
      const overview = model.diagrams[index]!.flowchart!;
      const coveredNodes = new Set<string>();
      const coveredEdges = new Set<string>();
      for (const rel of views) {
        const map = new Map(rel.alignment.matches.map((m) => [m.from, m.to]));
        for (const m of rel.alignment.matches) coveredNodes.add(m.to);
        for (const e of model.diagrams[rel.view]!.flowchart!.edges) {
          const from = map.get(e.from);
          const to = map.get(e.to);
          if (from !== undefined && to !== undefined) coveredEdges.add(`${from}\u0000${to}`);
        }
      }
      if (coveredNodes.size < options.minCoverage * overview.nodes.length) continue;
      const lines = views.map((v) => model.diagrams[v.view]!.position.start.line).join(', ');
      const label = (id: string) => findNode(overview, id)?.label ?? id;
      for (const n of overview.nodes) {
        if (coveredNodes.has(n.id)) continue;
        context.report({
          message: `Node \`${n.label}\` of the overview is in none of the ${views.length} views split from it (lines ${lines}); add it to one of them`,
          position: n.labelPosition ?? n.position,
        });
      }
      for (const e of overview.edges) {
        if (!coveredNodes.has(e.from) || !coveredNodes.has(e.to) || coveredEdges.has(`${e.from}\u0000${e.to}`)) continue;
        context.report({
          message: `Edge \`${label(e.from)}\` → \`${label(e.to)}\` of the overview is in none of the ${views.length} views split from it (lines ${lines}); add it to one of them`,
          position: e.position,
        });
      }
    }
  },
});
