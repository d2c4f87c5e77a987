/**
 * Shared helpers of the flowchart transforms (`merge`, `split`, `extract`): plain
 * functions over the parser's position-free {@link FlowGraph}. Every graph they return
 * is a fresh copy with empty spans, so transforms never alias their inputs.
 */
import { parseFlowchart } from '../mermaid/flowchart/index.js';
import type { FlowEdge, FlowGraph, FlowSubgraph, FlowVertex, Span } from '../mermaid/flowchart/index.js';
import { normalizeName } from '../model/names.js';

/** A transform's input was unusable: an unknown node, a bad option. One line, for the CLI. */
export class TransformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransformError';
  }
}

const NO_SPAN: Span = { start: 0, end: 0 };

/** A copy of a vertex without source spans. */
export function copyVertex(v: FlowVertex, id: string = v.id): FlowVertex {
  const { labelSpan: _l, idSpan: _i, ...rest } = v;
  const out: FlowVertex = { ...rest, id, classes: [...v.classes], idSpan: NO_SPAN };
  if (v.styles) out.styles = [...v.styles];
  if (v.props) out.props = { ...v.props };
  return out;
}

/** A copy of an edge without source spans. */
export function copyEdge(e: FlowEdge, start: string = e.start, end: string = e.end): FlowEdge {
  const { labelSpan: _l, span: _s, ...rest } = e;
  const out: FlowEdge = { ...rest, start, end, span: NO_SPAN };
  if (e.classes) out.classes = [...e.classes];
  if (e.style) out.style = [...e.style];
  return out;
}

/** A copy of a subgraph without source spans, with the given members. */
export function copySubgraph(s: FlowSubgraph, nodes: string[] = s.nodes, id: string = s.id): FlowSubgraph {
  const { titleSpan: _t, idSpan: _i, ...rest } = s;
  const out: FlowSubgraph = { ...rest, id, nodes: [...nodes], idSpan: NO_SPAN };
  if (s.classes) out.classes = [...s.classes];
  return out;
}

/** An empty graph carrying `g`'s diagram-wide settings (direction, title, accessibility, default link style). */
export function emptyLike(g: FlowGraph): FlowGraph {
  const out: FlowGraph = {
    direction: g.direction,
    vertices: [],
    edges: [],
    subgraphs: [],
    classDefs: {},
    tooltips: {},
    linkStyleDefault: g.linkStyleDefault ? structuredClone(g.linkStyleDefault) : null,
    accTitle: g.accTitle,
    accDescr: g.accDescr,
  };
  if (g.title !== undefined) out.title = g.title;
  return out;
}

/**
 * Gives every edge the id mermaid would give it when the graph is printed and read
 * again: a user-defined id (`e1@-->`) is kept unless an earlier edge has it, the
 * others get `L_<start>_<end>_<k>` (k: 0 for the first edge between the pair, else
 * the number of earlier ones plus one — mermaid's own numbering).
 */
export function assignEdgeIds(edges: FlowEdge[]): void {
  const used = new Set<string>();
  const pairs = new Map<string, number>();
  for (const e of edges) {
    const key = `${e.start}\u0000${e.end}`;
    const n = pairs.get(key) ?? 0;
    if (e.isUserDefinedId && !used.has(e.id)) {
      // kept
    } else {
      if (e.isUserDefinedId) delete e.isUserDefinedId;
      e.id = `L_${e.start}_${e.end}_${n === 0 ? 0 : n + 1}`;
    }
    pairs.set(key, n + 1);
    used.add(e.id);
  }
}

/** Out- and in-neighbours by vertex id, in edge order, without repeats. */
export interface Adjacency {
  children: Map<string, string[]>;
  parents: Map<string, string[]>;
}

export function adjacency(g: FlowGraph): Adjacency {
  const children = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, k: string, v: string): void => {
    const list = m.get(k);
    if (!list) m.set(k, [v]);
    else if (!list.includes(v)) list.push(v);
  };
  for (const e of g.edges) {
    add(children, e.start, e.end);
    add(parents, e.end, e.start);
  }
  return { children, parents };
}

/**
 * Finds a vertex by id (exact), else by label (normalised, see `normalizeName`).
 * Throws a {@link TransformError} when nothing or more than one vertex matches.
 */
