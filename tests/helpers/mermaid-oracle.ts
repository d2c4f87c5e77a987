/**
 * The real mermaid 12.3.0 as a flowchart oracle: its verdict on a text (`mermaid.parse`)
 * and, for accepted texts, the graph its FlowDB builds, read the way the conformance
 * corpus was made (`mermaid.mermaidAPI.getDiagramFromText`, a new database per call).
 *
 * `comparableGraph` turns either side (our `FlowGraph` or mermaid's database) into the
 * same plain shape, so graphs compare with `toEqual` / JSON.
 */
import type { FlowGraph } from '../../src/mermaid/flowchart/index.js';
import { loadMermaid } from '../mermaid/validate/oracle.js';

export { loadMermaid };

export interface ComparableGraph {
  direction: string | null;
  /** `[id, text, type, classes]` in vertex order. */
  vertices: [string, string, string | null, string[]][];
  /** `[start, end, type, stroke, text, length, id]` in edge order. */
  edges: [string, string, string, string, string, number | null, string][];
  /** `[id, title, nodes, dir]` in mermaid's order. */
  subgraphs: [string, string, string[], string | null][];
  /** `[name, styles]` in definition order. */
  classDefs: [string, string[]][];
}

/** Fields of the oracle graph beyond the comparable core (compared by the printer round trip). */
export interface GraphExtras {
  /** `[id, styles, link, linkTarget]` for vertices that have any of them. */
  vertexStyles: [string, string[], string | null, string | null][];
  /** `[index, style, interpolate, animate]` for edges that have any of them. */
  edgeStyles: [number, string[] | null, string | null, boolean | null][];
  /** Sorted by id (their order is that of the click statements, which says nothing). */
  tooltips: [string, string][];
  accTitle: string | null;
  accDescr: string | null;
}

export type OracleResult =
  | { accepted: true; graph: ComparableGraph; extras: GraphExtras }
  | { accepted: false; error: Error };

interface MermaidVertex {
  id: string;
  text?: string;
  type?: string;
  classes?: string[];
  styles?: string[];
  link?: string;
  linkTarget?: string;
}
interface MermaidEdge {
  start: string;
  end: string;
  type?: string;
  stroke?: string;
  text?: string;
  length?: number;
  id?: string;
  style?: string[];
  interpolate?: string;
  animate?: boolean;
}
interface MermaidSubgraph {
  id: string;
  title: string;
  nodes: string[];
  dir?: string;
}
interface MermaidFlowDb {
  getVertices(): Map<string, MermaidVertex>;
  getEdges(): MermaidEdge[];
  getSubGraphs(): MermaidSubgraph[];
  getClasses(): Map<string, { styles: string[] }>;
  getDirection(): string | undefined;
  getAccTitle?(): string;
  getAccDescription?(): string;
  tooltips?: Map<string, string>;
}

const byKey = (a: [string, string], b: [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function comparableGraph(g: FlowGraph): ComparableGraph {
  return {
    direction: g.direction,
    vertices: g.vertices.map((v) => [v.id, v.text, v.type ?? null, [...v.classes]]),
    edges: g.edges.map((e) => [e.start, e.end, e.type, e.stroke, e.text, e.length ?? null, e.id]),
    subgraphs: g.subgraphs.map((s) => [s.id, s.title, [...s.nodes], s.dir ?? null]),
    classDefs: Object.entries(g.classDefs).map(([k, v]) => [k, [...v]]),
  };
}

export function graphExtras(g: FlowGraph): GraphExtras {
  return {
    vertexStyles: g.vertices
      .filter((v) => (v.styles && v.styles.length > 0) || v.link !== undefined || v.linkTarget !== undefined)
      .map((v) => [v.id, [...(v.styles ?? [])], v.link ?? null, v.linkTarget ?? null]),
    edgeStyles: g.edges.flatMap((e, i): GraphExtras['edgeStyles'] =>
      e.style !== undefined || e.interpolate !== undefined || e.animate !== undefined
        ? [[i, e.style ? [...e.style] : null, e.interpolate ?? null, e.animate ?? null]]
        : [],
    ),
    tooltips: Object.entries(g.tooltips).sort(byKey),
    accTitle: g.accTitle === '' ? null : g.accTitle,
    accDescr: g.accDescr === '' ? null : g.accDescr,
  };
}

function fromMermaid(db: MermaidFlowDb): { graph: ComparableGraph; extras: GraphExtras } {
  const vertices = [...db.getVertices().values()];
  const edges = db.getEdges();
  const dir = db.getDirection();
  const graph: ComparableGraph = {
    direction: dir === undefined ? null : dir.trim(),
    vertices: vertices.map((v) => [v.id, v.text ?? '', v.type ?? null, [...(v.classes ?? [])]]),
    edges: edges.map((e) => [e.start, e.end, e.type ?? '', e.stroke ?? '', e.text ?? '', e.length ?? null, e.id ?? '']),
    subgraphs: db.getSubGraphs().map((s) => [s.id, s.title, [...s.nodes], s.dir ?? null]),
    classDefs: [...db.getClasses().entries()].map(([k, v]) => [k, [...v.styles]]),
  };
  const accTitle = db.getAccTitle?.() ?? '';
  const accDescr = db.getAccDescription?.() ?? '';
  const extras: GraphExtras = {
    vertexStyles: vertices
      .filter((v) => (v.styles && v.styles.length > 0) || v.link !== undefined || v.linkTarget !== undefined)
      .map((v) => [v.id, [...(v.styles ?? [])], v.link ?? null, v.linkTarget ?? null]),
    edgeStyles: edges.flatMap((e, i): GraphExtras['edgeStyles'] =>
      e.style !== undefined || e.interpolate !== undefined || e.animate !== undefined
        ? [[i, e.style ? [...e.style] : null, e.interpolate ?? null, e.animate ?? null]]
        : [],
    ),
    tooltips: [...(db.tooltips?.entries() ?? [])].sort(byKey),
    accTitle: accTitle === '' ? null : accTitle,
    accDescr: accDescr === '' ? null : accDescr,
  };
  return { graph, extras };
}

/**
 * mermaid's verdict on a flowchart text and, when it accepts it, the graph it builds.
 * Texts that mermaid does not detect as a flowchart are reported as rejected.
 */
export async function oracleFlowchart(text: string): Promise<OracleResult> {
  const mermaid = await loadMermaid();
  try {
    await mermaid.parse(text);
  } catch (e) {
    return { accepted: false, error: e as Error };
  }
  let diagram: { type: string; db: unknown };
  try {
    diagram = (await mermaid.mermaidAPI.getDiagramFromText(text)) as unknown as { type: string; db: unknown };
  } catch (e) {
    return { accepted: false, error: e as Error };
  }
  if (!diagram.type.startsWith('flowchart')) {
    return { accepted: false, error: new Error(`not a flowchart: ${diagram.type}`) };
  }
  return { accepted: true, ...fromMermaid(diagram.db as MermaidFlowDb) };
}
