/**
 * The graph semantics of mermaid 12.3.0's FlowDB, re-implemented: vertex creation and
 * update order, edge ids, subgraph membership (inner subgraphs first, members removed
 * from outer ones), classes, styles, links and tooltips. Lookups that mermaid does by
 * scanning arrays are indexed here so large diagrams stay linear.
 */
import { sanitizeText } from './sanitize.js';
import { VALID_SHAPES } from './shapes.js';
import type { EdgeStroke, EdgeType, FlowEdge, FlowGraph, FlowSubgraph, FlowVertex, LabelType, Span } from './types.js';
import yaml from 'js-yaml';

export class SemanticError extends Error {}

/** A `@{ ... }` shape-data block js-yaml cannot load; `at` is the offset of the problem in the block's text. */
export class ShapeDataError extends SemanticError {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** What js-yaml returns (JSON schema). */
type YamlValue = string | number | boolean | null | YamlValue[] | { [k: string]: YamlValue };

const INTERNAL_METADATA_KEYS = ['laneRole', 'laneIndex', 'drawnExtent'];

/**
 * mermaid's FlowDB reads shape data with js-yaml's `load(yamlData, { schema: JSON_SCHEMA })`,
 * where `yamlData` is `{\n<data>\n}` for one-line data and `<data>\n` otherwise, then drops
 * its internal keys (`withoutInternalKeys`: objects and arrays are copied into a plain object).
 */
function loadShapeData(id: string, metadata: string): unknown {
  const inline = !metadata.includes('\n');
  const yamlData = inline ? '{\n' + metadata + '\n}' : metadata + '\n';
  let doc: unknown;
  try {
    doc = yaml.load(yamlData, { schema: yaml.JSON_SCHEMA });
  } catch (e) {
    if (!(e instanceof yaml.YAMLException)) throw e;
    const pos = e.mark?.position ?? 0;
    const at = Math.max(0, Math.min(metadata.length, inline ? pos - 2 : pos));
    throw new ShapeDataError(`Cannot read the shape data of \`${id}\` as YAML: ${e.reason}`, at);
  }
  if (!doc || typeof doc !== 'object') return doc;
  const kept: Record<string, unknown> = { ...doc };
  for (const k of INTERNAL_METADATA_KEYS) delete kept[k];
  return kept;
}

/** `doc.key` as JavaScript reads it (primitives have none of the keys mermaid reads). */
function prop(doc: unknown, key: string): unknown {
  return doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>)[key] : undefined;
}

