import { parseFlowchart } from '../mermaid/flowchart/index.js';
import type { DiagramSourceMap } from './source-map.js';
import type { DiagramError, FlowchartModel } from './types.js';

/** mermaid's ids of the diagram types our own flowchart parser reads. */
export const FLOWCHART_TYPES = new Set(['flowchart-v2', 'flowchart-elk', 'flowchart']);

/**
 * Parses a flowchart with our parser and converts its graph and errors to
 * file positions. Returns null when the parser fails internally, so that the
 * diagram goes to mermaid's own validator instead of getting a wrong verdict.
 */
export function buildFlowchart(source: string, map: DiagramSourceMap): { flowchart: FlowchartModel; errors: DiagramError[] } | null {
  let parsed;
  try {
    parsed = parseFlowchart(source);
  } catch {
    return null;
  }
  const g = parsed.graph;
  const flowchart: FlowchartModel = {
    direction: g.direction,
    nodes: g.vertices.map((v) => ({
      id: v.id,
      label: v.text,
      labelType: v.labelType,
      shape: v.type,
      classes: v.classes,
      position: map.position(v.idSpan),
      labelPosition: v.labelSpan ? map.position(v.labelSpan) : null,
    })),
    edges: g.edges.map((e) => ({
      id: e.id,
      from: e.start,
      to: e.end,
      label: e.text,
      arrow: e.type,
      stroke: e.stroke,
      length: e.length,
      position: map.position(e.span),
      labelPosition: e.labelSpan ? map.position(e.labelSpan) : null,
    })),
    subgraphs: g.subgraphs.map((s) => ({
      id: s.id,
      label: s.title,
      nodes: s.nodes,
      direction: s.dir,
      position: map.position(s.titleSpan ?? s.idSpan),
    })),
    classDefs: g.classDefs,
    hints: parsed.hints.map((h) => ({ code: h.code, message: h.message, position: map.position(h.span) })),
  };
  const errors = parsed.errors.map((e) => ({ message: e.message, kind: e.kind, position: map.position(e.span) }));
  return { flowchart, errors };
}
