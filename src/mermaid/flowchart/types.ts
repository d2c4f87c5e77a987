import type { Span } from '../../model/position.js';

export type { Span };

export type LabelType = 'text' | 'string' | 'markdown';

export type EdgeType =
  | 'arrow_point'
  | 'arrow_open'
  | 'arrow_cross'
  | 'arrow_circle'
  | 'double_arrow_point'
  | 'double_arrow_cross'
  | 'double_arrow_circle'
  | 'INVALID';

export type EdgeStroke = 'normal' | 'thick' | 'dotted' | 'invisible' | 'INVALID';

// ------------------------------------------------------------------ graph

export interface FlowVertex {
  id: string;
  /** Label as mermaid stores it (sanitised, entity placeholders kept); the id when unlabelled. */
  text: string;
  /** Shape: `square`, `round`, ... or the `@{ shape }` name as written; `null` for a bare id. */
  type: string | null;
  classes: string[];
  labelType: LabelType;
  styles?: string[];
  link?: string;
  linkTarget?: string;
  haveCallback?: boolean;
  dir?: string;
  icon?: string;
  form?: string;
  pos?: string;
  img?: string;
  constraint?: string;
  assetWidth?: number;
  assetHeight?: number;
  props?: Record<string, string>;
  /** First occurrence of the id. */
  idSpan: Span;
  /** Label text inside the brackets of the occurrence that set the label. */
  labelSpan?: Span;
}

export interface FlowEdge {
  start: string;
  end: string;
  type: EdgeType;
  stroke: EdgeStroke;
  text: string;
  length: number;
  /** mermaid's generated `L_<start>_<end>_<k>` or the user's id. */
  id: string;
  isUserDefinedId?: boolean;
  labelType: LabelType;
  classes?: string[];
  style?: string[];
  interpolate?: string;
  animate?: boolean;
  animation?: string;
  step?: number;
  /** The link operator with its label (`-- text -->`, `-->|text|`). */
  span: Span;
  labelSpan?: Span;
}

export interface FlowSubgraph {
  id: string;
  title: string;
  nodes: string[];
  /** As written (`TD` is not normalised here); `null` if none. */
  dir: string | null;
  labelType: LabelType;
  classes?: string[];
  /** The id (or the title when the id is generated). */
  idSpan: Span;
  titleSpan?: Span;
}

export interface FlowGraph {
  /** Normalised: TD→TB, >→LR, <→RL, ^→BT, v→TB. */
  direction: string | null;
  vertices: FlowVertex[];
  edges: FlowEdge[];
  subgraphs: FlowSubgraph[];
  classDefs: Record<string, string[]>;
  tooltips: Record<string, string>;
  linkStyleDefault: { defaultStyle?: string[]; defaultInterpolate?: string } | null;
  accTitle: string | null;
  accDescr: string | null;
  /** From YAML front matter. */
  title?: string;
}

// ------------------------------------------------------------------ diagnostics

export interface FlowchartError {
  /** Names what was found and what was expected. */
  message: string;
  span: Span;
  expected?: string[];
  found?: string;
  kind: 'syntax' | 'semantic';
}

export type FlowchartHintCode =
  /** A node id ends with `o`/`x` right before a link: mermaid keeps it in the id. */
  | 'id-swallowed-edge-end'
  /** A link ends with `o`/`x` glued to the next id: mermaid takes it as the arrow head. */
  | 'edge-end-before-id'
  /** A line that mentions `direction XX` anywhere is read as a direction statement. */
  | 'direction-line'
  /** A statement references an edge id, so no node is created. */
  | 'edge-id-as-node';

export interface FlowchartHint {
  code: FlowchartHintCode;
  message: string;
  span: Span;
}

// ------------------------------------------------------------------ AST

export interface AstText {
  text: string;
  labelType: LabelType;
  span: Span;
}

export interface AstNodeRef {
  id: string;
  idSpan: Span;
  /** Shape from the bracket syntax (`square`, `round`, ...), if any. */
  shape?: string;
  label?: AstText;
  /** Whole node reference including brackets and `:::class`. */
  span: Span;
  classes: { name: string; span: Span }[];
  /** Raw `@{ ... }` shape data following this node. */
  shapeData?: { raw: string; span: Span };
  props?: Record<string, string>;
}

export interface AstLink {
  span: Span;
  /** The link token(s) as written, e.g. `-->` or `-- ` + `-->`. */
  arrow: string;
  type: EdgeType;
  stroke: EdgeStroke;
  length: number;
  id?: { text: string; span: Span };
  label?: AstText;
}

export interface AstVertexStatement {
  kind: 'vertices';
  span: Span;
  /** Node groups (`A & B`) in order, joined by `links[i]` between `groups[i]` and `groups[i+1]`. */
  groups: AstNodeRef[][];
  links: AstLink[];
}

export interface AstSubgraph {
  kind: 'subgraph';
  span: Span;
  keywordSpan: Span;
  id?: { text: string; span: Span };
  title?: AstText;
  statements: AstStatement[];
  endSpan?: Span;
}

export interface AstStyle {
  kind: 'style';
  span: Span;
  id: string;
  idSpan: Span;
  styles: string[];
}
export interface AstClassDef {
  kind: 'classDef';
  span: Span;
  names: string;
  namesSpan: Span;
  styles: string[];
}
export interface AstClass {
  kind: 'class';
  span: Span;
  ids: string;
  idsSpan: Span;
  className: string;
  classNameSpan: Span;
}
export interface AstLinkStyle {
  kind: 'linkStyle';
  span: Span;
  /** `'default'` or the indices as written. */
  targets: { value: string; span: Span }[];
  interpolate?: string;
  styles?: string[];
}
export interface AstClick {
  kind: 'click';
  span: Span;
  id: string;
  idSpan: Span;
  callback?: string;
  callbackArgs?: string;
  href?: string;
  tooltip?: string;
  target?: string;
}
export interface AstDirection {
  kind: 'direction';
  span: Span;
  value: string;
}
export interface AstAcc {
  kind: 'accTitle' | 'accDescr';
  span: Span;
  value: string;
}

export type AstStatement =
  | AstVertexStatement
  | AstSubgraph
  | AstStyle
  | AstClassDef
  | AstClass
  | AstLinkStyle
  | AstClick
  | AstDirection
  | AstAcc;

export interface FlowchartAst {
  type: 'flowchart';
  span: Span;
  frontMatter?: { span: Span; title?: string };
  header: { keyword: string; keywordSpan: Span; direction: string | null; directionSpan?: Span } | null;
  statements: AstStatement[];
}

export interface FlowchartParseResult {
  ast: FlowchartAst;
  graph: FlowGraph;
  /** Empty exactly when mermaid.parse accepts the text. */
  errors: FlowchartError[];
  /** Surprising-but-accepted constructs. */
  hints: FlowchartHint[];
}
