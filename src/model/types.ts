import type { Point, Position } from './position.js';

/**
 * The canonical model of one document. Plain data: it survives
 * `JSON.parse(JSON.stringify(model))` unchanged, and every part of it carries
 * its exact position in the file.
 */
export interface DocumentModel {
  /** Schema version of this JSON shape; bumped on incompatible changes. */
  version: 1;
  /** The path given to the parser, or null. */
  path: string | null;
  /** `markdown` for Markdown files, `mermaid` for whole `.mmd`/`.mermaid` files. */
  kind: 'markdown' | 'mermaid';
  /** True when the source started with a UTF-8 byte order mark (removed before parsing). */
  bom: boolean;
  /** The line ending used by most lines. */
  lineEnding: '\n' | '\r\n' | '\r';
  /** Number of lines in the file. */
  lineCount: number;
  /** YAML front matter at the very top of a Markdown file, if any. */
  frontMatter: FrontMatter | null;
  sections: Section[];
  tables: Table[];
  lists: List[];
  diagrams: Diagram[];
  /** Links and images, with their destinations as written. */
  links: Link[];
  /** Named things, keyed by their normalised form. */
  names: Name[];
  /** HTML comments in the Markdown and `%%` comment lines in diagrams, with any mermaid-lint directive they carry. */
  comments: Comment[];
}

/** A comment, and the mermaid-lint directive in it if it holds one. */
export interface Comment {
  /** `html` for `<!-- … -->` in Markdown, `mermaid` for a `%%` line inside a diagram. */
  kind: 'html' | 'mermaid';
  /** The comment's text without its markers, trimmed. */
  text: string;
  /** The diagram it is in, for `mermaid` comments. */
  diagram: number | null;
  position: Position;
  directive: Directive | null;
}

/**
 * `mermaid-lint-disable rule-a, rule-b -- reason`, `mermaid-lint-enable`,
 * `mermaid-lint-disable-line`, `mermaid-lint-disable-next-line`,
 * `mermaid-lint-disable-file`, and the `mermaid-lint <name>: <args>` form
 * other features use (`mermaid-lint view-of: Overview`).
 */
export interface Directive {
  name: string;
  /** Rule ids for the disable/enable family; empty means every rule. */
  rules: string[];
  /** The text after the name (after the colon for the `name:` form). */
  args: string;
  /** The text after ` -- `, if any. */
  reason: string | null;
}

export interface FrontMatter {
  /** The YAML text between the `---` lines. */
  value: string;
  position: Position;
}

/** A heading and the part of the document it governs. */
export interface Section {
  index: number;
  /** 1 to 6. */
  depth: number;
  /** The heading's Markdown source without the `#` marks, as written. */
  raw: string;
  /** Plain text: emphasis, code marks and a leading emoji removed. */
  text: string;
  /** The GitHub-style anchor (slug) of the heading, unique within the document. */
  slug: string;
  /** Index of the enclosing section (the nearest shallower heading before it), or null. */
  parent: number | null;
  /** Position of the heading line. */
  position: Position;
  /** From the heading to the start of the next heading of the same or lower depth. */
  extent: Position;
}

export interface Cell {
  /** The cell's Markdown source, trimmed. */
  raw: string;
  /** Plain text with emphasis removed. */
  text: string;
  position: Position;
}

export interface Table {
  index: number;
  /** Innermost section containing the table, or null before the first heading. */
  section: number | null;
  align: ('left' | 'right' | 'center' | null)[];
  header: Cell[];
  rows: Cell[][];
  position: Position;
}

export interface List {
  index: number;
  section: number | null;
  ordered: boolean;
  /** First number of an ordered list, else null. */
  start: number | null;
  /** 0 for a top-level list, 1 for a list inside an item, ... */
  depth: number;
  /** For nested lists: the list and item that contain it. */
  parent: { list: number; item: number } | null;
  items: ListItem[];
  position: Position;
}

export interface ListItem {
  /** Plain text of the item's own paragraphs (nested lists excluded). */
  text: string;
  /** Checkbox state of a task list item, or null. */
  checked: boolean | null;
  /** The "label: members" reading of items such as `**Data Prep:** Pandas, PySpark`. */
  labelled: LabelledItem | null;
  position: Position;
}

export interface LabelledItem {
  label: string;
  labelPosition: Position;
  members: { text: string; position: Position }[];
}

/** How a diagram block is written in the file. */
export type DiagramContainer = 'fence' | 'azure' | 'file';

/**
 * Maps a diagram text line to the file: `lines[i]` is the file point at which
 * line `i` of the diagram text (0-based, split at line endings) starts.
 */
export type LineMap = Point[];

export interface Diagram {
  index: number;
  section: number | null;
  container: DiagramContainer;
  /** The fence's info string (`mermaid theme=dark`), or the Azure marker; empty for files. */
  info: string;
  /** Diagram type as mermaid detects it (`flowchart-v2`, `sequence`, ...), or null if unknown. */
  type: string | null;
  /** Header keyword as written (`graph`, `sequenceDiagram`, ...), or null. */
  keyword: string | null;
  /** File position of the header keyword, when there is one. */
  keywordPosition: Position | null;
  /** The diagram text exactly as mermaid receives it. */
  source: string;
  /** Where the diagram text starts and ends in the file (not the fence). */
  position: Position;
  /** The whole block including its fences. */
  blockPosition: Position;
  /** See {@link LineMap}. */
  lineMap: LineMap;
  /**
   * What mermaid would say about the diagram: [] when it would accept it, else
   * the problems with their file positions. Null until the diagram has been
   * checked (types mermaid-lint does not parse itself are checked asynchronously).
   */
  errors: DiagramError[] | null;
  /** Flowcharts only: the graph mermaid would build, with file positions. */
  flowchart?: FlowchartModel;
}

