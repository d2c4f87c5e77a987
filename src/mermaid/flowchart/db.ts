/**
 * The graph semantics of mermaid 12.3.0's FlowDB, re-implemented: vertex creation and
 * update order, edge ids, subgraph membership (inner subgraphs first, members removed
 * from outer ones), classes, styles, links and tooltips. Lookups that mermaid does by
 * scanning arrays are indexed here so large diagrams stay linear.
 */
import { sanitizeText } from './sanitize.js';
import { VALID_SHAPES } from './shapes.js';
import type { EdgeStroke, EdgeType, FlowEdge, FlowGraph, FlowSubgraph, FlowVertex, LabelType, Span } from './types.js';
import { loadShapeData, YamlError, type YamlValue } from './yaml.js';

export class SemanticError extends Error {}

export interface TextObj {
  text: string;
  type: LabelType;
}

export interface LinkInfo {
  type: EdgeType;
  stroke: EdgeStroke;
  length: number | undefined;
  text?: TextObj;
  id?: string;
  span: Span;
  labelSpan?: Span;
}

interface SubgraphRec extends FlowSubgraph {
  classes: string[];
  metadata?: Record<string, YamlValue>;
}

/** A member of a subgraph body as mermaid's grammar collects it. */
export type Member = string | { dir: string };

const MAX_EDGES = 500;

function sanitizeLabelType(t: unknown): LabelType {
  return t === 'markdown' || t === 'string' || t === 'text' ? t : 'markdown';
}

export function destructStartLink(raw: string): { type: string; stroke: EdgeStroke } {
  let str = raw.trim();
  let type = 'arrow_open';
  switch (str[0]) {
    case '<':
      type = 'arrow_point';
      str = str.slice(1);
      break;
    case 'x':
      type = 'arrow_cross';
      str = str.slice(1);
      break;
    case 'o':
      type = 'arrow_circle';
      str = str.slice(1);
      break;
  }
  let stroke: EdgeStroke = 'normal';
  if (str.includes('=')) stroke = 'thick';
  if (str.includes('.')) stroke = 'dotted';
  return { type, stroke };
}

export function destructEndLink(raw: string): { type: string; stroke: EdgeStroke; length: number } {
  const str = raw.trim();
  let line = str.slice(0, -1);
  let type = 'arrow_open';
  switch (str.slice(-1)) {
    case 'x':
      type = 'arrow_cross';
      if (str.startsWith('x')) {
        type = 'double_' + type;
        line = line.slice(1);
      }
      break;
    case '>':
      type = 'arrow_point';
      if (str.startsWith('<')) {
        type = 'double_' + type;
        line = line.slice(1);
      }
      break;
    case 'o':
      type = 'arrow_circle';
      if (str.startsWith('o')) {
        type = 'double_' + type;
        line = line.slice(1);
      }
      break;
  }
  let stroke: EdgeStroke = 'normal';
  let length = line.length - 1;
  if (line.startsWith('=')) stroke = 'thick';
  if (line.startsWith('~')) stroke = 'invisible';
  let dots = 0;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 46) dots++;
  if (dots) {
    stroke = 'dotted';
    length = dots;
  }
  return { type, stroke, length };
}

export function destructLink(end: string, start?: string): { type: EdgeType; stroke: EdgeStroke; length: number | undefined } {
  const info = destructEndLink(end);
  if (start) {
    const s = destructStartLink(start);
    if (s.stroke !== info.stroke) return { type: 'INVALID', stroke: 'INVALID', length: undefined };
    let type: string;
    if (s.type === 'arrow_open') {
      type = info.type;
    } else {
      if (s.type !== info.type) return { type: 'INVALID', stroke: 'INVALID', length: undefined };
      type = 'double_' + s.type;
    }
    if (type === 'double_arrow') type = 'double_arrow_point';
    return { type: type as EdgeType, stroke: s.stroke, length: info.length };
  }
  return { type: info.type as EdgeType, stroke: info.stroke, length: info.length };
}

