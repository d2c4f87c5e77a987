/**
 * Markdown output for the transforms: fragments (a heading with a Mermaid diagram and/or a
 * table) built as mdast and serialised with remark-stringify + remark-gfm, never by string
 * concatenation. Table cells keep their Markdown as written: `**NumPy**` is parsed into
 * phrasing content (a `strong` node) and printed back as `**NumPy**`.
 */
import type { Code, Heading, PhrasingContent, Root, RootContent, Table, TableCell as MdTableCell, TableRow } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { parseMarkdown } from '../markdown/parse.js';
import { printFlowchart, type PrintFlowchartOptions } from '../mermaid/flowchart/printer.js';
import type { FlowGraph } from '../mermaid/flowchart/types.js';
import { toFlowGraph } from '../model/flowchart.js';
import type { DocumentModel } from '../model/types.js';
import type { Align, TableCell, TableData, TableInput } from './tables.js';

/** A piece of output: a heading, then a fenced Mermaid diagram, then a table (each optional). */
export interface Fragment {
  /** Heading text (plain text; Markdown characters are escaped when printed). */
  heading?: string;
  /** Heading depth, 1–6; {@link MarkdownOptions.depth} by default. */
  depth?: number;
  /** A flowchart (printed with `printFlowchart`) or Mermaid text printed as is. */
  diagram?: FlowGraph | string;
  table?: TableInput;
}

export interface MarkdownOptions {
  /** Depth of headings that do not give their own, 2 by default. */
  depth?: number;
  /** How diagrams are printed (header keyword, indentation). */
  mermaid?: PrintFlowchartOptions;
}

// One frozen processor: GFM tables with aligned pipes, `*` emphasis, `-` bullets, ``` fences.
const stringifier = unified()
  .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', fence: '`', fences: true, rule: '-', listItemIndent: 'one' })
  .use(remarkGfm)
  .freeze();

/** Mermaid text of a fragment's diagram. */
export function diagramText(diagram: FlowGraph | string, options: PrintFlowchartOptions = {}): string {
  return typeof diagram === 'string' ? diagram.replace(/\r\n?/g, '\n').replace(/\n$/, '') : printFlowchart(diagram, options).replace(/\n$/, '');
}

/**
 * A cell's Markdown source as phrasing content. The source is read the way GFM reads a
 * cell (`\|` is a `|`) as a paragraph of its own, and used when it prints back exactly as
 * written. Otherwise it is kept verbatim as an `html` node, which the serialiser prints as
 * is: source that does not read as one paragraph (`# x`, `- x` or `> x` are block syntax
 * on a line of their own but plain text in a cell), and source the serialiser would
 * normalise (`_em_` → `*em*`, `&amp;` → `&`), so cells keep the author's Markdown.
 */
export function cellContent(cell: TableCell): PhrasingContent[] {
  const raw = cell.raw.trim();
  if (raw === '') return [];
  const tree = parseMarkdown(raw.replace(/\\\|/g, '|'));
  const [only] = tree.children;
  if (tree.children.length === 1 && only?.type === 'paragraph') {
    const phrasing = stripPositions(only.children);
    if (printedCell(phrasing) === raw) return phrasing;
  }
  return [{ type: 'html', value: raw }];
}

/**
 * Plain text as cell source: escaped by the Markdown printer itself, so that it reads back
 * as the same text (line breaks become blanks) (`<img>` → `\\<img>`, `https://` → `https\\://`, `|` → `\\|`).
 */
export function escapeCellText(text: string): string {
  // a cell is one line
  const line = text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ').trim();
  if (line === '') return '';
  return printedCell([{ type: 'text', value: line }]) ?? line;
}

/** A position-free copy of a table, rows padded to the header's width (`toTableData` in tables.ts). */
function tableData(table: TableInput): TableData {
  const width = table.header.length;
  const copy = (c: TableCell | undefined): TableCell => ({ raw: c?.raw ?? '', text: c?.text ?? '' });
  return {
    align: Array.from({ length: width }, (_, i): Align => table.align?.[i] ?? null),
    header: table.header.map(copy),
    rows: table.rows.map((r) => Array.from({ length: Math.max(width, r.length) }, (_, i) => copy(r[i]))),
  };
}

/** How phrasing content prints in a table cell (its source as the cell reads back). */
function printedCell(children: PhrasingContent[]): string | undefined {
  const table: Table = { type: 'table', align: [null], children: [{ type: 'tableRow', children: [{ type: 'tableCell', children }] }] };
  const text = String(stringifier.stringify({ type: 'root', children: [table] }));
  const line = text.split('\n')[0] ?? '';
  return /^\| (.*) \|$/.exec(line)?.[1]?.trim();
}

function stripPositions<T>(nodes: T): T {
  return JSON.parse(JSON.stringify(nodes, (k, v: unknown) => (k === 'position' ? undefined : v))) as T;
}

