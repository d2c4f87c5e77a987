/**
 * Tables ⇄ diagrams, and tables merged and split. Pure functions over the model's data:
 * tables come in as the model's `Table` (or any `{ header, rows }` of `{ raw, text }`
 * cells) and go out position-free as {@link TableData}; diagrams are the parser's
 * {@link FlowGraph} (`toFlowGraph` turns a model flowchart into one, `printFlowchart`
 * prints one).
 *
 * - `diagramToTable` writes a tree-shaped flowchart as one `Parent | Child` table (one row
 *   per edge) or as one table per parent (the parent as heading, its children as rows);
 * - `tableToDiagram` reads either form back into a tree;
 * - `mergeTables` stacks tables with the same columns under an added column (`Category`);
 * - `splitTable` undoes it: one table per value of a column, in first-appearance order.
 */
import type { FlowEdge, FlowGraph, FlowVertex } from '../mermaid/flowchart/types.js';
import { restoreEntities } from '../mermaid/flowchart/printer.js';
import { escapeCellText } from './markdown.js';

export type Align = 'left' | 'right' | 'center' | null;

/** A table cell without its position: its Markdown source (trimmed) and its plain text. */
export interface TableCell {
  raw: string;
  text: string;
}

/** A table without positions, shaped like the model's `Table`. */
export interface TableData {
  align: Align[];
  header: TableCell[];
  rows: TableCell[][];
}

/** What the transforms accept as a table: a model `Table`, a {@link TableData}, or alike. */
export interface TableInput {
  align?: readonly Align[];
  header: readonly TableCell[];
  rows: readonly (readonly TableCell[])[];
}

/** A table under a heading: the per-parent form of a tree (the heading is the parent). */
export interface HeadedTable {
  heading: string;
  table: TableData;
}

/** A table with the label it gets (or came from) in a merged table's added column. */
export interface LabelledTable<T extends TableInput = TableData> {
  label: string;
  table: T;
}

/** Raised for input the transforms cannot handle; its message is one line for the user. */
export class TableTransformError extends Error {
  override name = 'TableTransformError';
}

/** Separator of the values a merged row joins in one cell (`dedupe: 'merge'`); GitHub shows it as a line break. */
export const MERGED_SEPARATOR = '<br>';
const SEPARATOR_RE = /<br\s*\/?>/i;

// ------------------------------------------------------------------ cells

/** A cell holding plain text, its source escaped the way the Markdown printer escapes text in a cell. */
export function textCell(text: string): TableCell {
  return { raw: escapeCellText(text), text };
}

const copyCell = (c: TableCell | undefined): TableCell => ({ raw: c?.raw ?? '', text: c?.text ?? '' });

/** A position-free copy of any table (model tables included), rows padded to the header's width. */
export function toTableData(table: TableInput): TableData {
  const width = table.header.length;
  return {
    align: Array.from({ length: width }, (_, i) => table.align?.[i] ?? null),
    header: table.header.map(copyCell),
    rows: table.rows.map((r) => Array.from({ length: Math.max(width, r.length) }, (_, i) => copyCell(r[i]))),
  };
}

const columnsText = (header: readonly TableCell[]): string => header.map((c) => c.text).join(' | ');

/** Index of a column named by header text (case-insensitive) or by 1-based number. */
export function findColumn(header: readonly TableCell[], column: string | number): number {
  if (typeof column === 'number' || /^\d+$/.test(column)) {
    const n = Number(column);
    if (n >= 1 && n <= header.length) return n - 1;
    throw new TableTransformError(`no column ${n}: the table has ${header.length} column${header.length === 1 ? '' : 's'} (${columnsText(header)})`);
  }
  const want = column.trim().toLowerCase();
  const i = header.findIndex((c) => c.text.trim().toLowerCase() === want);
  if (i < 0) throw new TableTransformError(`no column '${column}'; the columns are ${columnsText(header)}`);
  return i;
}

// ------------------------------------------------------------------ tree checks

/** A vertex's (or a subgraph's, for edges that end at one) label as a reader sees it. */
function labelOf(graph: FlowGraph, id: string): string {
  const v = graph.vertices.find((x) => x.id === id);
  if (v) return restoreEntities(v.text).trim();
  const sg = graph.subgraphs.find((s) => s.id === id);
  return restoreEntities(sg ? sg.title : id).trim();
}

/**
 * Why a flowchart is not a tree (a forest: no node with two parents, no cycle, no
 * self-loop), one sentence per problem; empty for a tree.
 */
