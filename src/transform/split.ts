/**
 * `split(graph, options)`: several smaller flowcharts from one — by the child subtrees
 * of a node, by subgraph, by connected component, or into parts of at most N nodes.
 *
 * Every part is a complete diagram (the vertices it shows, every edge between them,
 * the subgraphs, class definitions, styles and tooltips they use), and nothing is lost:
 * every vertex and every edge of the graph is in at least one part, so
 * `merge(split(g), { unifyBy: 'id' })` gives `g` back (up to order). An edge between
 * two parts goes with the part of its start node, which then shows the end node too.
 */
import type { FlowGraph } from '../mermaid/flowchart/index.js';
import { normalizeName } from '../model/names.js';
import { adjacency, components, induce, resolveNode, TransformError, type Adjacency } from './graph-utils.js';

export type SplitBy = 'children' | 'subgraph' | 'component' | 'size';

export interface SplitOptions {
  /**
   * `children` (the default when `at` is given): one part per child of `at` (or per
   * group of children), each with the child's subtree; `subgraph`: one part per
   * top-level subgraph, and one for the nodes outside subgraphs; `component`: one per
   * connected component (the default without `at` and `maxNodes`); `size`: parts of
   * at most `maxNodes` nodes (the default when only `maxNodes` is given).
   */
  by?: SplitBy;
  /** `children`: the node to split at, by id or label. */
  at?: string;
  /**
   * `children`: children of `at` (ids or labels) that go into the same part, one array
   * per part, in the order of the parts. Children not named get a part each, after.
   */
  groups?: string[][];
  /**
   * `children`: nodes (ids or labels) under `at` whose own subtrees become separate
   * parts, placed right after the part that holds the node; the node itself stays in
   * that part as a leaf and is the root of its new part.
   */
  detach?: string[];
  /**
   * `children`: what each part shows above its root. `path` (default): the path from
   * `at` up to the graph's root, in every part; `none`: only the root (`at`, or the
   * detached node). Nodes outside `at`'s subtrees (its ancestors, other branches) go
   * into the first part either way, so that no node or edge is lost.
   */
  context?: 'path' | 'none';
  /** `size`: the most nodes a part may have (at least 2). */
  maxNodes?: number;
}

interface Part {
  /** Nodes that belong to this part. */
  home: Set<string>;
  /** Nodes shown for context (also at home in another part). */
  context: Set<string>;
}

/** Builds the parts' graphs: adds the end node of every edge no part holds to its start node's part. */
function buildParts(g: FlowGraph, parts: Part[]): FlowGraph[] {
  const homeOf = new Map<string, number>();
  parts.forEach((p, i) => {
    for (const id of p.home) if (!homeOf.has(id)) homeOf.set(id, i);
  });
  const sets = parts.map((p) => new Set([...p.home, ...p.context]));
  for (const e of g.edges) {
    if (sets.some((s) => s.has(e.start) && s.has(e.end))) continue;
    const i = homeOf.get(e.start) ?? homeOf.get(e.end) ?? 0;
    const s = sets[i] as Set<string>;
    s.add(e.start);
    s.add(e.end);
  }
  return sets.map((s, i) => induce(g, s, { keepUnused: i === 0, keepEmptySubgraphs: i === 0 }));
}

/** Resolves `ref` to one of `among` (by id, else by normalised label). */
function resolveAmong(g: FlowGraph, ref: string, among: string[], what: string): string {
  if (among.includes(ref)) return ref;
  if (among.includes(ref.trim())) return ref.trim();
  const key = normalizeName(ref);
  const hits = among.filter((id) => normalizeName(g.vertices.find((v) => v.id === id)?.text ?? id) === key);
  if (hits.length === 1) return hits[0] as string;
  if (hits.length > 1) throw new TransformError(`\`${ref}\` is ambiguous among ${what}: ${hits.join(', ')}`);
  throw new TransformError(`\`${ref}\` is not one of ${what} (${among.join(', ')})`);
}

/** The shortest path from a root (a node without parents) down to `id`, `id` excluded. */
export function rootPath(id: string, adj: Adjacency): string[] {
  const prev = new Map<string, string>();
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length > 0) {
    const u = queue.shift() as string;
    const parents = (adj.parents.get(u) ?? []).filter((p) => p !== u);
    if (u !== id && parents.length === 0) {
      const path: string[] = [];
      for (let x: string | undefined = u; x !== undefined && x !== id; x = prev.get(x)) path.push(x);
      return path;
    }
    for (const p of parents) {
      if (seen.has(p)) continue;
      seen.add(p);
      prev.set(p, u);
      queue.push(p);
    }
  }
  return [];
}