/** A flowchart's graph as the model carries it: mermaid's semantics, file positions. */
export interface FlowchartModel {
  /** Normalised direction (`TB`, `BT`, `LR`, `RL`), or null. */
  direction: string | null;
  /** Vertices in mermaid's order (first seen). */
  nodes: FlowNode[];
  edges: FlowEdgeModel[];
  /** Subgraphs in mermaid's order (inner before outer). */
  subgraphs: FlowSubgraphModel[];
  /** `classDef` names with their styles. */
  classDefs: Record<string, string[]>;
  /** Each class name a `classDef` statement defines, where it is written. */
  classDefinitions: { name: string; styles: string[]; position: Position }[];
  /** Each class a node is given by `class ids name` or `id:::name`, where the name is written. */
  classUses: { name: string; node: string; position: Position }[];
  /** Surprising constructs mermaid accepts (an id that swallowed an edge end, ...). */
  hints: { code: string; message: string; position: Position }[];
  /** `click` tooltips by node id. */
  tooltips: Record<string, string>;
  /** `linkStyle default …`. */
  linkStyleDefault: { defaultStyle?: string[]; defaultInterpolate?: string } | null;
  accTitle: string | null;
  accDescr: string | null;
  /** The front matter's `title`. */
  title: string | null;
}

export interface FlowNode {
  id: string;
  /** The text mermaid shows (the id when the node has no label). */
  label: string;
  labelType: 'text' | 'string' | 'markdown';
  /** Shape name as mermaid stores it (`square`, `round`, `diamond`, ... or an `@{ shape }` name); null for a bare id. */
  shape: string | null;
  classes: string[];
  /** The first occurrence of the id. */
  position: Position;
  /** The label text of the occurrence that set the label, if any. */
  labelPosition: Position | null;
  /** From `style`, `click`, `@{ … }` and the like, as mermaid keeps them. */
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
}

export interface FlowEdgeModel {
  /** mermaid's edge id (`L_A_B_0`) or the user's (`e1@-->`). */
  id: string;
  from: string;
  to: string;
  label: string;
  /** `arrow_point`, `arrow_open`, `arrow_cross`, `arrow_circle`, or `double_…`. */
  arrow: string;
  stroke: 'normal' | 'thick' | 'dotted' | 'invisible' | string;
  length: number;
  labelType: 'text' | 'string' | 'markdown';
  /** The link operator and its label. */
  position: Position;
  labelPosition: Position | null;
  /** An id given in the text (`e1@-->`), not generated. */
  isUserDefinedId?: boolean;
  classes?: string[];
  /** From `linkStyle`. */
  style?: string[];
  interpolate?: string;
  animate?: boolean;
  animation?: string;
  step?: number;
}

export interface FlowSubgraphModel {
  id: string;
  label: string;
  labelType: 'text' | 'string' | 'markdown';
  classes?: string[];
  /** Member node (and subgraph) ids as mermaid lists them. */
  nodes: string[];
  direction: string | null;
  position: Position;
}

export interface DiagramError {
  message: string;
  /** `syntax`: the grammar rejects it; `semantic`: it parses but mermaid rejects the graph; `unknown-diagram`: no diagram type. */
  kind: 'syntax' | 'semantic' | 'unknown-diagram';
  position: Position;
}

export interface Link {
  kind: 'link' | 'image' | 'definition';
  url: string;
  /** Alt text of images, text of links. */
  text: string;
  position: Position;
}

/** What kind of place a name was mentioned in. */
export type MentionKind = 'table' | 'list' | 'heading' | 'diagram';

/** How a mention relates to the name it mentions. */
export type MentionRole = 'name' | 'alias' | 'part' | 'alternative';

export interface Mention {
  /** The text as written at this place (plain, emphasis removed). */
  text: string;
  kind: MentionKind;
  role: MentionRole;
  position: Position;
  /** Where it came from: table and row, list and item, section, or diagram and node id. */
  ref: MentionRef;
}

export type MentionRef =
  | { kind: 'table'; table: number; row: number }
  | { kind: 'list'; list: number; item: number }
  | { kind: 'heading'; section: number }
  | { kind: 'diagram'; diagram: number; node: string };

export interface Name {
  /** Normalised key (see `normalizeName`); unique within the model. */
  key: string;
  /** Display form: the first declared spelling. */
  name: string;
  /** Other names for the same thing: `KServe (KFServing)` gives alias KFServing. */
  aliases: string[];
  /** Components listed in parentheses: `ELK Stack (Elasticsearch, Logstash, Kibana)`. */
  parts: string[];
  /** Set when the name is listed as an alternative (`*(Alt: Seaborn / Plotly)*`): the name it is an alternative to, if known. */
  alternativeTo: string | null;
  /** True when a table row or list member declares it (not only mentioned in a diagram or heading). */
  declared: boolean;
  mentions: Mention[];
}
