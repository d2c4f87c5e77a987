import { defineRule } from '../lint/types.js';
import type { FlowNode } from '../model/types.js';
import { editDistance } from '../text/distance.js';
import { ruleDocs } from './docs.js';

/**
 * A node written only as a bare id (`B`) in a flowchart whose other nodes
 * carry labels (`A[Start] --> Bx[Build]`): mermaid draws a box reading "B".
 * Usually a mistyped id, which made a new node instead of linking the
 * labelled one; sometimes a label that was forgotten. Reported when the id
 * is a near miss of a labelled id, or reads as a code rather than a word.
 */
export const unlabelledNode = defineRule<Record<string, never>>({
  meta: {
    id: 'unlabelled-node',
    description: 'Reports flowchart nodes that show only their id while most other nodes in the diagram have labels.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    docs: ruleDocs('unlabelled-node'),
    defaultOptions: {},
  },
  check(context) {
    for (const d of context.model.diagrams) {
      const fc = d.flowchart;
      if (!fc || (d.errors?.length ?? 0) > 0) continue;
      const subgraphIds = new Set(fc.subgraphs.map((s) => s.id));
      const nodes = fc.nodes.filter((n) => !subgraphIds.has(n.id));
      const bare = nodes.filter(isBare);
      const labelled = nodes.filter((n) => !isBare(n));
      if (bare.length === 0 || labelled.length < 2 || labelled.length * 2 <= nodes.length) continue;
      for (const node of bare) {
        const near = closest(node.id, labelled);
        const written = context.text.slice(node.position.start.offset, node.position.end.offset);
        if (near) {
          const { node: target, distance } = near;
          const fixable = written === node.id && distance <= 2;
          const where = fixable ? ` Reported at the first occurrence of \`${node.id}\`, which the fix renames` : '';
          context.report({
            message: `Node \`${node.id}\` is written only as a bare id while the other nodes have labels; did you mean \`${target.id}\` (\`${oneLine(target.label)}\`)?${where}`,
            position: node.position,
            related: [{ message: `\`${target.id}\` is labelled here`, position: target.labelPosition ?? target.position }],
            fix: fixable ? [{ start: node.position.start.offset, end: node.position.end.offset, text: target.id }] : null,
          });
        } else if (OPAQUE.test(node.id)) {
          context.report({
            message: `Node \`${node.id}\` is written only as a bare id while the other nodes have labels: mermaid shows \`${node.id}\` in its box; label it where it first occurs (\`${node.id}[…]\`), or link an existing node instead`,
            position: node.position,
          });
        }
      }
    }
  },
});

/**
 * Ids that read as codes, not as words (`K`, `n7`, `AB_2`): a box showing one
 * means nothing to a reader. A bare id that is a word (`User`, `Metasrv`) is
 * usually meant to be shown as it is, and is only reported when it is a near
 * miss of a labelled id.
 */
const OPAQUE = /^[A-Za-z]{1,2}[-_]?\d*$/;

/** Written only as an id: no brackets, no label from anywhere. */
function isBare(n: FlowNode): boolean {
  return n.shape === null && n.label === n.id;
}

function oneLine(label: string): string {
  return label.replace(/\s+/g, ' ').trim();
}

/** Ids that differ only in their numbers (`g1`, `g2`; `step_1`, `step_10`). */
function numberedSibling(a: string, b: string): boolean {
  const stem = (id: string) => id.replace(/\d+/g, '#');
  return /\d/.test(a) && /\d/.test(b) && stem(a) === stem(b);
}

/**
 * The one labelled node whose id is nearest to `id` (case counts as one edit),
 * when it is near enough to be a typo: differing only in case, or at most 2
 * edits and fewer than the longer id's length, and not just another number of
 * the same series; and no other id equally near.
 */
function closest(id: string, candidates: readonly FlowNode[]): { node: FlowNode; distance: number } | null {
  let best: FlowNode | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const c of candidates) {
    // `g2` next to `g1` is the next of a numbered series, not a typo.
    if (numberedSibling(id, c.id)) continue;
    let dist: number;
    if (id.toLowerCase() === c.id.toLowerCase()) {
      dist = 0.5;
    } else {
      const limit = Math.min(2, Math.max(id.length, c.id.length) - 1);
      if (limit < 1) continue;
      dist = editDistance(id, c.id, limit);
      if (dist > limit) continue;
    }
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
      tie = false;
    } else if (dist === bestDistance) {
      tie = true;
    }
  }
  return best && !tie ? { node: best, distance: bestDistance } : null;
}