export class FlowDb {
  direction: string | undefined;
  readonly vertices = new Map<string, FlowVertex>();
  readonly edges: FlowEdge[] = [];
  /** First edge carrying each id. */
  private readonly edgeById = new Map<string, FlowEdge>();
  private readonly pairCount = new Map<string, number>();
  readonly classes = new Map<string, { styles: string[]; textStyles: string[] }>();
  readonly subGraphs: SubgraphRec[] = [];
  private readonly subGraphLookup = new Map<string, SubgraphRec>();
  /** Which stored subgraph lists a node. */
  private readonly memberOf = new Set<string>();
  private subCount = 0;
  readonly tooltips = new Map<string, string>();
  defaultInterpolate: string | undefined;
  defaultStyle: string[] | undefined;
  accTitle: string | null = null;
  accDescr: string | null = null;
  /** Span of the first edge past mermaid's default `maxEdges` (500), if any. */
  edgeLimitAt: Span | null = null;
  static readonly MAX_EDGES = MAX_EDGES;
  private readonly subGraphById = new Map<string, SubgraphRec>();
  /** Set when an edge id was referenced like a node (for hints). */
  onEdgeIdAsNode: ((id: string) => void) | null = null;

  setDirection(dir: string): void {
    let d = dir.trim();
    if (/.*</.exec(d)) d = 'RL';
    if (/.*\^/.exec(d)) d = 'BT';
    if (/.*>/.exec(d)) d = 'LR';
    if (/.*v/.exec(d)) d = 'TB';
    if (d === 'TD') d = 'TB';
    this.direction = d;
  }

  addVertex(
    id: string,
    idSpan: Span,
    textObj?: TextObj,
    type?: string,
    style?: string[],
    props?: Record<string, string>,
    metadata?: string,
    labelSpan?: Span,
  ): void {
    if (!id || id.trim().length === 0) return;
    let doc: Record<string, YamlValue> | undefined;
    if (metadata !== undefined) {
      const yamlData = metadata.includes('\n') ? metadata + '\n' : '{\n' + metadata + '\n}';
      let loaded: YamlValue;
      try {
        loaded = loadShapeData(yamlData);
      } catch (e) {
        throw new SemanticError(
          `Cannot read the shape data of \`${id}\` as YAML${e instanceof YamlError ? ': ' + e.message : ''}`,
        );
      }
      if (loaded !== null && typeof loaded === 'object' && !Array.isArray(loaded)) {
        doc = { ...loaded };
        for (const k of ['laneRole', 'laneIndex', 'drawnExtent']) delete doc[k];
      } else if (loaded !== null && loaded !== undefined) {
        // mermaid reads properties off whatever YAML returned
        doc = {};
      }
    }
    const sub = this.subGraphLookup.get(id);
    if (sub && doc) {
      if (Object.keys(doc).length > 0) sub.metadata = { ...sub.metadata, ...doc };
      return;
    }
    const edge = this.edgeById.get(id);
    if (edge) {
      if (doc) {
        if (doc['animate'] !== undefined) edge.animate = doc['animate'] as boolean;
        if (doc['animation'] !== undefined) edge.animation = doc['animation'] as string;
        if (doc['curve'] !== undefined) edge.interpolate = doc['curve'] as string;
        const step = doc['step'];
        if (step !== undefined && typeof step === 'number' && Number.isInteger(step) && step > 0) edge.step = step;
      }
      this.onEdgeIdAsNode?.(id);
      return;
    }
    let vertex = this.vertices.get(id);
    if (vertex === undefined) {
      vertex = { id, text: undefined as unknown as string, type: null, classes: [], labelType: 'text', idSpan };
      this.vertices.set(id, vertex);
    }
    if (textObj !== undefined) {
      let txt = sanitizeText(textObj.text.trim());
      vertex.labelType = textObj.type;
      if (txt.startsWith('"') && txt.endsWith('"')) txt = txt.substring(1, txt.length - 1);
      vertex.text = txt;
      if (labelSpan) vertex.labelSpan = labelSpan;
    } else if (vertex.text === undefined) {
      vertex.text = id;
    }
    if (type !== undefined) vertex.type = type;
    if (style !== undefined) (vertex.styles ??= []).push(...style);
    if (props !== undefined && Object.keys(props).length > 0) vertex.props = { ...vertex.props, ...props };
    if (doc !== undefined) {
      const shape = doc['shape'];
      if (shape) {
        const s = String(shape);
        if (s !== s.toLowerCase() || s.includes('_')) {
          throw new SemanticError(`No such shape: ${s}. Shape names should be lowercase.`);
        } else if (!VALID_SHAPES.has(s)) {
          throw new SemanticError(`No such shape: ${s}.`);
        }
        vertex.type = s;
      }
      const label = doc['label'];
      if (label) {
        vertex.text = String(label);
        vertex.labelType = sanitizeLabelType(doc['labelType']);
      }
      const labelTrimmedEmpty = typeof label !== 'string' || !label.trim();
      if (doc['icon']) {
        vertex.icon = String(doc['icon']);
        if (labelTrimmedEmpty && vertex.text === id) vertex.text = '';
      }
      if (doc['form']) vertex.form = String(doc['form']);
      if (doc['pos']) vertex.pos = String(doc['pos']);
      if (doc['img']) {
        vertex.img = String(doc['img']);
        if (labelTrimmedEmpty && vertex.text === id) vertex.text = '';
      }
      if (doc['constraint']) vertex.constraint = String(doc['constraint']);
      if (doc['w']) vertex.assetWidth = Number(doc['w']);
      if (doc['h']) vertex.assetHeight = Number(doc['h']);
    }
  }