/** mermaid calls `doc.label?.trim()` when an icon or image is set: a non-string label throws. */
function labelTrimmedEmpty(id: string, label: unknown): boolean {
  if (label === undefined || label === null) return true;
  if (typeof label !== 'string') {
    throw new SemanticError(`The shape data of \`${id}\` has a label that is not a string: mermaid fails on it with an icon or image`);
  }
  return !label.trim();
}

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
  /**
   * Edges whose generated `L_…` ids are in `edgeById`: generated ids are indexed lazily, on
   * the first lookup of an `L_` id (user ids are indexed at once), which keeps the first
   * edge for each id since edges are indexed in order.
   */
  private edgesIndexed = 0;
  /** Edges so far per (start, end) pair, for mermaid's generated edge ids. */
  private readonly pairCount = new Map<string, Map<string, number>>();
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
  /** mermaid's `flowchart.inheritDir`: subgraphs without a `direction` take the graph's. */
  inheritDir = false;
  /** Set when an edge id was referenced like a node (for hints). */
  onEdgeIdAsNode: ((id: string) => void) | null = null;

  setDirection(dir: string): void {
    // mermaid tests /.*</, /.*\^/, /.*>/, /.*v/: each is "contains the character"
    let d = dir.trim();
    if (d.includes('<')) d = 'RL';
    if (d.includes('^')) d = 'BT';
    if (d.includes('>')) d = 'LR';
    if (d.includes('v')) d = 'TB';
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
    // undefined: no shape data; otherwise whatever js-yaml returned (null for an empty block)
    const doc = metadata !== undefined ? loadShapeData(id, metadata) : undefined;
    const sub = this.subGraphLookup.get(id);
    if (sub && doc) {
      if (Object.keys(doc).length > 0) sub.metadata = { ...sub.metadata, ...(doc as Record<string, YamlValue>) };
      return;
    }
    const edge = this.edgeWithId(id);
    if (edge) {
      const animate = prop(doc, 'animate');
      if (animate !== undefined) edge.animate = animate as boolean;
      const animation = prop(doc, 'animation');
      if (animation !== undefined) edge.animation = animation as string;
      const curve = prop(doc, 'curve');
      if (curve !== undefined) edge.interpolate = curve as string;
      const step = prop(doc, 'step');
      if (step !== undefined && typeof step === 'number' && Number.isInteger(step) && step > 0) edge.step = step;
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
      if (doc === null) {
        // mermaid reads `doc.shape` off js-yaml's null and fails with a TypeError
        throw new SemanticError(`The shape data of \`${id}\` is empty: mermaid fails on an empty multi-line \`@{ }\` block`);
      }
      const shape = prop(doc, 'shape');
      if (shape) {
        if (typeof shape !== 'string') {
          throw new SemanticError(`No such shape: ${JSON.stringify(shape)}. A shape name must be a string.`);
        }
        if (shape !== shape.toLowerCase() || shape.includes('_')) {
          throw new SemanticError(`No such shape: ${shape}. Shape names should be lowercase.`);
        } else if (!VALID_SHAPES.has(shape)) {
          throw new SemanticError(`No such shape: ${shape}.`);
        }
        vertex.type = shape;
      }
      const label = prop(doc, 'label');
      if (label) {
        vertex.text = String(label);
        vertex.labelType = sanitizeLabelType(prop(doc, 'labelType'));
      }
      const icon = prop(doc, 'icon');
      if (icon) {
        vertex.icon = String(icon);
        if (labelTrimmedEmpty(id, label) && vertex.text === id) vertex.text = '';
      }
      const form = prop(doc, 'form');
      if (form) vertex.form = String(form);
      const pos = prop(doc, 'pos');
      if (pos) vertex.pos = String(pos);
      const img = prop(doc, 'img');
      if (img) {
        vertex.img = String(img);
        if (labelTrimmedEmpty(id, label) && vertex.text === id) vertex.text = '';
      }
      const constraint = prop(doc, 'constraint');
      if (constraint) vertex.constraint = String(constraint);
      const w = prop(doc, 'w');
      if (w) vertex.assetWidth = Number(w);
      const h = prop(doc, 'h');
      if (h) vertex.assetHeight = Number(h);
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
    let ends = this.pairCount.get(start);
    if (ends === undefined) {
      ends = new Map();
      this.pairCount.set(start, ends);
    }
    const existing = ends.get(end) ?? 0;
    ends.set(end, existing + 1);
    if (id && this.edgeWithId(id) === undefined) {
      edge.id = id;
      edge.isUserDefinedId = true;
      this.syncEdgeIds();
      this.edgeById.set(id, edge);
      this.edgesIndexed++;
    } else {
      edge.id = 'L_' + start + '_' + end + '_' + (existing === 0 ? 0 : existing + 1);
    }
    if (this.edges.length >= MAX_EDGES && this.edgeLimitAt === null) {
      // mermaid throws here; the graph is kept complete and the parser reports it once
      this.edgeLimitAt = link.span;
    }
    this.edges.push(edge);
  }

  /** The first edge carrying `id` (mermaid's `edges.find((e) => e.id === id)`). */
  private edgeWithId(id: string): FlowEdge | undefined {
    if (this.edgesIndexed < this.edges.length && id.startsWith('L_')) this.syncEdgeIds();
    return this.edgeById.get(id);
  }

  private syncEdgeIds(): void {
    const edges = this.edges;
    for (let i = this.edgesIndexed; i < edges.length; i++) {
      const e = edges[i] as FlowEdge;
      if (!this.edgeById.has(e.id)) this.edgeById.set(e.id, e);
    }
    this.edgesIndexed = edges.length;
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
      const edge = this.edgeWithId(id);
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
        const link = formatUrl(url);
        if (link !== undefined) v.link = link;
        else delete v.link;
        // mermaid assigns the target even when there is none
        if (target !== undefined) v.linkTarget = target;
        else delete v.linkTarget;
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
      for (const n of unique) existing.nodes.push(n);
    } else {
      const sg: SubgraphRec = {
        id,
        title: titleText.trim(),
        nodes: unique,
        dir: dir ?? (this.inheritDir ? (this.direction?.trim() ?? null) : null),
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

/** mermaid's `formatUrl` with securityLevel `strict`: trimmed, empty → no link, otherwise sanitize-url. */
function formatUrl(url: string): string | undefined {
  const u = url.trim();
  return u ? sanitizeUrl(u) : undefined;
}

// @braintree/sanitize-url 7.1.2 (mermaid's dependency), re-implemented step for step
const BLANK_URL = 'about:blank';
const INVALID_PROTOCOL = /^([^\w]*)(javascript|data|vbscript)/im;
const HTML_ENTITIES = /&#(\w+)(^\w|;)?/g;
const HTML_CTRL_ENTITY = /&(newline|tab);/gi;
// eslint-disable-next-line no-control-regex
const CTRL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2000-\u200D\uFEFF]/gim;
const URL_SCHEME = /^.+(:|&colon;)/gim;
const WHITESPACE_ESCAPE_CHARS = /(\\|%5[cC])((%(6[eE]|72|74))|[nrt])/g;

function decodeUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    // a `%` that is not a percent-encoding
    return uri;
  }
}