export function resolveNode(g: FlowGraph, ref: string): FlowVertex {
  const byId = g.vertices.find((v) => v.id === ref);
  if (byId) return byId;
  const trimmed = ref.trim();
  const byTrimmedId = g.vertices.find((v) => v.id === trimmed);
  if (byTrimmedId) return byTrimmedId;
  const key = normalizeName(ref);
  const byLabel = key ? g.vertices.filter((v) => normalizeName(v.text) === key) : [];
  if (byLabel.length === 1) return byLabel[0] as FlowVertex;
  if (byLabel.length > 1) {
    throw new TransformError(`\`${ref}\` is ambiguous: nodes ${byLabel.map((v) => v.id).join(', ')} have that label; give an id`);
  }
  throw new TransformError(`no node \`${ref}\` (by id or label) in the diagram`);
}

/** Class names used by the vertices, edges and subgraphs of a graph. */
export function usedClasses(g: FlowGraph): Set<string> {
  const used = new Set<string>();
  for (const v of g.vertices) for (const c of v.classes) used.add(c);
  for (const e of g.edges) for (const c of e.classes ?? []) used.add(c);
  for (const s of g.subgraphs) for (const c of s.classes ?? []) used.add(c);
  return used;
}

export interface InduceOptions {
  /** Keep every `classDef` and tooltip, used or not (else only those the part uses). */
  keepUnused?: boolean;
  /** Keep subgraphs that have no members at all (empty in the original too). */
  keepEmptySubgraphs?: boolean;
}

/**
 * The part of `g` on a set of vertex ids: those vertices (in `g`'s order), every edge
 * between two of them (in `g`'s order, all copies), the subgraphs that still have a
 * member (members filtered, nesting kept), the `classDef`s and tooltips they use, and
 * `g`'s diagram-wide settings.
 */
export function induce(g: FlowGraph, nodes: ReadonlySet<string>, options: InduceOptions = {}): FlowGraph {
  const out = emptyLike(g);
  out.vertices = g.vertices.filter((v) => nodes.has(v.id)).map((v) => copyVertex(v));
  const present = new Set(out.vertices.map((v) => v.id));
  for (const id of nodes) present.add(id);
  out.edges = g.edges.filter((e) => present.has(e.start) && present.has(e.end)).map((e) => copyEdge(e));
  assignEdgeIds(out.edges);
  const keptSubs = new Set<string>();
  // mermaid lists subgraphs inner before outer, so members are decided first
  for (const s of g.subgraphs) {
    // a member is a node or a subgraph (mermaid lets a node and a subgraph share an id)
    const members = s.nodes.filter((m) => (m !== s.id && keptSubs.has(m)) || present.has(m));
    if (members.length > 0 || (options.keepEmptySubgraphs && s.nodes.length === 0)) {
      keptSubs.add(s.id);
      out.subgraphs.push(copySubgraph(s, members));
    }
  }
  const used = usedClasses(out);
  for (const [name, styles] of Object.entries(g.classDefs)) {
    if (options.keepUnused || used.has(name)) out.classDefs[name] = [...styles];
  }
  for (const [id, tip] of Object.entries(g.tooltips)) {
    if (options.keepUnused || present.has(id) || keptSubs.has(id)) out.tooltips[id] = tip;
  }
  return out;
}

/** Mermaid words that must not start a generated node id. */
const RESERVED = /^(?:end|graph|flowchart|subgraph|style|linkstyle|classdef|class|click|call|href|default|interpolate|direction|acctitle|accdescr)(?:$|_)/i;

/** `true` when mermaid reads `id` back as the very same node id in `id --> x`. */
function safeId(id: string): boolean {
  if (RESERVED.test(id)) return false;
  const parsed = parseFlowchart(`flowchart TB\n    ${id} --> zz_probe\n    zz_probe --> ${id}\n`);
  return parsed.errors.length === 0 && parsed.graph.vertices.length === 2 && parsed.graph.vertices[0]?.id === id;
}

/**
 * A readable id from a label: ASCII letters and digits of its words joined by `_`
 * (`Master MLOps Fundamentals` → `master_mlops_fundamentals`), at most 40 characters,
 * `n_…` when it would start with a digit or a mermaid keyword, `node` when nothing is
 * left. Unique against `taken` (suffix `_2`, `_3`, …), which it extends.
 */
