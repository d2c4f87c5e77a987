/**
 * `merge(graphs)`: one flowchart from several — the inverse of `split`. Nodes that are
 * the same thing are unified (by normalised label, optionally by label similarity
 * backed by structure, or by id), edges are de-duplicated, subgraphs, class
 * definitions, classes, styles and link styles are carried over, and where the
 * diagrams disagree about a node (its label or shape) a policy decides and the
 * disagreement is reported.
 */
import { alignFlowcharts } from '../model/align.js';
import { normalizeName } from '../model/names.js';
import type { Position } from '../model/position.js';
import type { Diagram, FlowchartModel } from '../model/types.js';
import type { FlowEdge, FlowGraph, FlowSubgraph, FlowVertex } from '../mermaid/flowchart/index.js';
import { assignEdgeIds, copyEdge, copySubgraph, copyVertex, emptyLike, slugId, TransformError } from './graph-utils.js';

/**
 * How nodes of different diagrams are recognised as the same node:
 * - `label`: same normalised label (`normalizeName`);
 * - `label+similar` (default): same label, else similar labels backed by structure —
 *   the cross-diagram alignment of `alignFlowcharts` (`Machine Learning Life Cycle` ~
 *   `Learn Machine Learning Life Cycle` when their neighbours agree);
 * - `label+id`: same label, else the same id;
 * - `id`: the same id only (for diagrams that share ids, such as `split`'s parts).
 */
export type UnifyBy = 'label' | 'label+similar' | 'label+id' | 'id';

/**
 * Which value wins when diagrams disagree: the first diagram's (`first`), the most
 * frequent one (ties: the earliest), or that of diagram `prefer` (0-based index into
 * the `graphs` array) when it has the node, else the first.
 */
export type MergePolicy = 'first' | 'most-frequent' | { prefer: number };

export interface MergeOptions {
  unifyBy?: UnifyBy;
  policy?: MergePolicy;
  /**
   * Ids of the merged nodes: `slug` — made from the chosen label
   * (`mlops_fundamentals`), unique; `keep` — the first diagram's id of the node when
   * no other merged node has it, else a slug. Default: `keep` for `unifyBy: 'id'`,
   * `slug` otherwise (split-out views reuse `A`, `B`, `C` for different things).
   */
  ids?: 'slug' | 'keep';
}

export interface MergeConflict {
  /** The node's id in the merged graph (the class name for `classDef` conflicts). */
  node: string;
  kind: 'label' | 'shape' | 'classDef';
  /** Each diagram's value: `diagram` is the 0-based index into `graphs`. */
  values: { diagram: number; value: string | null }[];
  chosen: string | null;
}

export interface MergeResult {
  graph: FlowGraph;
  conflicts: MergeConflict[];
  /** For each input graph: its vertex (and subgraph) ids → ids in the merged graph. */
  idMap: Record<string, string>[];
}

interface Member {
  g: number;
  v: FlowVertex;
}

interface Group {
  members: Member[];
  /** Normalised labels of the members. */
  keys: Set<string>;
  /** Original ids of the members. */
  ids: Set<string>;
}

const NO_POS: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** A stand-in `Diagram` for `alignFlowcharts`, which reads only ids, labels and edges. */
function pseudoDiagram(index: number, nodes: { id: string; label: string }[], edges: { from: string; to: string }[]): Diagram {
  const flowchart: FlowchartModel = {
    direction: null,
    nodes: nodes.map((n) => ({ id: n.id, label: n.label, labelType: 'text', shape: null, classes: [], position: NO_POS, labelPosition: null })),
    edges: edges.map((e, i) => ({
      id: `e${i}`,
      from: e.from,
      to: e.to,
      label: '',
      arrow: 'arrow_point',
      stroke: 'normal',
      length: 1,
      labelType: 'text',
      position: NO_POS,
      labelPosition: null,
    })),
    subgraphs: [],
    classDefs: {},
    classDefinitions: [],
    classUses: [],
    hints: [],
    tooltips: {},
    linkStyleDefault: null,
    accTitle: null,
    accDescr: null,
    title: null,
  };
  return {
    index,
    section: null,
    container: 'file',
    info: '',
    type: 'flowchart-v2',
    keyword: 'flowchart',
    keywordPosition: null,
    source: '',
    position: NO_POS,
    blockPosition: NO_POS,
    lineMap: [],
    errors: [],
    flowchart,
  };
}

