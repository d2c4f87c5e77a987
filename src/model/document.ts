import { diagramComments } from '../markdown/comments.js';
import { extractBlocks, mapContentLines, type RawDiagram } from '../markdown/blocks.js';
import { LineIndex } from '../markdown/lines.js';
import { parseMarkdownFast } from '../markdown/fast/block.js';
import { parseMarkdown } from '../markdown/parse.js';
import { detectDiagramType } from '../mermaid/detect.js';
import { buildFlowchart, FLOWCHART_TYPES } from './flowchart.js';
import { NameIndex } from './names.js';
import { DiagramSourceMap } from './source-map.js';
import type { Diagram, DocumentModel } from './types.js';

export interface ParseOptions {
  /** The file's path: recorded in the model, and `.mmd`/`.mermaid` files are read as one diagram. */
  path?: string;
  /** Force how the text is read instead of going by the path's extension. */
  kind?: 'markdown' | 'mermaid';
  /**
   * `'lazy'` (the default): a Markdown text that cannot hold a diagram, table, list,
   * link, comment or front matter (see {@link needsSyntaxTree}) is not parsed unless its
   * headings are read. `'eager'` always parses. Both give the same model.
   */
  tree?: 'lazy' | 'eager';
  /**
   * `'fast'` (the default): Markdown that the fast reader handles exactly is read by it,
   * the rest by micromark. `'micromark'` always uses micromark. Both give the same model.
   */
  reader?: 'fast' | 'micromark';
}

const MERMAID_FILE = /\.(mmd|mermaid)$/i;

/** True when a path names a whole-file Mermaid diagram. */
export function isMermaidPath(path: string): boolean {
  return MERMAID_FILE.test(path);
}

/**
 * Builds the document model of a Markdown (or whole-file Mermaid) text.
 * Never throws on any string: malformed Markdown is still Markdown.
 */
export function parseDocument(source: string, options: ParseOptions = {}): DocumentModel {
  const bom = source.charCodeAt(0) === 0xfeff;
  const text = bom ? source.slice(1) : source;
  const path = options.path ?? null;
  const kind = options.kind ?? (path && isMermaidPath(path) ? 'mermaid' : 'markdown');
  const lines = new LineIndex(text);

  const model: DocumentModel = {
    version: 1,
    path,
    kind,
    bom,
    lineEnding: dominantLineEnding(text),
    lineCount: countLines(text),
    frontMatter: null,
    sections: [],
    tables: [],
    lists: [],
    diagrams: [],
    links: [],
    names: [],
    comments: [],
  };

  if (kind === 'mermaid') {
    const raw: RawDiagram = {
      container: 'file',
      info: '',
      source: text,
      lineMap: mapContentLines(text, 1, lines),
      blockPosition: { start: lines.point(0), end: lines.point(text.length) },
      section: null,
    };
    model.diagrams.push(buildDiagram(raw, 0));
    model.comments = diagramComments(model.diagrams[0] as Diagram);
    return model;
  }

  if (options.tree !== 'eager' && !needsSyntaxTree(text)) {
    // Prose and headings only: every other part is empty. The headings are parsed when read.
    let sections: DocumentModel['sections'] | undefined;
    Object.defineProperty(model, 'sections', {
      enumerable: true,
      configurable: true,
      get: () => (sections ??= extractBlocks(markdownTree(text, lines, options.reader), lines).sections),
      set: (value: DocumentModel['sections']) => {
        sections = value;
      },
    });
    return model;
  }

  const blocks = extractBlocks(markdownTree(text, lines, options.reader), lines);
  model.frontMatter = blocks.frontMatter;
  model.sections = blocks.sections;
  model.tables = blocks.tables;
  model.lists = blocks.lists;
  model.links = blocks.links;
  model.diagrams = blocks.diagrams.map(buildDiagram);
  model.comments = [...blocks.comments, ...model.diagrams.flatMap(diagramComments)].sort(
    (a, b) => a.position.start.offset - b.position.start.offset,
  );

  const names = new NameIndex(lines);
  names.addTables(model.tables);
  names.addLists(model.lists);
  names.addDiagrams(model.diagrams);
  // Last: a heading may name something only a diagram shows (`## Cubeflow Pipelines`).
  names.addHeadings(model.sections);
  model.names = names.names;
  return model;
}

/** The mdast of a Markdown text: the fast reader's where it applies, else micromark's. */
function markdownTree(text: string, lines: LineIndex, reader: ParseOptions['reader']): ReturnType<typeof parseMarkdown> {
  let fast: ReturnType<typeof parseMarkdown> | null = null;
  if (reader !== 'micromark') {
    try {
      fast = parseMarkdownFast(text, lines);
    } catch {
      // A fault of the fast reader (its tests look for these) must not cost the user the file: micromark reads it.
      fast = null;
    }
  }
  return fast ?? parseMarkdown(text);
}

/**
 * Characters and lines without which Markdown has no diagram (fences, `:::`),
 * table (`|`), link, image, definition or footnote (`[`, `<`, `://`, `www.`,
 * `@`), HTML or comment (`<`), front matter (`---` first) or list (a marker
 * line). A superset: a text may match and still have none.
 */
const MAY_HOLD_BLOCKS = /```|~~~|:::|[|[<@]|:\/\/|www\.|^(?:[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$))/m;

/**
 * Whether building the model of a Markdown text needs its syntax tree for
 * anything but headings: false for prose and headings alone.
 */
export function needsSyntaxTree(text: string): boolean {
  return text.startsWith('---') || MAY_HOLD_BLOCKS.test(text);
}

function buildDiagram(raw: RawDiagram, index: number): Diagram {
  const map = new DiagramSourceMap(raw.source, raw.lineMap);
  const detected = detectDiagramType(raw.source);
  const diagram: Diagram = {
    index,
    section: raw.section,
    container: raw.container,
    info: raw.info,
    type: detected.type,
    keyword: detected.keyword,
    keywordPosition: detected.keywordSpan ? map.position(detected.keywordSpan) : null,
    source: raw.source,
    position: map.position({ start: 0, end: raw.source.length }),
    blockPosition: raw.blockPosition,
    lineMap: raw.lineMap,
    errors: null,
  };
  if (detected.type && FLOWCHART_TYPES.has(detected.type)) {
    const built = buildFlowchart(raw.source, map);
    if (built) {
      diagram.errors = built.errors;
      diagram.flowchart = built.flowchart;
    }
  }
  return diagram;
}

function dominantLineEnding(text: string): '\n' | '\r\n' | '\r' {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/** Lines as editors count them: a final line ending ends the last line rather than starting a new one. */
function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? n - 1 : n;
}