export function treeProblems(graph: FlowGraph): string[] {
  const problems: string[] = [];
  const parent = new Map<string, string>();
  for (const e of graph.edges) {
    if (e.start === e.end) {
      problems.push(`'${labelOf(graph, e.start)}' links to itself`);
      continue;
    }
    const p = parent.get(e.end);
    if (p !== undefined) {
      problems.push(
        p === e.start
          ? `the link '${labelOf(graph, e.start)}' → '${labelOf(graph, e.end)}' is written twice`
          : `'${labelOf(graph, e.end)}' has two parents ('${labelOf(graph, p)}' and '${labelOf(graph, e.start)}')`,
      );
      continue;
    }
    parent.set(e.end, e.start);
  }
  const done = new Set<string>();
  const order = new Map(graph.vertices.map((v, i) => [v.id, i]));
  for (const start of parent.keys()) {
    const path: string[] = [];
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at)) {
      if (path.includes(at)) {
        // the cycle in link order, from its first node in graph order
        const cycle = path.slice(path.indexOf(at)).reverse();
        const first = cycle.reduce((m, id, i) => ((order.get(id) ?? 0) < (order.get(cycle[m] as string) ?? 0) ? i : m), 0);
        const ring = [...cycle.slice(first), ...cycle.slice(0, first)];
        problems.push(`the links ${[...ring, ring[0] as string].map((id) => `'${labelOf(graph, id)}'`).join(' → ')} form a cycle`);
        break;
      }
      path.push(at);
      at = parent.get(at);
    }
    for (const n of path) done.add(n);
  }
  return problems;
}

// ------------------------------------------------------------------ diagram → table

export interface DiagramToTableOptions {
  /** `edges` (default): one `Parent | Child` row per edge; `per-parent`: one table per parent. */
  layout?: 'edges' | 'per-parent';
  /** Column names: `[parent, child]`, `['Parent', 'Child']` by default; per-parent tables use the child's. */
  columns?: [string, string];
}

/** The result of {@link diagramToTable}: the tables, and what the tables cannot say. */
export type DiagramTables =
  | { layout: 'edges'; table: TableData; warnings: string[] }
  | { layout: 'per-parent'; tables: HeadedTable[]; warnings: string[] };

/**
 * A tree-shaped flowchart as tables. `edges`: one `Parent | Child` row per edge in the
 * graph's edge order, then a row with an empty parent for each node without any edge.
 * `per-parent`: one table per node with children (the node's label as heading, one row per
 * child), in order of each parent's first edge, and a header-only table for each lone node.
 * Cells hold node labels as text.
 *
 * The edges layout also takes graphs that are not trees (the table then lists a graph's
 * edges, and `warnings` says why it is not a tree); per-parent throws a
 * {@link TableTransformError} for them. Warnings also name what a table does not keep:
 * edge labels, subgraphs, and repeated labels (a table names nodes by their labels).
 */
export function diagramToTable(graph: FlowGraph, options: DiagramToTableOptions = {}): DiagramTables {
  const layout = options.layout ?? 'edges';
  const [parentName, childName] = options.columns ?? ['Parent', 'Child'];
  const problems = treeProblems(graph);
  const warnings: string[] = [];
  if (problems.length > 0) {
    if (layout === 'per-parent') {
      throw new TableTransformError(`the diagram is not a tree (${problems[0]}${problems.length > 1 ? `, and ${problems.length - 1} more` : ''}); the per-parent layout needs one, use the edges layout`);
    }
    warnings.push(`not a tree (${problems.join('; ')}): the table lists the graph's edges`);
  }
  const labelled = graph.edges.filter((e) => e.text.trim() !== '');
  if (labelled.length > 0) warnings.push(`edge labels are not kept (${labelled.map((e) => `'${restoreEntities(e.text).trim()}'`).join(', ')})`);
  if (graph.subgraphs.length > 0) warnings.push(`subgraphs are not kept (${graph.subgraphs.map((s) => `'${restoreEntities(s.title)}'`).join(', ')})`);
  const seen = new Map<string, number>();
  for (const v of graph.vertices) {
    const l = labelOf(graph, v.id);
    seen.set(l, (seen.get(l) ?? 0) + 1);
  }
  const repeated = [...seen].filter(([, n]) => n > 1).map(([l]) => `'${l}'`);
  if (repeated.length > 0) warnings.push(`labels repeat (${repeated.join(', ')}): read back, nodes with the same label become one`);

  const linked = new Set<string>();
  for (const e of graph.edges) {
    linked.add(e.start);
    linked.add(e.end);
  }
  const lone = graph.vertices.filter((v) => !linked.has(v.id));
  const label = (id: string): TableCell => textCell(labelOf(graph, id));

  if (layout === 'edges') {
    const rows = graph.edges.map((e) => [label(e.start), label(e.end)]);
    for (const v of lone) rows.push([textCell(''), label(v.id)]);
    return { layout, table: { align: [null, null], header: [textCell(parentName), textCell(childName)], rows }, warnings };
  }
  const byParent = new Map<string, FlowEdge[]>();
  for (const e of graph.edges) {
    const list = byParent.get(e.start);
    if (list) list.push(e);
    else byParent.set(e.start, [e]);
  }
  const tables: HeadedTable[] = [];
  const tableOf = (rows: TableCell[][]): TableData => ({ align: [null], header: [textCell(childName)], rows });
  for (const [p, edges] of byParent) tables.push({ heading: labelOf(graph, p), table: tableOf(edges.map((e) => [label(e.end)])) });
  for (const v of lone) tables.push({ heading: labelOf(graph, v.id), table: tableOf([]) });
  return { layout, tables, warnings };
}