function decodeHtmlCharacters(str: string): string {
  // String.fromCharCode(dec) on the matched text: ToNumber, then ToUint16
  return str.replace(CTRL_CHARACTERS, '').replace(HTML_ENTITIES, (_m, dec: string) => String.fromCharCode(Number(dec)));
}

export function sanitizeUrl(url: string): string {
  if (!url) return BLANK_URL;
  let decoded = decodeUri(url.trim());
  let again: boolean;
  do {
    decoded = decodeHtmlCharacters(decoded)
      .replace(HTML_CTRL_ENTITY, '')
      .replace(CTRL_CHARACTERS, '')
      .replace(WHITESPACE_ESCAPE_CHARS, '')
      .trim();
    decoded = decodeUri(decoded);
    again =
      decoded.match(CTRL_CHARACTERS) !== null ||
      decoded.match(HTML_ENTITIES) !== null ||
      decoded.match(HTML_CTRL_ENTITY) !== null ||
      decoded.match(WHITESPACE_ESCAPE_CHARS) !== null;
  } while (again);
  if (!decoded) return BLANK_URL;
  if (decoded[0] === '.' || decoded[0] === '/') return decoded;
  const trimmed = decoded.trimStart();
  const scheme = trimmed.match(URL_SCHEME);
  if (!scheme) return decoded;
  const urlScheme = (scheme[0] as string).toLowerCase().trim();
  if (INVALID_PROTOCOL.test(urlScheme)) return BLANK_URL;
  const backSanitized = trimmed.replace(/\\/g, '/');
  if (urlScheme === 'mailto:' || urlScheme.includes('://')) return backSanitized;
  if (urlScheme === 'http:' || urlScheme === 'https:') {
    if (!URL.canParse(backSanitized)) return BLANK_URL;
    const u = new URL(backSanitized);
    u.protocol = u.protocol.toLowerCase();
    u.hostname = u.hostname.toLowerCase();
    return u.toString();
  }
  return backSanitized;
}
