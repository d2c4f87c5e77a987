import { parseFlowchart } from '../mermaid/flowchart/index.js';
import type { DiagramSourceMap } from './source-map.js';
import type { AstStatement, FlowGraph } from '../mermaid/flowchart/index.js';
import type { Position, Span } from './position.js';
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
    nodes: g.vertices.map(({ id, text, labelType, type, classes, idSpan, labelSpan, ...data }) => ({
      id,
      label: text,
      labelType,
      shape: type,
      classes,
      position: map.position(idSpan),
      labelPosition: labelSpan ? map.position(labelSpan) : null,
      ...data,
    })),
    edges: g.edges.map(({ id, start, end, text, type, stroke, length, labelType, span, labelSpan, ...data }) => ({
      id,
      from: start,
      to: end,
      label: text,
      labelType,
      arrow: type,
      stroke,
      length,
      position: map.position(span),
      labelPosition: labelSpan ? map.position(labelSpan) : null,
      ...data,
    })),
    subgraphs: g.subgraphs.map(({ id, title, nodes, dir, labelType, idSpan, titleSpan, ...data }) => ({
      id,
      label: title,
      labelType,
      nodes,
      direction: dir,
      position: map.position(titleSpan ?? idSpan),
      ...data,
    })),
    tooltips: g.tooltips,
    linkStyleDefault: g.linkStyleDefault,
    accTitle: g.accTitle,
    accDescr: g.accDescr,
    title: g.title ?? null,
    classDefs: g.classDefs,
    ...classStatements(parsed.ast.statements, source, map),
    hints: parsed.hints.map((h) => ({ code: h.code, message: h.message, position: map.position(h.span) })),
  };
  const errors = parsed.errors.map((e) => ({ message: e.message, kind: e.kind, position: map.position(e.span) }));
  return { flowchart, errors };
}

/** Splits a comma list written at `span` into its names, each with its own position. */
function namesAt(list: string, span: Span, source: string, map: DiagramSourceMap): { name: string; position: Position }[] {
  const out: { name: string; position: Position }[] = [];
  const written = source.slice(span.start, span.end);
  let from = 0;
  for (const raw of list.split(',')) {
    const name = raw.trim();
    if (!name) continue;
    const at = written.indexOf(name, from);
    const start = at >= 0 ? span.start + at : span.start;
    if (at >= 0) from = at + name.length;
    out.push({ name, position: map.position({ start, end: at >= 0 ? start + name.length : span.end }) });
  }
  return out;
}

/** Where classes are defined and used, from the AST (subgraphs included). */
function classStatements(
  statements: AstStatement[],
  source: string,
  map: DiagramSourceMap,
): Pick<FlowchartModel, 'classDefinitions' | 'classUses'> {
  const classDefinitions: FlowchartModel['classDefinitions'] = [];
  const classUses: FlowchartModel['classUses'] = [];
  const stack: AstStatement[][] = [statements];
  while (stack.length > 0) {
    const list = stack.pop() as AstStatement[];
    for (const st of list) {
      switch (st.kind) {
        case 'subgraph':
          stack.push(st.statements);
          break;
        case 'classDef':
          for (const n of namesAt(st.names, st.namesSpan, source, map)) classDefinitions.push({ ...n, styles: st.styles });
          break;
        case 'class': {
          const position = map.position(st.classNameSpan);
          for (const id of st.ids.split(',')) if (id.trim()) classUses.push({ name: st.className, node: id.trim(), position });
          break;
        }
        case 'vertices':
          for (const group of st.groups) {
            for (const ref of group) for (const c of ref.classes) classUses.push({ name: c.name, node: ref.id, position: map.position(c.span) });
          }
          break;
        default:
          break;
      }
    }
  }
  const byOffset = (a: { position: Position }, b: { position: Position }) => a.position.start.offset - b.position.start.offset;
  return { classDefinitions: classDefinitions.sort(byOffset), classUses: classUses.sort(byOffset) };
}

const NO_SPAN: Span = { start: 0, end: 0 };

/**
 * The model's flowchart as the parser's position-free graph (mermaid's own
 * vocabulary), for transforms and the printer. Lossless: every field mermaid
 * keeps is carried in the model.
 */
export function toFlowGraph(fc: FlowchartModel): FlowGraph {
  const graph: FlowGraph = {
    direction: fc.direction,
    vertices: fc.nodes.map(({ id, label, labelType, shape, classes, position: _p, labelPosition: _l, ...data }) => ({
      ...data,
      id,
      text: label,
      labelType,
      type: shape,
      classes: [...classes],
      idSpan: NO_SPAN,
    })),
    edges: fc.edges.map(({ id, from, to, label, labelType, arrow, stroke, length, position: _p, labelPosition: _l, ...data }) => ({
      ...data,
      id,
      start: from,
      end: to,
      text: label,
      labelType,
      type: arrow as FlowGraph['edges'][number]['type'],
      stroke: stroke as FlowGraph['edges'][number]['stroke'],
      length,
      span: NO_SPAN,
    })),
    subgraphs: fc.subgraphs.map(({ id, label, labelType, nodes, direction, position: _p, ...data }) => ({
      ...data,
      id,
      title: label,
      labelType,
      nodes: [...nodes],
      dir: direction,
      idSpan: NO_SPAN,
    })),
    classDefs: { ...fc.classDefs },
    tooltips: { ...fc.tooltips },
    linkStyleDefault: fc.linkStyleDefault,
    accTitle: fc.accTitle,
    accDescr: fc.accDescr,
  };
  if (fc.title !== null) graph.title = fc.title;
  return graph;
}

const nodeIndex = new WeakMap<FlowchartModel, Map<string, FlowchartModel['nodes'][number]>>();

/** A flowchart's node by id, through an index built once per flowchart. */
export function findNode(fc: FlowchartModel, id: string): FlowchartModel['nodes'][number] | undefined {
  let index = nodeIndex.get(fc);
  if (!index) {
    index = new Map(fc.nodes.map((n) => [n.id, n]));
    nodeIndex.set(fc, index);
  }
  return index.get(id);
}