// ------------------------------------------------------------------ table → diagram

export interface TableToDiagramOptions {
  /** The parent column of a `Parent | Child` table: header text or 1-based number; the first column by default. */
  parentColumn?: string | number;
  /** The child column: the second column of a `Parent | Child` table by default, the first of per-parent tables. */
  childColumn?: string | number;
  /** Flowchart direction, `TB` by default. */
  direction?: 'TB' | 'BT' | 'LR' | 'RL';
  /** Per-parent tables: a label for a root node above the headings that are nobody's child. */
  root?: string;
}

/** Words mermaid reads as keywords where an id is expected. */
const RESERVED_ID = /^(?:end|graph|flowchart|flowchart-elk|subgraph|style|linkstyle|classdef|class|click|call|href|default|interpolate|direction|acctitle|accdescr|_self|_blank|_parent|_top|[ov])$/i;

/** Makes readable, collision-free ids from labels: `Master MLOps Fundamentals` → `MasterMLOpsFundamentals`. */
class IdMaker {
  private readonly used = new Set<string>();

  make(label: string): string {
    const words = label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean);
    let base = '';
    for (const w of words) {
      const part = (w[0] ?? '').toUpperCase() + w.slice(1);
      if (base !== '' && base.length + part.length > 24) break;
      base += part;
    }
    if (base === '' || /^\d/.test(base)) base = `N${base}`;
    if (RESERVED_ID.test(base)) base = `${base}Node`;
    let id = base;
    for (let k = 2; this.used.has(id.toLowerCase()); k++) id = `${base}${k}`;
    this.used.add(id.toLowerCase());
    return id;
  }
}

const NO_SPAN = { start: 0, end: 0 };

/** Builds a FlowGraph node by node and edge by edge. */
class GraphBuilder {
  readonly graph: FlowGraph;
  private readonly ids = new IdMaker();
  private readonly pairCount = new Map<string, number>();
  readonly parentOf = new Map<string, string>();

  constructor(direction: string) {
    this.graph = { direction, vertices: [], edges: [], subgraphs: [], classDefs: {}, tooltips: {}, linkStyleDefault: null, accTitle: null, accDescr: null };
  }

  node(label: string): string {
    const id = this.ids.make(label);
    const v: FlowVertex = { id, text: label, type: 'square', classes: [], labelType: 'text', idSpan: NO_SPAN };
    this.graph.vertices.push(v);
    return id;
  }

  edge(start: string, end: string): void {
    const key = `${start}\u0000${end}`;
    const existing = this.pairCount.get(key) ?? 0;
    this.pairCount.set(key, existing + 1);
    this.graph.edges.push({
      start,
      end,
      type: 'arrow_point',
      stroke: 'normal',
      text: '',
      length: 1,
      id: `L_${start}_${end}_${existing === 0 ? 0 : existing + 1}`,
      labelType: 'text',
      span: NO_SPAN,
    });
    if (!this.parentOf.has(end)) this.parentOf.set(end, start);
  }

  /** True when `a` is `b` or one of its ancestors. */
  isAncestor(a: string, b: string): boolean {
    for (let at: string | undefined = b; at !== undefined; at = this.parentOf.get(at)) if (at === a) return true;
    return false;
  }
}

/**
 * Reads tables back into a flowchart, with readable, collision-free ids (`PyTorch`,
 * `Joblib2`) and the cells' plain text as labels (square nodes, plain arrows).
 *
 * - One `Parent | Child` table: each row is an edge; nodes are named by label, so a label
 *   always means the same node (this also reads back the edges of a graph that is not a
 *   tree). A row with an empty parent is a lone node.
 * - A list of per-parent tables (`{ heading, table }`): each heading is a parent and each
 *   row of its table a child. A child whose label is another table's heading is that
 *   heading's node (so nested levels link up); other children are new nodes, so the same
 *   label under two headings stays two nodes. With `root`, the headings that are nobody's
 *   child hang under a root node of that label.
 *
 * Round trip: `tableToDiagram(diagramToTable(g))` gives `g`'s tree again (the same labels and
 * parent/child pairs; ids may differ) when `g` is a tree whose labels are unique.
 */