function splitChildren(g: FlowGraph, options: SplitOptions): FlowGraph[] {
  if (options.at === undefined) throw new TransformError('split by children needs a node to split at (`at`)');
  const s = resolveNode(g, options.at).id;
  const adj = adjacency(g);
  const children = (adj.children.get(s) ?? []).filter((c) => c !== s);
  if (children.length === 0) throw new TransformError(`node \`${options.at}\` has no children to split`);
  const label = (id: string): string => g.vertices.find((v) => v.id === id)?.text ?? id;
  const what = `the children of ${s}`;

  // groups of children, each child in one group
  const groups: string[][] = [];
  const grouped = new Set<string>();
  for (const group of options.groups ?? []) {
    const ids = group.map((ref) => resolveAmong(g, ref, children, what));
    for (const id of ids) {
      if (grouped.has(id)) throw new TransformError(`child \`${label(id)}\` is in more than one group`);
      grouped.add(id);
    }
    if (ids.length > 0) groups.push(ids);
  }
  for (const c of children) if (!grouped.has(c)) groups.push([c]);

  const path = rootPath(s, adj);
  const blocked = new Set([s, ...path]);
  const detach = new Set((options.detach ?? []).map((ref) => resolveNode(g, ref).id));
  for (const d of detach) if (blocked.has(d)) throw new TransformError(`cannot detach \`${label(d)}\`: it is not below \`${label(s)}\``);

  interface TreePart extends Part {
    root: string;
    detached: TreePart[];
  }
  const assigned = new Set<string>();
  const treeParent = new Map<string, string>();
  const grow = (part: TreePart, queue: string[]): void => {
    while (queue.length > 0) {
      const u = queue.shift() as string;
      if (detach.has(u) && u !== part.root) continue;
      for (const c of adj.children.get(u) ?? []) {
        if (blocked.has(c) || assigned.has(c)) continue;
        assigned.add(c);
        treeParent.set(c, u);
        part.home.add(c);
        queue.push(c);
      }
    }
  };
  // every child belongs to its own group's part, whatever else reaches it
  for (const c of children) {
    assigned.add(c);
    treeParent.set(c, s);
  }
  const top: TreePart[] = groups.map((ids) => ({ root: s, home: new Set(ids), context: new Set(), detached: [] }));
  top.forEach((part, i) => grow(part, [...(groups[i] as string[])]));
  // detached subtrees, in the order their nodes appear, nested as found
  const detachFrom = (part: TreePart): void => {
    for (const v of g.vertices) {
      if (!detach.has(v.id) || v.id === part.root || !part.home.has(v.id)) continue;
      const sub: TreePart = { root: v.id, home: new Set(), context: new Set([v.id]), detached: [] };
      grow(sub, [v.id]);
      part.detached.push(sub);
      detachFrom(sub);
    }
  };
  top.forEach(detachFrom);
  for (const d of detach) {
    if (!top.some(function has(p: TreePart): boolean {
      return (p.home.has(d) && p.root !== d) || p.detached.some(has);
    })) {
      throw new TransformError(`cannot detach \`${label(d)}\`: it is not below \`${label(s)}\``);
    }
  }

  const context = options.context ?? 'path';
  const first = top[0] as TreePart;
  // everything else (s, its ancestors, other branches) lives in the first part
  for (const v of g.vertices) if (!assigned.has(v.id)) first.home.add(v.id);
  const flat: Part[] = [];
  const visit = (p: TreePart): void => {
    if (p.root !== s) p.context.add(p.root);
    else if (p !== first) p.context.add(s);
    if (context === 'path') {
      for (const a of path) p.context.add(a);
      p.context.add(s);
      for (let x: string | undefined = p.root; x !== undefined && x !== s; x = treeParent.get(x)) p.context.add(x);
    }
    flat.push(p);
    p.detached.forEach(visit);
  };
  top.forEach(visit);
  return buildParts(g, flat);
}

function splitSubgraphs(g: FlowGraph): FlowGraph[] {
  if (g.subgraphs.length === 0) throw new TransformError('the diagram has no subgraphs to split by');
  const subIds = new Set(g.subgraphs.map((s) => s.id));
  const byId = new Map(g.subgraphs.map((s) => [s.id, s]));
  const inner = new Set(g.subgraphs.flatMap((s) => s.nodes.filter((m) => subIds.has(m) && m !== s.id)));
  const vertexIds = new Set(g.vertices.map((v) => v.id));
  const homeOf = new Map<string, number>();
  const tops = g.subgraphs.filter((s) => !inner.has(s.id));
  tops.forEach((top, i) => {
    const stack = [top.id];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const m of byId.get(id)?.nodes ?? []) {
        if (subIds.has(m) && m !== id) stack.push(m);
        if (vertexIds.has(m) && !homeOf.has(m)) homeOf.set(m, i);
      }
    }
  });
  const parts: Part[] = [...tops.map(() => ({ home: new Set<string>(), context: new Set<string>() })), { home: new Set<string>(), context: new Set<string>() }];
  for (const v of g.vertices) (parts[homeOf.get(v.id) ?? tops.length] as Part).home.add(v.id);
  const firstIndex = (p: Part): number => g.vertices.findIndex((v) => p.home.has(v.id));
  const nonEmpty = parts.filter((p) => p.home.size > 0).sort((a, b) => firstIndex(a) - firstIndex(b));
  if (nonEmpty.length === 0) return [induce(g, new Set(), { keepUnused: true, keepEmptySubgraphs: true })];
  return buildParts(g, nonEmpty);
}