  private addSingleLink(start: string, end: string, link: LinkInfo, id: string | undefined): void {
    const edge: FlowEdge = {
      start,
      end,
      type: link.type,
      stroke: link.stroke,
      text: '',
      length: link.length === undefined ? (undefined as unknown as number) : link.length > 10 ? 10 : link.length,
      id: '',
      labelType: 'text',
      span: link.span,
    };
    if (this.defaultInterpolate !== undefined) edge.interpolate = this.defaultInterpolate;
    if (link.text !== undefined) {
      let t = sanitizeText(link.text.text.trim());
      if (t.startsWith('"') && t.endsWith('"')) t = t.substring(1, t.length - 1);
      edge.text = t;
      edge.labelType = sanitizeLabelType(link.text.type);
      if (link.labelSpan) edge.labelSpan = link.labelSpan;
    }
    const key = start + '\u0000' + end;
    if (id && !this.edgeById.has(id)) {
      edge.id = id;
      edge.isUserDefinedId = true;
    } else {
      const existing = this.pairCount.get(key) ?? 0;
      edge.id = `L_${start}_${end}_${existing === 0 ? 0 : existing + 1}`;
    }
    if (this.edges.length >= MAX_EDGES && this.edgeLimitAt === null) {
      // mermaid throws here; the graph is kept complete and the parser reports it once
      this.edgeLimitAt = link.span;
    }
    this.pairCount.set(key, (this.pairCount.get(key) ?? 0) + 1);
    if (!this.edgeById.has(edge.id)) this.edgeById.set(edge.id, edge);
    this.edges.push(edge);
  }

  addLink(starts: string[], ends: string[], link: LinkInfo): void {
    const id = link.id !== undefined ? link.id.replace('@', '') : undefined;
    const lastStart = starts[starts.length - 1];
    const firstEnd = ends[0];
    for (const s of starts) {
      for (const e of ends) {
        this.addSingleLink(s, e, link, s === lastStart && e === firstEnd ? id : undefined);
      }
    }
  }

  /** `linkStyle`: positions are the NUM texts as written (mermaid indexes with strings). */
  private edgeAt(pos: string): FlowEdge {
    const e = /^(?:0|[1-9][0-9]*)$/.test(pos) ? this.edges[Number(pos)] : undefined;
    if (!e) {
      throw new SemanticError(
        `linkStyle index ${pos} does not name an edge: the diagram has ${this.edges.length} edge${
          this.edges.length === 1 ? '' : 's'
        } (valid indices 0 to ${this.edges.length - 1})`,
      );
    }
    return e;
  }

  updateLinkInterpolate(positions: string[], interpolate: string): void {
    for (const pos of positions) {
      if (pos === 'default') this.defaultInterpolate = interpolate;
      else this.edgeAt(pos).interpolate = interpolate;
    }
  }

  updateLink(positions: string[], style: string[]): void {
    for (const pos of positions) {
      if (pos === 'default') {
        this.defaultStyle = style;
      } else {
        const e = this.edgeAt(pos);
        e.style = style;
        if (style.length > 0 && !style.some((s) => s?.startsWith('fill'))) style.push('fill:none');
      }
    }
  }

  addClass(ids: string, styles: string[]): void {
    const style = styles.join().replace(/\\,/g, '§§§').replace(/,/g, ';').replace(/§§§/g, ',').split(';');
    for (const id of ids.split(',')) {
      let c = this.classes.get(id);
      if (c === undefined) {
        c = { styles: [], textStyles: [] };
        this.classes.set(id, c);
      }
      for (const s of style) {
        if (/color/.exec(s)) c.textStyles.push(s.replace('fill', 'bgFill'));
        c.styles.push(s);
      }
    }
  }

  setClass(ids: string, className: string): void {
    for (const id of ids.split(',')) {
      this.vertices.get(id)?.classes.push(className);
      const edge = this.edgeById.get(id);
      if (edge) (edge.classes ??= []).push(className);
      this.subGraphLookup.get(id)?.classes.push(className);
    }
  }