/** Picks a value by policy among `[diagram, value]` pairs (in diagram order). */
function choose<T>(values: { diagram: number; value: T }[], policy: MergePolicy, same: (a: T, b: T) => boolean): T {
  const first = values[0] as { diagram: number; value: T };
  if (policy === 'first') return first.value;
  if (policy === 'most-frequent') {
    let best = first.value;
    let bestCount = 0;
    for (const { value } of values) {
      const n = values.filter((x) => same(x.value, value)).length;
      if (n > bestCount) {
        best = value;
        bestCount = n;
      }
    }
    return best;
  }
  return (values.find((x) => x.diagram === policy.prefer) ?? first).value;
}

/** Order of the graphs for "first defined" settings: the preferred one first. */
function settingOrder(n: number, policy: MergePolicy): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (typeof policy === 'object' && policy.prefer >= 0 && policy.prefer < n) {
    return [policy.prefer, ...order.filter((i) => i !== policy.prefer)];
  }
  return order;
}

export function merge(graphs: FlowGraph[], options: MergeOptions = {}): MergeResult {
  const unifyBy = options.unifyBy ?? 'label+similar';
  const policy = options.policy ?? 'first';
  const idsMode = options.ids ?? (unifyBy === 'id' ? 'keep' : 'slug');
  if (graphs.length === 0) throw new TransformError('nothing to merge: no diagrams given');
  if (typeof policy === 'object' && (!Number.isInteger(policy.prefer) || policy.prefer < 0 || policy.prefer >= graphs.length)) {
    throw new TransformError(`policy prefer: ${policy.prefer} names no diagram (0 to ${graphs.length - 1})`);
  }

  // ------------------------------------------------------------ unify nodes
  const groups: Group[] = [];
  const groupOf: Map<string, number>[] = graphs.map(() => new Map());
  const byKey = new Map<string, number[]>();
  const byId = new Map<string, number[]>();
  const mergedEdges: { from: number; to: number }[] = [];
  const join = (gi: number, v: FlowVertex, target: number | undefined): void => {
    let idx = target;
    if (idx === undefined) {
      idx = groups.length;
      groups.push({ members: [], keys: new Set(), ids: new Set() });
    }
    const group = groups[idx] as Group;
    group.members.push({ g: gi, v });
    const key = normalizeName(v.text);
    if (key && !group.keys.has(key)) {
      group.keys.add(key);
      byKey.set(key, [...(byKey.get(key) ?? []), idx]);
    }
    if (!group.ids.has(v.id)) {
      group.ids.add(v.id);
      byId.set(v.id, [...(byId.get(v.id) ?? []), idx]);
    }
    groupOf[gi]?.set(v.id, idx);
  };

  graphs.forEach((g, gi) => {
    const taken = new Set<number>();
    const match = new Map<string, number>();
    const claim = (v: FlowVertex, idx: number | undefined): boolean => {
      if (idx === undefined || taken.has(idx) || match.has(v.id)) return false;
      match.set(v.id, idx);
      taken.add(idx);
      return true;
    };
    const free = (list: number[] | undefined): number[] => (list ?? []).filter((i) => !taken.has(i));
    if (gi > 0) {
      if (unifyBy === 'id') {
        for (const v of g.vertices) claim(v, free(byId.get(v.id))[0]);
      } else {
        // exact labels: prefer a candidate that also has the same id
        for (const v of g.vertices) {
          const key = normalizeName(v.text);
          const cands = key ? free(byKey.get(key)) : [];
          claim(v, cands.find((i) => groups[i]?.ids.has(v.id)) ?? cands[0]);
        }
        if (unifyBy === 'label+id') {
          for (const v of g.vertices) if (!match.has(v.id)) claim(v, free(byId.get(v.id))[0]);
        }
        if (unifyBy === 'label+similar') {
          const rest = g.vertices.filter((v) => !match.has(v.id));
          if (rest.length > 0) {
            const acc = pseudoDiagram(
              1,
              groups.map((gr, i) => ({ id: `g${i}`, label: (gr.members[0] as Member).v.text })),
              mergedEdges.map((e) => ({ from: `g${e.from}`, to: `g${e.to}` })),
            );
            const mine = pseudoDiagram(0, g.vertices.map((v) => ({ id: v.id, label: v.text })), g.edges.map((e) => ({ from: e.start, to: e.end })));
            // already matched pairs are fixed first: give both sides the same unique label
            for (const [id, idx] of match) {
              const tag = `\u0000matched ${idx}`;
              const a = mine.flowchart?.nodes.find((n) => n.id === id);
              const b = acc.flowchart?.nodes[idx];
              if (a && b) a.label = b.label = tag;
            }
            const alignment = alignFlowcharts(mine, acc);
            // a match on similar (not equal) labels must be backed by structure: a parent or
            // child matched to a parent or child (`FastAPI/Flask` under a new node is not `FastAPI`)
            const found = new Map(alignment.matches.map((m) => [m.from, Number(m.to.slice(1))]));
            const exact = new Set(alignment.matches.filter((m) => m.similarity >= 1).map((m) => m.from));
            const edgesA = g.edges.map((e) => [e.start, e.end] as const);
            const edgesB = new Set(mergedEdges.map((e) => `${e.from}>${e.to}`));
            for (let changed = true; changed; ) {
              changed = false;
              for (const [from, to] of found) {
                if (exact.has(from)) continue;
                const backed = edgesA.some(
                  ([s, t]) =>
                    (s === from && t !== from && found.has(t) && edgesB.has(`${to}>${found.get(t)}`)) ||
                    (t === from && s !== from && found.has(s) && edgesB.has(`${found.get(s)}>${to}`)),
                );
                if (!backed) {
                  found.delete(from);
                  changed = true;
                }
              }
            }
            for (const [from, to] of found) {
              const v = g.vertices.find((x) => x.id === from);
              if (v && !match.has(v.id)) claim(v, to);
            }
          }
        }
      }
    }
    for (const v of g.vertices) join(gi, v, match.get(v.id));
    for (const e of g.edges) {
      const from = groupOf[gi]?.get(e.start);
      const to = groupOf[gi]?.get(e.end);
      if (from !== undefined && to !== undefined) mergedEdges.push({ from, to });
    }
  });

  // ------------------------------------------------------------ resolve node values
  const conflicts: MergeConflict[] = [];
  const chosen: { member: Member; vertex: FlowVertex }[] = groups.map((group) => {
    const labels = group.members.map((m) => ({ diagram: m.g, value: m.v.text, member: m }));
    const label = choose(labels, policy, (a, b) => a === b);
    const labelMember = (labels.find((x) => x.value === label) ?? labels[0])!.member;
    const shapes = group.members.map((m) => ({ diagram: m.g, value: m.v.type }));
    const shape = choose(shapes, policy, (a, b) => a === b);
    const vertex = copyVertex(labelMember.v);
    vertex.type = shape;
    vertex.text = labelMember.v.text;
    vertex.labelType = labelMember.v.labelType;
    // classes: the union, in order; other fields: the first member that has them
    vertex.classes = [...new Set(group.members.flatMap((m) => m.v.classes))];
    for (const m of group.members) {
      for (const [k, val] of Object.entries(m.v)) {
        if (val === undefined || k === 'labelSpan' || k === 'idSpan') continue;
        if ((vertex as unknown as Record<string, unknown>)[k] === undefined) (vertex as unknown as Record<string, unknown>)[k] = structuredClone(val);
      }
    }
    return { member: labelMember, vertex, labels: labels.map(({ diagram, value }) => ({ diagram, value })), shapes };
  }).map((x, i) => {
    const distinctLabels = new Set(x.labels.map((l) => l.value));
    const distinctShapes = new Set(x.shapes.map((s) => s.value));
    if (distinctLabels.size > 1) conflicts.push({ node: String(i), kind: 'label', values: x.labels, chosen: x.vertex.text });
    if (distinctShapes.size > 1) conflicts.push({ node: String(i), kind: 'shape', values: x.shapes, chosen: x.vertex.type });
    return { member: x.member, vertex: x.vertex };
  });

  // ------------------------------------------------------------ ids
  const taken = new Set<string>();
  const newId: string[] = new Array<string>(groups.length);
  if (idsMode === 'keep') {
    groups.forEach((group, i) => {
      const id = (group.members[0] as Member).v.id;
      if (!taken.has(id)) {
        taken.add(id);
        newId[i] = id;
      }
    });
  }
  groups.forEach((_, i) => {
    const c = chosen[i] as { member: Member; vertex: FlowVertex };
    // a bare node (`A`, its label is its id) keeps its id when it is free
    if (newId[i] === undefined && c.vertex.type === null && c.vertex.text === c.member.v.id && !taken.has(c.member.v.id)) {
      taken.add(c.member.v.id);
      newId[i] = c.member.v.id;
    }
  });
  groups.forEach((_, i) => {
    if (newId[i] === undefined) newId[i] = slugId((chosen[i] as { vertex: FlowVertex }).vertex.text, taken);
  });
  // a bare node (`A`) shows its id: renamed, it keeps showing that text, in the default box
  groups.forEach((_, i) => {
    const c = chosen[i] as { member: Member; vertex: FlowVertex };
    if (c.vertex.type === null && c.vertex.labelType === 'text' && c.vertex.text === c.member.v.id && newId[i] !== c.member.v.id) c.vertex.type = 'square';
  });
  for (const c of conflicts) if (c.kind !== 'classDef') c.node = newId[Number(c.node)] as string;
  const idMap: Record<string, string>[] = groupOf.map((m) => Object.fromEntries([...m].map(([id, idx]) => [id, newId[idx] as string])));

  const order = settingOrder(graphs.length, policy);
  const firstSet = <T>(get: (g: FlowGraph) => T | null | undefined): T | null => {
    for (const i of order) {
      const v = get(graphs[i] as FlowGraph);
      if (v !== null && v !== undefined) return v;
    }
    return null;
  };
  const out = emptyLike(graphs[order[0] ?? 0] as FlowGraph);
  out.direction = firstSet((g) => g.direction);
  out.accTitle = firstSet((g) => g.accTitle);
  out.accDescr = firstSet((g) => g.accDescr);
  const title = firstSet((g) => g.title);
  if (title !== null) out.title = title;
  else delete out.title;
  const lsd = firstSet((g) => g.linkStyleDefault);
  out.linkStyleDefault = lsd ? structuredClone(lsd) : null;
  out.vertices = chosen.map((c, i) => {
    c.vertex.id = newId[i] as string;
    return c.vertex;
  });

  // ------------------------------------------------------------ edges: multiset union
  const edgeKey = (e: FlowEdge): string => JSON.stringify([e.start, e.end, e.type, e.stroke, e.length ?? null, e.text]);
  const mergedByKey = new Map<string, FlowEdge[]>();
  graphs.forEach((g, gi) => {
    const seen = new Map<string, number>();
    for (const e of g.edges) {
      const start = idMap[gi]?.[e.start] ?? e.start;
      const end = idMap[gi]?.[e.end] ?? e.end;
      const copy = copyEdge(e, start, end);
      const key = edgeKey(copy);
      const k = seen.get(key) ?? 0;
      seen.set(key, k + 1);
      const list = mergedByKey.get(key) ?? [];
      const existing = list[k];
      if (existing) {
        // same edge again: fill in what the earlier copy lacks
        for (const [f, val] of Object.entries(copy)) {
          if (val !== undefined && (existing as unknown as Record<string, unknown>)[f] === undefined) (existing as unknown as Record<string, unknown>)[f] = val;
        }
        if (copy.classes) existing.classes = [...new Set([...(existing.classes ?? []), ...copy.classes])];
      } else {
        list.push(copy);
        mergedByKey.set(key, list);
        out.edges.push(copy);
      }
    }
  });
  assignEdgeIds(out.edges);

  // ------------------------------------------------------------ subgraphs
  interface MSub {
    sub: FlowSubgraph;
    /** Members: `v:<merged vertex id>` or `s:<merged subgraph index>`. */
    members: string[];
    parent: number | null;
    generated: boolean;
  }
  const subs: MSub[] = [];
  const subByKey = new Map<string, number>();
  const vertexSub = new Map<string, number>();
  const subIdMap: Map<string, number>[] = graphs.map(() => new Map());
  const isAncestor = (a: number, b: number): boolean => {
    for (let x: number | null = b; x !== null; x = subs[x]?.parent ?? null) if (x === a) return true;
    return false;
  };
  graphs.forEach((g, gi) => {
    const local = new Map<string, number>();
    g.subgraphs.forEach((s, si) => {
      const key = unifyBy === 'id' ? `id:${s.id}` : `title:${normalizeName(s.title) || s.id}`;
      let idx = subByKey.get(key);
      if (idx === undefined || [...local.values()].includes(idx)) {
        idx = subs.length;
        subs.push({ sub: copySubgraph(s, []), members: [], parent: null, generated: s.id === `subGraph${si}` && s.title !== s.id });
        subByKey.set(key, idx);
      }
      local.set(s.id, idx);
      subIdMap[gi]?.set(s.id, idx);
      const m = subs[idx] as MSub;
      for (const member of s.nodes) {
        const child = local.get(member);
        if (child !== undefined && child !== idx) {
          const c = subs[child] as MSub;
          if (c.parent === null && !isAncestor(child, idx)) c.parent = idx;
          if (c.parent === idx && !m.members.includes(`s:${child}`)) m.members.push(`s:${child}`);
          continue;
        }
        const vid = idMap[gi]?.[member];
        if (vid === undefined) continue;
        if (vertexSub.has(vid) && vertexSub.get(vid) !== idx) continue;
        vertexSub.set(vid, idx);
        if (!m.members.includes(`v:${vid}`)) m.members.push(`v:${vid}`);
      }
    });
  });
  // ids: a subgraph that is also a node keeps the node's merged id; generated ids are renumbered
  const subOrder: number[] = [];
  const visit = (i: number): void => {
    subs.forEach((s, j) => {
      if (s.parent === i) visit(j);
    });
    subOrder.push(i);
  };
  subs.forEach((s, i) => {
    if (s.parent === null) visit(i);
  });
  const subNewId = new Map<number, string>();
  graphs.forEach((g, gi) => {
    for (const [sid, idx] of subIdMap[gi] ?? []) {
      const vid = idMap[gi]?.[sid];
      if (vid !== undefined && !subNewId.has(idx)) subNewId.set(idx, vid);
    }
  });
  const subTaken = new Set(out.vertices.map((v) => v.id));
  subOrder.forEach((i, pos) => {
    const s = subs[i] as MSub;
    if (subNewId.has(i)) return;
    let id = s.generated && idsMode === 'slug' ? `subGraph${pos}` : s.sub.id;
    // with `unifyBy: 'id'` a subgraph may share its id with a node, as in the original
    const shared = unifyBy === 'id' && out.vertices.some((v) => v.id === id) && ![...subNewId.values()].includes(id);
    if (subTaken.has(id) && !shared) id = slugId(s.sub.title || s.sub.id, subTaken);
    subTaken.add(id);
    subNewId.set(i, id);
  });
  out.subgraphs = subOrder.map((i) => {
    const s = subs[i] as MSub;
    // a node and a subgraph may share an id (`b --> B` to the subgraph B): list it once
    const nodes = [...new Set(s.members.map((m) => (m.startsWith('v:') ? m.slice(2) : (subNewId.get(Number(m.slice(2))) as string))))];
    return copySubgraph(s.sub, nodes, subNewId.get(i) as string);
  });
  graphs.forEach((_, gi) => {
    for (const [sid, idx] of subIdMap[gi] ?? []) {
      const map = idMap[gi] as Record<string, string>;
      if (map[sid] === undefined) map[sid] = subNewId.get(idx) as string;
    }
  });

  // ------------------------------------------------------------ classDefs, tooltips
  const defs = new Map<string, { diagram: number; value: string[] }[]>();
  graphs.forEach((g, gi) => {
    for (const [name, styles] of Object.entries(g.classDefs)) defs.set(name, [...(defs.get(name) ?? []), { diagram: gi, value: styles }]);
  });
  for (const [name, values] of defs) {
    const same = (a: string[], b: string[]): boolean => a.join(',') === b.join(',');
    const styles = choose(values, policy, same);
    out.classDefs[name] = [...styles];
    if (new Set(values.map((v) => v.value.join(','))).size > 1) {
      conflicts.push({ node: name, kind: 'classDef', values: values.map((v) => ({ diagram: v.diagram, value: v.value.join(',') })), chosen: styles.join(',') });
    }
  }
  for (const gi of order) {
    for (const [id, tip] of Object.entries((graphs[gi] as FlowGraph).tooltips)) {
      const mapped = idMap[gi]?.[id] ?? id;
      if (!Object.prototype.hasOwnProperty.call(out.tooltips, mapped)) out.tooltips[mapped] = tip;
    }
  }
  return { graph: out, conflicts, idMap };
}