export function slugId(label: string, taken: Set<string>): string {
  const words = normalizeName(label)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\+/g, ' plus ')
    .replace(/#/g, ' sharp ')
    .split(' ')
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter((w) => w !== '');
  let base = '';
  for (const w of words) {
    const next = base ? `${base}_${w}` : w;
    if (next.length > 40 && base) break;
    base = next.slice(0, 40);
  }
  if (!base) base = 'node';
  if (/^[0-9]/.test(base) || RESERVED.test(base)) base = `n_${base}`;
  let id = base;
  for (let k = 2; taken.has(id) || !safeId(id); k++) id = `${base}_${k}`;
  taken.add(id);
  return id;
}

/** Connected components (edges taken as undirected), each in vertex order; components ordered by their first vertex. */
export function components(g: FlowGraph): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    let y = x;
    while (parent.get(y) !== r) {
      const next = parent.get(y) ?? r;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  for (const v of g.vertices) parent.set(v.id, v.id);
  for (const e of g.edges) {
    if (!parent.has(e.start)) parent.set(e.start, e.start);
    if (!parent.has(e.end)) parent.set(e.end, e.end);
    const a = find(e.start);
    const b = find(e.end);
    if (a !== b) parent.set(b, a);
  }
  const groups = new Map<string, string[]>();
  for (const v of g.vertices) {
    const r = find(v.id);
    const list = groups.get(r);
    if (list) list.push(v.id);
    else groups.set(r, [v.id]);
  }
  return [...groups.values()];
}

/**
 * A comparable form of a graph, independent of the order of vertices, edges,
 * subgraphs and members: for tests and for checking that transforms lose nothing.
 */
export function canonicalGraph(g: FlowGraph): unknown {
  const strip = <T extends object>(o: T, drop: string[]): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    // Keys in a fixed order: the same fields set in another order are the same graph.
    for (const [k, v] of Object.entries(o).sort(([a], [b]) => a.localeCompare(b))) if (!drop.includes(k) && v !== undefined) out[k] = v;
    // A quoted label ("string") and a bare one ("text") are drawn alike; the printer quotes only when it must.
    if (out['labelType'] === 'string') out['labelType'] = 'text';
    return out;
  };
  const key = (x: unknown): string => JSON.stringify(x);
  return {
    direction: g.direction,
    vertices: g.vertices.map((v) => strip(v, ['idSpan', 'labelSpan'])).sort((a, b) => key(a).localeCompare(key(b))),
    edges: g.edges.map((e) => strip(e, ['span', 'labelSpan'])).sort((a, b) => key(a).localeCompare(key(b))),
    subgraphs: g.subgraphs
      .map((s) => ({ ...strip(s, ['idSpan', 'titleSpan', 'nodes']), nodes: [...s.nodes].sort() }))
      .sort((a, b) => key(a).localeCompare(key(b))),
    classDefs: Object.entries(g.classDefs).sort(([a], [b]) => a.localeCompare(b)),
    tooltips: Object.entries(g.tooltips).sort(([a], [b]) => a.localeCompare(b)),
    linkStyleDefault: g.linkStyleDefault,
    accTitle: g.accTitle,
    accDescr: g.accDescr,
    title: g.title ?? null,
  };
}

/**
 * Splits a comma list of node references, keeping commas that belong to a label:
 * `Python for MLOps,Linux, Git, Cloud, Networking` gives the two labels when the graph
 * has a node `Linux, Git, Cloud, Networking` (the longest run of pieces that names a node wins).
 */
export function nodeList(text: string, graph: FlowGraph): string[] {
  const pieces = text.split(',');
  const names = (s: string): boolean => {
    const t = s.trim();
    const key = normalizeName(t);
    return graph.vertices.some((v) => v.id === t || (key !== '' && normalizeName(v.text) === key));
  };
  const out: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    let j = pieces.length;
    while (j > i + 1 && !names(pieces.slice(i, j).join(','))) j--;
    const item = pieces.slice(i, j).join(',').trim();
    if (item !== '') out.push(item);
    i = j;
  }
  return out;
}