  setTooltip(ids: string, tooltip: string | undefined): void {
    if (tooltip === undefined) return;
    const t = sanitizeText(tooltip);
    for (const id of ids.split(',')) this.tooltips.set(id, t);
  }

  setClickEvent(ids: string): void {
    // securityLevel 'strict': no callback is bound
    this.setClass(ids, 'clickable');
  }

  setLink(ids: string, url: string, target?: string): void {
    for (const id of ids.split(',')) {
      const v = this.vertices.get(id);
      if (v !== undefined) {
        v.link = formatUrl(url);
        if (target !== undefined) v.linkTarget = target;
      }
    }
    this.setClass(ids, 'clickable');
  }

  setAccTitle(t: string): void {
    this.accTitle = sanitizeText(t).replace(/^\s+/g, '');
  }
  setAccDescription(t: string): void {
    this.accDescr = sanitizeText(t).replace(/\n\s+/g, '\n');
  }

  addSubGraph(
    idText: string | undefined,
    sameObject: boolean,
    list: Member[],
    title: TextObj | undefined,
    idSpan: Span,
    titleSpan: Span | undefined,
  ): string {
    let id: string | undefined = idText?.trim();
    let titleText = title?.text ?? '';
    if (sameObject && title && /\s/.exec(title.text)) id = undefined;
    const seen = new Set<string>();
    const nodeList: string[] = [];
    let dir: string | undefined;
    for (const item of list) {
      if (typeof item !== 'string') {
        dir = item.dir;
        continue;
      }
      if (item.trim() === '') continue;
      if (seen.has(item)) continue;
      seen.add(item);
      nodeList.push(item);
    }
    id = id ?? 'subGraph' + this.subCount;
    titleText = sanitizeText(titleText || '');
    this.subCount++;
    const unique = nodeList.filter((n) => !this.memberOf.has(n)).filter((n) => n !== id);
    const existing = this.subGraphById.get(id);
    if (existing) {
      existing.nodes.push(...unique);
    } else {
      const sg: SubgraphRec = {
        id,
        title: titleText.trim(),
        nodes: unique,
        dir: dir ?? null,
        labelType: sanitizeLabelType(title?.type),
        classes: [],
        idSpan,
      };
      if (titleSpan) sg.titleSpan = titleSpan;
      this.subGraphs.push(sg);
      this.subGraphById.set(id, sg);
    }
    for (const n of unique) this.memberOf.add(n);
    this.subGraphLookup.set(id, existing ?? (this.subGraphs[this.subGraphs.length - 1] as SubgraphRec));
    return id;
  }

  toGraph(title?: string): FlowGraph {
    const classDefs: Record<string, string[]> = {};
    for (const [k, v] of this.classes) classDefs[k] = v.styles;
    const tooltips: Record<string, string> = {};
    for (const [k, v] of this.tooltips) tooltips[k] = v;
    const linkStyleDefault =
      this.defaultStyle !== undefined || this.defaultInterpolate !== undefined
        ? {
            ...(this.defaultStyle !== undefined ? { defaultStyle: this.defaultStyle } : {}),
            ...(this.defaultInterpolate !== undefined ? { defaultInterpolate: this.defaultInterpolate } : {}),
          }
        : null;
    const graph: FlowGraph = {
      direction: this.direction?.trim() ?? null,
      vertices: [...this.vertices.values()],
      edges: this.edges,
      subgraphs: this.subGraphs.map((sg) => {
        const out: FlowSubgraph = { id: sg.id, title: sg.title, nodes: sg.nodes, dir: sg.dir, labelType: sg.labelType, idSpan: sg.idSpan };
        if (sg.classes.length > 0) out.classes = sg.classes;
        if (sg.titleSpan) out.titleSpan = sg.titleSpan;
        return out;
      }),
      classDefs,
      tooltips,
      linkStyleDefault,
      accTitle: this.accTitle,
      accDescr: this.accDescr,
    };
    if (title !== undefined) graph.title = title;
    return graph;
  }
}

/** mermaid's `formatUrl` with securityLevel `strict` (sanitize-url). */
function formatUrl(url: string): string {
  const u = url.trim();
  if (!u) return u;
  const decoded = u.replace(/[\u0000-\u001F\u007F-\u009F\u2000-\u200D\uFEFF]/gim, '');
  if (/^([^\w]*)(javascript|data|vbscript)/im.test(decoded)) return 'about:blank';
  return u;
}