export function tableToDiagram(input: TableInput | readonly HeadedTable[], options: TableToDiagramOptions = {}): FlowGraph {
  const b = new GraphBuilder(options.direction ?? 'TB');
  if (isHeadedList(input)) {
    readPerParent(b, input, options);
    return b.graph;
  }
  const header = input.header;
  if (header.length < 2 && options.parentColumn === undefined) {
    throw new TableTransformError(`the table has ${header.length} column${header.length === 1 ? '' : 's'}; a parent/child table needs two (read one-column tables per parent, under their headings)`);
  }
  const pc = findColumn(header, options.parentColumn ?? 1);
  const cc = findColumn(header, options.childColumn ?? (pc === 0 ? 2 : 1));
  if (pc === cc) throw new TableTransformError(`the parent and child columns are the same column ('${header[pc]?.text ?? ''}')`);
  const byLabel = new Map<string, string>();
  const nodeFor = (label: string): string => {
    const found = byLabel.get(label);
    if (found !== undefined) return found;
    const id = b.node(label);
    byLabel.set(label, id);
    return id;
  };
  for (const row of input.rows) {
    const p = row[pc]?.text.trim() ?? '';
    const c = row[cc]?.text.trim() ?? '';
    if (p === '' && c === '') continue;
    if (p === '' || c === '') {
      nodeFor(p || c);
      continue;
    }
    const pid = nodeFor(p);
    b.edge(pid, nodeFor(c));
  }
  return b.graph;
}

function isHeadedList(input: TableInput | readonly HeadedTable[]): input is readonly HeadedTable[] {
  return Array.isArray(input);
}

function readPerParent(b: GraphBuilder, parts: readonly HeadedTable[], options: TableToDiagramOptions): void {
  if (parts.length === 0) throw new TableTransformError('no tables to read');
  const headingNode = new Map<string, string>();
  const rootId = options.root !== undefined ? b.node(options.root.trim()) : null;
  for (const part of parts) {
    const h = part.heading.trim();
    if (!headingNode.has(h)) headingNode.set(h, b.node(h));
  }
  for (const part of parts) {
    const pid = headingNode.get(part.heading.trim()) as string;
    if (part.table.header.length === 0) continue;
    const cc = findColumn(part.table.header, options.childColumn ?? 1);
    for (const row of part.table.rows) {
      const c = row[cc]?.text.trim() ?? '';
      if (c === '') continue;
      const hid = headingNode.get(c);
      // a child named like a heading is that heading's node, unless that would give it a second parent or a cycle
      const cid = hid !== undefined && !b.parentOf.has(hid) && !b.isAncestor(hid, pid) ? hid : b.node(c);
      b.edge(pid, cid);
    }
  }
  if (rootId === null) return;
  const tops = [...headingNode.values()].filter((id) => !b.parentOf.has(id));
  // the root's edges go first, so that the printed chart reads top-down
  const edges = b.graph.edges.splice(0);
  for (const id of tops) b.edge(rootId, id);
  b.graph.edges.push(...edges);
}

// ------------------------------------------------------------------ merge and split

export interface MergeTablesOptions {
  /** Name of the added first column, `Category` by default. */
  column?: string;
  /**
   * A row whose key (first column's text) appears in several tables: `per-category`
   * (default) keeps one row per table; `merge` keeps one row, at its first place, with the
   * labels and the differing cells joined by `<br>` (in the tables' order).
   */
  dedupe?: 'per-category' | 'merge';
  /** The key column for `dedupe: 'merge'` (header text or 1-based number); the first column by default. */
  key?: string | number;
}

/**
 * Several tables with the same columns as one, with an added first column holding each
 * row's table label: the seed's seven `Tool | Purpose` tables under their category headings
 * become one `Category | Tool | Purpose` table. Cells keep their Markdown as written.
 * Throws a {@link TableTransformError} when the columns differ or the added column's name is
 * already a column.
 */
