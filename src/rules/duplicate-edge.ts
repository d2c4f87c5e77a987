import { defineRule } from '../lint/types.js';
import type { Diagram, FlowEdgeModel } from '../model/types.js';
import { ruleDocs } from './docs.js';

/**
 * The same edge written twice: same ends, same arrow and stroke, same label.
 * mermaid draws both, as two overlapping lines. The fix removes the repeated
 * statement when it is a line of its own (`A --> B`) whose removal changes
 * nothing else: no subgraph membership, no `linkStyle` numbering.
 */
export const duplicateEdge = defineRule<Record<string, never>>({
  meta: {
    id: 'duplicate-edge',
    description: 'Reports flowchart edges that repeat an earlier edge with the same ends, arrow and label.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docs: ruleDocs('duplicate-edge'),
    defaultOptions: {},
  },
  check(context) {
    const { text } = context;
    for (const d of context.model.diagrams) {
      const fc = d.flowchart;
      if (!fc || (d.errors?.length ?? 0) > 0) continue;
      const inSubgraph = new Set(fc.subgraphs.flatMap((s) => [s.id, ...s.nodes]));
      // Removing an edge renumbers the ones after it, which `linkStyle 3 …` counts on.
      const numberedLinkStyle = /^[ \t]*linkStyle[ \t]+(?!default\b)/m.test(d.source);
      const first = new Map<string, FlowEdgeModel>();
      for (const e of fc.edges) {
        const key = [e.from, e.to, e.arrow, e.stroke, e.label.replace(/\s+/g, ' ').trim()].join('\u0000');
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, e);
          continue;
        }
        const link = text.slice(e.position.start.offset, e.position.end.offset);
        const shown = `${e.from} ${link.replace(/\s+/g, ' ').trim()} ${e.to}`;
        const canFix = !numberedLinkStyle && !inSubgraph.has(e.from) && !inSubgraph.has(e.to);
        const removal = canFix ? wholeLine(d, e, link, text) : null;
        context.report({
          message: `Edge \`${shown}\` repeats an earlier edge; mermaid draws it twice, over itself: remove the repetition`,
          position: e.position,
          related: [{ message: 'first drawn here', position: earlier.position }],
          fix: removal ? [removal] : null,
        });
      }
    }
  },
});

/** Escapes a string for use in a regular expression. */
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The edit removing the file line that holds exactly `from link to` (an
 * optional `;`, blanks around), prefix of a list or blockquote included; null
 * when the line holds anything else.
 */
function wholeLine(d: Diagram, e: FlowEdgeModel, link: string, text: string): { start: number; end: number; text: string } | null {
  if (e.position.start.line !== e.position.end.line) return null;
  const index = d.lineMap.findIndex((p) => p.line === e.position.start.line);
  const lineStart = d.lineMap[index];
  if (index < 0 || !lineStart) return null;
  let end = lineStart.offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const content = text.slice(lineStart.offset, end);
  const statement = new RegExp(`^[ \\t]*${escape(e.from)}[ \\t]*${escape(link)}[ \\t]*${escape(e.to)}[ \\t]*;?[ \\t]*$`);
  if (!statement.test(content)) return null;
  // The edge must be the one on this line, not an earlier twin: the link starts where the pattern puts it.
  const linkAt = content.indexOf(link, content.indexOf(e.from) + e.from.length);
  if (lineStart.offset + linkAt !== e.position.start.offset) return null;
  // From the start of the file line (its `> ` or list indent) through its line ending.
  let from = lineStart.offset;
  while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start: from, end, text: '' };
}