/** A table as an mdast `table` node, with the alignment it carries. */
export function tableToMdast(input: TableInput): Table {
  const t = tableData(input);
  const row = (cells: TableCell[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((c): MdTableCell => ({ type: 'tableCell', children: cellContent(c) })),
  });
  return { type: 'table', align: t.align, children: [row(t.header), ...t.rows.map(row)] };
}

/** The fragments as an mdast tree. */
export function toMdast(fragments: readonly Fragment[], options: MarkdownOptions = {}): Root {
  const children: RootContent[] = [];
  for (const f of fragments) {
    if (f.heading !== undefined) {
      const depth = Math.min(6, Math.max(1, f.depth ?? options.depth ?? 2)) as Heading['depth'];
      children.push({ type: 'heading', depth, children: f.heading === '' ? [] : [{ type: 'text', value: f.heading }] });
    }
    if (f.diagram !== undefined) {
      const code: Code = { type: 'code', lang: 'mermaid', meta: null, value: diagramText(f.diagram, options.mermaid) };
      children.push(code);
    }
    if (f.table !== undefined) children.push(tableToMdast(f.table));
  }
  return { type: 'root', children };
}

/** The fragments as Markdown (GFM), serialised from mdast by remark-stringify + remark-gfm. */
export function toMarkdown(fragments: readonly Fragment[], options: MarkdownOptions = {}): string {
  return String(stringifier.stringify(toMdast(fragments, options)));
}

// ------------------------------------------------------------------ JSON

/** A diagram in the model's vocabulary (nodes, edges, from/to, label), without positions. */
export interface DiagramJson {
  direction: string | null;
  nodes: { id: string; label: string; shape: string | null }[];
  edges: { id: string; from: string; to: string; label: string }[];
  /** The Mermaid text it prints as. */
  source: string;
}

/** A fragment as plain JSON data. */
export interface FragmentJson {
  heading: string | null;
  depth: number | null;
  diagram: DiagramJson | null;
  table: TableData | null;
}

/** A diagram as {@link DiagramJson}. */
export function diagramToJson(diagram: FlowGraph | string, options: PrintFlowchartOptions = {}): DiagramJson | { source: string } {
  if (typeof diagram === 'string') return { source: diagramText(diagram) };
  return {
    direction: diagram.direction,
    nodes: diagram.vertices.map((v) => ({ id: v.id, label: v.text, shape: v.type })),
    edges: diagram.edges.map((e) => ({ id: e.id, from: e.start, to: e.end, label: e.text })),
    source: printFlowchart(diagram, options),
  };
}

/** The fragments as plain JSON data: tables as the model's tables without positions, diagrams as {@link DiagramJson}. */
export function fragmentsToJson(fragments: readonly Fragment[], options: MarkdownOptions = {}): FragmentJson[] {
  return fragments.map((f) => ({
    heading: f.heading ?? null,
    depth: f.heading !== undefined ? (f.depth ?? options.depth ?? 2) : null,
    diagram: f.diagram === undefined ? null : (diagramToJson(f.diagram, options.mermaid) as DiagramJson),
    table: f.table === undefined ? null : tableData(f.table),
  }));
}

// ------------------------------------------------------------------ from the model

/**
 * A document's headings, diagrams and tables as fragments, in document order: each heading
 * starts a fragment, and a diagram or table joins the current fragment unless it already
 * has one of its kind or something after it. Flowcharts come as graphs, other diagrams as
 * their text. What `toMarkdown` prints, read back with `parseDocument`, gives the same
 * fragments.
 */
export function fragmentsFromModel(model: DocumentModel): Fragment[] {
  type Item = { at: number; kind: 'heading' | 'diagram' | 'table'; index: number };
  const items: Item[] = [
    ...model.sections.map((s): Item => ({ at: s.position.start.offset, kind: 'heading', index: s.index })),
    ...model.diagrams.map((d): Item => ({ at: d.blockPosition.start.offset, kind: 'diagram', index: d.index })),
    ...model.tables.map((t): Item => ({ at: t.position.start.offset, kind: 'table', index: t.index })),
  ].sort((a, b) => a.at - b.at);
  const out: Fragment[] = [];
  let current: Fragment | null = null;
  for (const item of items) {
    if (item.kind === 'heading') {
      const s = model.sections[item.index];
      if (!s) continue;
      current = { heading: s.text, depth: s.depth };
      out.push(current);
      continue;
    }
    if (item.kind === 'diagram') {
      const d = model.diagrams[item.index];
      if (!d) continue;
      if (!current || current.diagram !== undefined || current.table !== undefined) {
        current = {};
        out.push(current);
      }
      current.diagram = d.flowchart ? toFlowGraph(d.flowchart) : d.source;
      continue;
    }
    const t = model.tables[item.index];
    if (!t) continue;
    if (!current || current.table !== undefined) {
      current = {};
      out.push(current);
    }
    current.table = tableData(t);
  }
  return out;
}