export function mergeTables(tables: readonly LabelledTable<TableInput>[], options: MergeTablesOptions = {}): TableData {
  const column = options.column ?? 'Category';
  const first = tables[0];
  if (!first) throw new TableTransformError('no tables to merge');
  const header = first.table.header;
  const want = columnsText(header).toLowerCase();
  tables.forEach((t, i) => {
    const got = columnsText(t.table.header);
    if (got.toLowerCase() !== want) {
      throw new TableTransformError(`table ${i + 1} ('${t.label}') has the columns ${got}, expected ${columnsText(header)} like table 1 ('${first.label}')`);
    }
  });
  if (header.some((c) => c.text.trim().toLowerCase() === column.trim().toLowerCase())) {
    throw new TableTransformError(`the tables already have a column '${column}'; name the added column differently`);
  }
  const base = toTableData(first.table);
  const out: TableData = { align: [null, ...base.align], header: [textCell(column), ...base.header], rows: [] };
  const rowsOf = (t: TableInput): TableCell[][] => toTableData(t).rows;

  if ((options.dedupe ?? 'per-category') === 'per-category') {
    for (const t of tables) for (const r of rowsOf(t.table)) out.rows.push([textCell(t.label), ...r]);
    return out;
  }
  const key = findColumn(header, options.key ?? 1);
  const groups = new Map<string, { labels: string[]; rows: TableCell[][] }>();
  const order: { labels: string[]; rows: TableCell[][] }[] = [];
  for (const t of tables) {
    for (const r of rowsOf(t.table)) {
      const k = (r[key]?.text ?? '').trim().toLowerCase();
      const g = k === '' ? undefined : groups.get(k);
      if (g) {
        g.labels.push(t.label);
        g.rows.push(r);
      } else {
        const ng = { labels: [t.label], rows: [r] };
        if (k !== '') groups.set(k, ng);
        order.push(ng);
      }
    }
  }
  for (const g of order) {
    const cells: TableCell[] = [joinCells(g.labels.map(textCell))];
    const n = Math.max(...g.rows.map((r) => r.length));
    for (let i = 0; i < n; i++) cells.push(i === key ? copyCell(g.rows[0]?.[i]) : joinCells(g.rows.map((r) => copyCell(r[i]))));
    out.rows.push(cells);
  }
  return out;
}

/** One cell for several: the value itself when all are the same, else all of them joined by `<br>`. */
function joinCells(cells: TableCell[]): TableCell {
  const [c0] = cells;
  if (!c0) return { raw: '', text: '' };
  if (cells.every((c) => c.raw === c0.raw)) return c0;
  return { raw: cells.map((c) => c.raw).join(MERGED_SEPARATOR), text: cells.map((c) => c.text).join(MERGED_SEPARATOR) };
}

export interface SplitTableOptions {
  /** The column to split by (header text or 1-based number); it is left out of the parts. */
  by: string | number;
  /**
   * Whether a `by` cell holding several values joined by `<br>` (a row merged by
   * `mergeTables(…, { dedupe: 'merge' })`) goes to each of their tables; true by default.
   * The other cells of such a row are split the same way when they hold as many values.
   */
  unmerge?: boolean;
}

/**
 * One table per distinct value of a column (its plain text), in order of first appearance,
 * without that column: the inverse of {@link mergeTables}.
 */
export function splitTable(table: TableInput, options: SplitTableOptions): LabelledTable[] {
  const data = toTableData(table);
  const by = findColumn(data.header, options.by);
  const without = <T>(xs: T[]): T[] => xs.filter((_, i) => i !== by);
  const parts = new Map<string, LabelledTable>();
  const add = (label: string, row: TableCell[]): void => {
    let part = parts.get(label);
    if (!part) {
      part = { label, table: { align: without(data.align), header: without(data.header), rows: [] } };
      parts.set(label, part);
    }
    part.table.rows.push(without(row));
  };
  for (const row of data.rows) {
    const cell = row[by] ?? { raw: '', text: '' };
    const values = options.unmerge === false ? [cell] : splitCell(cell);
    if (values.length === 1) {
      add(cell.text.trim(), row);
      continue;
    }
    const split = row.map(splitCell);
    values.forEach((v, k) => {
      add(
        v.text.trim(),
        row.map((c, i) => {
          if (i === by) return v;
          const s = split[i] ?? [c];
          return s.length === values.length ? (s[k] ?? c) : c;
        }),
      );
    });
  }
  return [...parts.values()];
}

/** The values of a cell joined by `<br>` (one value for other cells). */
function splitCell(c: TableCell): TableCell[] {
  if (!SEPARATOR_RE.test(c.raw)) return [c];
  const raws = c.raw.split(SEPARATOR_RE);
  const texts = c.text.split(SEPARATOR_RE);
  if (raws.length !== texts.length) return [c];
  return raws.map((raw, i) => ({ raw: raw.trim(), text: (texts[i] ?? '').trim() }));
}
