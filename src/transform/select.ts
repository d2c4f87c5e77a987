/**
 * Choosing diagrams of a document for the transforms: by 1-based index (`2`, `2-5`,
 * `1,3`), by the text of the heading whose section holds the diagram, or by the
 * diagram's front-matter title. And the transforms' output: Mermaid text, Markdown
 * with a fenced block per diagram, or JSON.
 */
import { printFlowchart } from '../mermaid/flowchart/index.js';
import type { FlowGraph } from '../mermaid/flowchart/index.js';
import { toFlowGraph } from '../model/flowchart.js';
import { normalizeName } from '../model/names.js';
import type { Diagram, DocumentModel } from '../model/types.js';
import { TransformError } from './graph-utils.js';
import { toMarkdown } from './markdown.js';

const INDEX_LIST = /^\s*\d+\s*(?:-\s*\d+\s*)?(?:,\s*\d+\s*(?:-\s*\d+\s*)?)*$/;

/**
 * The diagrams a selector names, in document order for headings and titles, in the
 * order written for indices:
 * - `3`, `2-5`, `1,3-4`: 1-based indices;
 * - any other text: the diagrams in the section whose heading has that text
 *   (normalised; the innermost section holding a diagram first, else any diagram in
 *   the heading's extent), else the diagrams whose front matter `title` it is.
 * Throws a {@link TransformError} when it names none.
 */
export function selectDiagrams(model: DocumentModel, selector: string): Diagram[] {
  const count = model.diagrams.length;
  if (INDEX_LIST.test(selector)) {
    const out: Diagram[] = [];
    for (const item of selector.split(',')) {
      const [a, b] = item.split('-').map((x) => Number(x.trim()));
      const from = a as number;
      const to = b ?? from;
      if (from < 1 || to < 1 || from > count || to > count) {
        throw new TransformError(`no diagram ${item.trim()}: the document has ${count} diagram${count === 1 ? '' : 's'}`);
      }
      const step = from <= to ? 1 : -1;
      for (let i = from; i !== to + step; i += step) out.push(model.diagrams[i - 1] as Diagram);
    }
    return out;
  }
  const key = normalizeName(selector.replace(/^#+\s*/, ''));
  if (!key) throw new TransformError(`empty diagram selector`);
  const sections = model.sections.filter((s) => normalizeName(s.text) === key);
  if (sections.length > 0) {
    const direct = model.diagrams.filter((d) => sections.some((s) => s.index === d.section));
    if (direct.length > 0) return direct;
    const within = model.diagrams.filter((d) =>
      sections.some((s) => d.blockPosition.start.offset >= s.extent.start.offset && d.blockPosition.start.offset < s.extent.end.offset),
    );
    if (within.length > 0) return within;
    throw new TransformError(`the section \`${selector}\` holds no diagram`);
  }
  const titled = model.diagrams.filter((d) => d.flowchart?.title != null && normalizeName(d.flowchart.title) === key);
  if (titled.length > 0) return titled;
  throw new TransformError(`no diagram \`${selector}\`: not an index (1 to ${count}), a heading or a diagram title`);
}

/** Exactly one diagram; a selector naming several is an error. */
export function selectDiagram(model: DocumentModel, selector: string): Diagram {
  const found = selectDiagrams(model, selector);
  if (found.length !== 1) {
    throw new TransformError(`\`${selector}\` names ${found.length} diagrams (${found.map((d) => d.index + 1).join(', ')}); name one`);
  }
  return found[0] as Diagram;
}

/** The diagram's flowchart graph; throws when it is not a flowchart or has syntax errors. */
export function flowGraphOf(d: Diagram): FlowGraph {
  const n = d.index + 1;
  if (!d.flowchart) throw new TransformError(`diagram ${n} is not a flowchart (${d.type ?? 'unknown type'})`);
  const err = d.errors?.[0];
  if (err) {
    throw new TransformError(`diagram ${n} has ${d.errors?.length === 1 ? 'an error' : `${d.errors?.length} errors`}: ${err.position.start.line}:${err.position.start.column}: ${err.message.split('\n')[0]}`);
  }
  return toFlowGraph(d.flowchart);
}

export type OutputFormat = 'mermaid' | 'markdown' | 'json';

export interface OutputDiagram {
  graph: FlowGraph;
  /** Heading for the Markdown format. */
  heading: string;
}

/** A graph as JSON-friendly data: spans left out. */
function plainGraph(g: FlowGraph): unknown {
  return JSON.parse(
    JSON.stringify(g, (k, v: unknown) => (k === 'idSpan' || k === 'span' || k === 'labelSpan' || k === 'titleSpan' ? undefined : v)),
  );
}

/**
 * Renders transform results: `mermaid` — the diagrams' texts, separated by a blank
 * line; `markdown` — a heading and a fenced `mermaid` block per diagram (through
 * `toMarkdown` of `./markdown.js`); `json` —
 * `{ diagrams: [{ heading, mermaid, graph }], …extra }`.
 */
export function formatDiagrams(diagrams: OutputDiagram[], format: OutputFormat, extra: Record<string, unknown> = {}): string {
  const texts = diagrams.map((d) => printFlowchart(d.graph));
  switch (format) {
    case 'mermaid':
      return texts.join('\n');
    case 'markdown':
      return toMarkdown(diagrams.map((d) => ({ heading: d.heading, diagram: d.graph })));
    case 'json':
      return `${JSON.stringify({ diagrams: diagrams.map((d, i) => ({ heading: d.heading, mermaid: texts[i], graph: plainGraph(d.graph) })), ...extra }, null, 2)}\n`;
  }
}
