/**
 * `extract(graph, { node, depth, direction })`: the neighbourhood of one node as a
 * diagram of its own — the nodes within `depth` steps along the edges (downwards,
 * upwards or both), every edge between them, and the subgraphs, class definitions,
 * styles and tooltips those nodes and edges use.
 */
import type { FlowGraph } from '../mermaid/flowchart/index.js';
import { adjacency, induce, resolveNode, TransformError } from './graph-utils.js';

export interface ExtractOptions {
  /** The node, by id or label. */
  node: string;
  /** How many steps to follow; default: no limit. 0 gives the node alone. */
  depth?: number;
  /** `down` (default): children and their descendants; `up`: parents and ancestors; `both`: edges in either direction. */
  direction?: 'down' | 'up' | 'both';
}

export function extract(graph: FlowGraph, options: ExtractOptions): FlowGraph {
  const depth = options.depth ?? Infinity;
  const direction = options.direction ?? 'down';
  if (!(depth >= 0) || (Number.isFinite(depth) && !Number.isInteger(depth))) throw new TransformError(`depth must be a whole number of at least 0, not ${depth}`);
  if (direction !== 'down' && direction !== 'up' && direction !== 'both') throw new TransformError(`unknown direction \`${String(direction)}\` (down, up or both)`);
  const start = resolveNode(graph, options.node).id;
  const adj = adjacency(graph);
  const next = (u: string): string[] => [
    ...(direction !== 'up' ? (adj.children.get(u) ?? []) : []),
    ...(direction !== 'down' ? (adj.parents.get(u) ?? []) : []),
  ];
  const dist = new Map([[start, 0]]);
  const queue = [start];
  while (queue.length > 0) {
    const u = queue.shift() as string;
    const d = dist.get(u) as number;
    if (d >= depth) continue;
    for (const v of next(u)) {
      if (dist.has(v)) continue;
      dist.set(v, d + 1);
      queue.push(v);
    }
  }
  return induce(graph, new Set(dist.keys()));
}