function splitComponents(g: FlowGraph): FlowGraph[] {
  const comps = components(g);
  if (comps.length === 0) return [induce(g, new Set(), { keepUnused: true, keepEmptySubgraphs: true })];
  return buildParts(
    g,
    comps.map((c) => ({ home: new Set(c), context: new Set<string>() })),
  );
}

function splitSize(g: FlowGraph, max: number): FlowGraph[] {
  if (!Number.isInteger(max) || max < 2) throw new TransformError(`maxNodes must be a whole number of at least 2, not ${max}`);
  const adj = adjacency(g);
  // depth-first preorder from the roots, so that subtrees stay together
  const order: string[] = [];
  const treeParent = new Map<string, string>();
  const seen = new Set<string>();
  const dfs = (start: string): void => {
    const stack: [string, string | undefined][] = [[start, undefined]];
    while (stack.length > 0) {
      const [u, p] = stack.pop() as [string, string | undefined];
      if (seen.has(u)) continue;
      seen.add(u);
      order.push(u);
      if (p !== undefined) treeParent.set(u, p);
      const kids = adj.children.get(u) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) if (!seen.has(kids[i] as string)) stack.push([kids[i] as string, u]);
    }
  };
  for (const v of g.vertices) if ((adj.parents.get(v.id) ?? []).length === 0) dfs(v.id);
  for (const v of g.vertices) dfs(v.id);

  const parts: Part[] = [];
  const sets: Set<string>[] = [];
  let cur: Part | null = null;
  let curSet = new Set<string>();
  for (const u of order) {
    const p = treeParent.get(u);
    const needsParent = p !== undefined && !curSet.has(p);
    if (!cur || curSet.size + 1 + (needsParent ? 1 : 0) > max) {
      cur = { home: new Set(), context: new Set() };
      curSet = new Set();
      parts.push(cur);
      sets.push(curSet);
      if (p !== undefined) {
        cur.context.add(p);
        curSet.add(p);
      }
    } else if (needsParent && p !== undefined) {
      cur.context.add(p);
      curSet.add(p);
    }
    cur.home.add(u);
    curSet.add(u);
  }
  // edges no part holds: into a part with room, else into extra "link" parts
  for (const e of g.edges) {
    if (sets.some((s) => s.has(e.start) && s.has(e.end))) continue;
    const need = (s: Set<string>): number => (s.has(e.start) ? 0 : 1) + (s.has(e.end) ? 0 : 1);
    let target = sets.findIndex((s) => (s.has(e.start) || s.has(e.end)) && s.size + need(s) <= max);
    if (target < 0) target = sets.findIndex((s, i) => parts[i]?.home.size === 0 && s.size + need(s) <= max);
    if (target < 0) {
      parts.push({ home: new Set(), context: new Set() });
      sets.push(new Set());
      target = sets.length - 1;
    }
    const s = sets[target] as Set<string>;
    const part = parts[target] as Part;
    for (const id of [e.start, e.end]) {
      if (!s.has(id)) {
        s.add(id);
        part.context.add(id);
      }
    }
  }
  if (parts.length === 0) return [induce(g, new Set(), { keepUnused: true, keepEmptySubgraphs: true })];
  return sets.map((s, i) => induce(g, s, { keepUnused: i === 0, keepEmptySubgraphs: i === 0 }));
}

export function split(graph: FlowGraph, options: SplitOptions = {}): FlowGraph[] {
  const by: SplitBy = options.by ?? (options.at !== undefined ? 'children' : options.maxNodes !== undefined ? 'size' : 'component');
  switch (by) {
    case 'children':
      return splitChildren(graph, options);
    case 'subgraph':
      return splitSubgraphs(graph);
    case 'component':
      return splitComponents(graph);
    case 'size':
      if (options.maxNodes === undefined) throw new TransformError('split by size needs maxNodes');
      return splitSize(graph, options.maxNodes);
    default:
      throw new TransformError(`unknown split mode \`${String(by)}\` (children, subgraph, component or size)`);
  }
}
