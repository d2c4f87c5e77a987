import GithubSlugger from 'github-slugger';
import type { Code, Heading, List as MdList, ListItem as MdListItem, Nodes, Paragraph, PhrasingContent, Root, Table as MdTable } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Cell, Comment, DiagramContainer, FrontMatter, LabelledItem, Link, List, ListItem, Section, Table } from '../model/types.js';
import type { Point, Position } from '../model/position.js';
import { isMojibakeSymbol } from '../text/cp1252.js';
import { splitTopLevel } from '../text/split.js';
import { htmlComments } from './comments.js';
import type { LineIndex } from './lines.js';

/** A Mermaid block found in the Markdown, before its type is detected. */
export interface RawDiagram {
  container: DiagramContainer;
  info: string;
  source: string;
  /** File point where each line of `source` starts. */
  lineMap: Point[];
  blockPosition: Position;
  section: number | null;
}

/** Everything the Markdown layer extracts, in document order. */
export interface Blocks {
  frontMatter: FrontMatter | null;
  sections: Section[];
  tables: Table[];
  lists: List[];
  diagrams: RawDiagram[];
  links: Link[];
  comments: Comment[];
}

type UnistPosition = { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };

const MERMAID_LANG = /^mermaid$/i;
const AZURE_OPEN = /^ {0,3}:::[ \t]*mermaid[ \t]*$/i;
const AZURE_CLOSE = /^ {0,3}:::[ \t]*$/;

/**
 * Walks mdast once, in document order, and collects sections, tables, lists,
 * diagrams and links with file positions.
 */
export function extractBlocks(tree: Root, lines: LineIndex): Blocks {
  const source = lines.text;
  const toPos = (p: UnistPosition | undefined): Position => {
    if (!p) return { start: lines.point(0), end: lines.point(0) };
    return { start: lines.point(p.start.offset ?? 0), end: lines.point(p.end.offset ?? 0) };
  };
  const span = (start: number, end: number): Position => ({ start: lines.point(start), end: lines.point(end) });

  const blocks: Blocks = { frontMatter: null, sections: [], tables: [], lists: [], diagrams: [], links: [], comments: [] };
  const slugger = new GithubSlugger();
  const codeRanges: [number, number][] = [];
  // Index of the innermost open section at each heading depth.
  const open: (number | undefined)[] = [];
  let current: number | null = null;

  const closeSections = (depth: number, at: number): void => {
    for (let d = depth; d <= 6; d++) {
      const idx = open[d];
      if (idx !== undefined) {
        const s = blocks.sections[idx];
        if (s) s.extent.end = lines.point(at);
        open[d] = undefined;
      }
    }
  };

  const onHeading = (node: Heading): void => {
    const pos = toPos(node.position);
    closeSections(node.depth, pos.start.offset);
    let parent: number | null = null;
    for (let d = node.depth - 1; d >= 1; d--) {
      const idx = open[d];
      if (idx !== undefined) {
        parent = idx;
        break;
      }
    }
    const first = node.children[0]?.position;
    const last = node.children[node.children.length - 1]?.position;
    const raw = first && last ? source.slice(first.start.offset ?? 0, last.end.offset ?? 0) : '';
    const index = blocks.sections.length;
    blocks.sections.push({
      index,
      depth: node.depth,
      raw,
      text: headingText(node),
      slug: slugger.slug(visibleText(node)),
      parent,
      position: pos,
      extent: { start: pos.start, end: lines.point(source.length) },
    });
    open[node.depth] = index;
    current = index;
  };

  const onTable = (node: MdTable): void => {
    const cellOf = (c: MdTable['children'][number]['children'][number]): Cell => {
      const start = c.position?.start.offset ?? 0;
      const end = c.position?.end.offset ?? start;
      const [s, e] = trimCell(source, start, end);
      return { raw: source.slice(s, e), text: toString(c).trim(), position: span(s, e) };
    };
    const [head, ...body] = node.children;
    blocks.tables.push({
      index: blocks.tables.length,
      section: current,
      align: (node.align ?? []).map((a) => a ?? null),
      header: head ? head.children.map(cellOf) : [],
      rows: body.map((r) => r.children.map(cellOf)),
      position: toPos(node.position),
    });
  };

  const onList = (node: MdList, depth: number, parent: List['parent']): number => {
    const index = blocks.lists.length;
    const list: List = {
      index,
      section: current,
      ordered: node.ordered === true,
      start: node.ordered ? (node.start ?? 1) : null,
      depth,
      parent,
      items: [],
      position: toPos(node.position),
    };
    blocks.lists.push(list);
    node.children.forEach((item, i) => {
      list.items.push(listItem(item, source, span, toPos));
      for (const child of item.children) {
        if (child.type === 'list') onList(child, depth + 1, { list: index, item: i });
        else visit(child, depth + 1, { list: index, item: i });
      }
    });
    return index;
  };

  const onCode = (node: Code): void => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    codeRanges.push([start, end]);
    if (!node.lang || !MERMAID_LANG.test(node.lang)) return;
    const startLine = node.position?.start.line ?? 1;
    blocks.diagrams.push({
      container: 'fence',
      info: node.meta ? `${node.lang} ${node.meta}` : node.lang,
      source: node.value,
      lineMap: mapContentLines(node.value, startLine + 1, lines),
      blockPosition: span(start, end),
      section: current,
    });
  };

  const visit = (node: Nodes, listDepth: number, listParent: List['parent']): void => {
    switch (node.type) {
      case 'yaml':
        if (node.position?.start.offset === 0) blocks.frontMatter = { value: node.value, position: toPos(node.position) };
        return;
      case 'heading':
        onHeading(node);
        break;
      case 'table':
        onTable(node);
        break;
      case 'list':
        onList(node, listDepth, listParent);
        return;
      case 'code':
        onCode(node);
        return;
      case 'html':
        if (node.value.includes('<!--')) blocks.comments.push(...htmlComments(node.value, node.position?.start.offset ?? 0, lines));
        return;
      case 'link':
      case 'image':
      case 'definition': {
        const text = node.type === 'image' ? (node.alt ?? '') : node.type === 'link' ? toString(node) : node.label ?? node.identifier;
        blocks.links.push({ kind: node.type, url: node.url, text, position: toPos(node.position) });
        break;
      }
      default:
        break;
    }
    if ('children' in node) {
      placeUnpositionedLinks(node.children as Nodes[], node.position?.start.offset ?? 0, node.position?.end.offset ?? source.length, source);
      for (const child of node.children) visit(child as Nodes, listDepth, listParent);
    }
  };

  for (const child of tree.children) visit(child, 0, null);

  if (source.includes(':::')) addAzureBlocks(blocks, lines, codeRanges, span);
  return blocks;
}

/**
 * GFM's autolink-literal transform (run on the tree after parsing) makes links
 * without positions. Each is placed where its text occurs in the source
 * between its positioned neighbours; one whose text is not found verbatim
 * (an entity in it, say) keeps no position.
 */
function placeUnpositionedLinks(children: Nodes[], from: number, to: number, source: string): void {
  let cursor = from;
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as Nodes;
    if (child.position) {
      cursor = child.position.end.offset ?? cursor;
      continue;
    }
    if (child.type !== 'link') continue;
    const text = toString(child);
    let limit = to;
    for (let k = i + 1; k < children.length; k++) {
      const next = children[k]?.position?.start.offset;
      if (next !== undefined) {
        limit = next;
        break;
      }
    }
    const at = text ? source.indexOf(text, cursor) : -1;
    if (at < 0 || at + text.length > limit) continue;
    const start = { line: 0, column: 0, offset: at };
    const end = { line: 0, column: 0, offset: at + text.length };
    child.position = { start, end };
    cursor = at + text.length;
  }
}

/**
 * The text GitHub makes a heading's anchor from: what a reader sees, without
 * raw HTML tags or image alt text (`## Foo <sup>1</sup>` → `foo-1`).
 */
function visibleText(node: Nodes): string {
  if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(visibleText).join('');
  return '';
}

/** A heading's plain text: emphasis removed and a leading emoji (or emoji mangled by a wrong charset) dropped. */
function headingText(node: Heading): string {
  const text = toString(node).trim();
  return stripLeadingEmoji(text);
}

const LEADING_EMOJI = /^(?:[\p{Extended_Pictographic}\p{So}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u200d\ufe0f\u20e3])+\s*/u;

/** Removes a leading emoji, or a leading token that is an emoji decoded with the wrong charset. */
export function stripLeadingEmoji(text: string): string {
  const m = LEADING_EMOJI.exec(text);
  if (m) return text.slice(m[0].length);
  const space = text.search(/\s/);
  if (space > 0 && isMojibakeSymbol(text.slice(0, space))) return text.slice(space).trimStart();
  return text;
}

/** Trims the pipe and blanks around a GFM table cell's source. */
function trimCell(source: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  if (source.charCodeAt(s) === 124 /* | */) s++;
  if (e > s && source.charCodeAt(e - 1) === 124 && source.charCodeAt(e - 2) !== 92 /* \ */) e--;
  while (s < e && (source.charCodeAt(s) === 32 || source.charCodeAt(s) === 9)) s++;
  while (e > s && (source.charCodeAt(e - 1) === 32 || source.charCodeAt(e - 1) === 9)) e--;
  return [s, e];
}

/**
 * File point of the first character of each content line. `value` is the
 * content with container prefixes and fence indentation removed; each of its
 * lines is a suffix of the matching file line, except where a tab in the
 * indentation was expanded to spaces. There, characters after the indentation
 * still map exactly and the indentation maps onto the tab.
 */
export function mapContentLines(value: string, firstLine: number, lines: LineIndex): Point[] {
  const out: Point[] = [];
  const valueLines = value.split(/\r\n|\r|\n/);
  for (let i = 0; i < valueLines.length; i++) {
    const line = firstLine + i;
    const v = valueLines[i] as string;
    const fileText = lines.lineText(line);
    const lineStart = lines.starts[line - 1] ?? lines.text.length;
    let col: number;
    if (fileText.endsWith(v)) col = fileText.length - v.length;
    else {
      const body = v.trimStart();
      const lead = v.length - body.length;
      col = fileText.endsWith(body) ? Math.max(0, fileText.length - body.length - lead) : 0;
    }
    out.push({ line, column: col + 1, offset: lineStart + col });
  }
  return out;
}

function listItem(
  item: MdListItem,
  source: string,
  span: (s: number, e: number) => Position,
  toPos: (p: UnistPosition | undefined) => Position,
): ListItem {
  const own = item.children.filter((c) => c.type !== 'list');
  const text = own.map((c) => toString(c)).join(' ').trim();
  const first = own[0];
  const labelled = first && first.type === 'paragraph' ? labelledReading(first, source, span) : null;
  return { text, checked: item.checked ?? null, labelled, position: toPos(item.position) };
}

const MAX_MEMBER_WORDS = 5;

/**
 * Reads `**Label:** a, b, c` (or `Label: a, b, c` when every member is short)
 * as a label and its members, with positions.
 */
function labelledReading(p: Paragraph, source: string, span: (s: number, e: number) => Position): LabelledItem | null {
  const start = p.position?.start.offset;
  const end = p.position?.end.offset;
  if (start === undefined || end === undefined) return null;
  const text = toString(p);
  const colon = text.indexOf(':');
  if (colon <= 0 || colon > 80) return null;
  const label = text.slice(0, colon).trim();
  const rest = text.slice(colon + 1);
  if (!label || !rest.trim()) return null;
  const emphasised = isEmphasis(p.children[0]) && toString(p.children[0] as PhrasingContent).includes(':');
  const members = splitTopLevel(rest, ',')
    .map((m) => m.trim().replace(/[.;]$/, '').trim())
    .filter((m) => m.length > 0);
  if (!emphasised) {
    if (members.length < 2 || members.some((m) => m.split(/\s+/).length > MAX_MEMBER_WORDS)) return null;
  }
  // Locate each piece in the source, scanning forwards so repeated words map in order.
  const raw = source.slice(start, end);
  const labelAt = raw.indexOf(label);
  let cursor = labelAt >= 0 ? labelAt + label.length : 0;
  const located = members.map((m) => {
    const at = raw.indexOf(m, cursor);
    if (at < 0) return { text: m, position: span(start, end) };
    cursor = at + m.length;
    return { text: m, position: span(start + at, start + at + m.length) };
  });
  return {
    label,
    labelPosition: labelAt >= 0 ? span(start + labelAt, start + labelAt + label.length) : span(start, end),
    members: located,
  };
}

function isEmphasis(node: PhrasingContent | undefined): boolean {
  return node !== undefined && (node.type === 'strong' || node.type === 'emphasis');
}

/**
 * Azure DevOps wiki blocks: `::: mermaid` … `:::`. CommonMark reads them as
 * paragraphs, so they are found on the source lines, outside code blocks, and
 * whatever mdast made of their content is dropped.
 */
function addAzureBlocks(
  blocks: Blocks,
  lines: LineIndex,
  codeRanges: [number, number][],
  span: (s: number, e: number) => Position,
): void {
  const inCode = (offset: number): boolean => codeRanges.some(([s, e]) => offset >= s && offset < e);
  const found: RawDiagram[] = [];
  for (let line = 1; line <= lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (!AZURE_OPEN.test(text)) continue;
    const openOffset = lines.starts[line - 1] as number;
    if (inCode(openOffset)) continue;
    let close = line + 1;
    while (close <= lines.lineCount && !AZURE_CLOSE.test(lines.lineText(close))) close++;
    const firstContent = line + 1;
    const lastContent = Math.min(close - 1, lines.lineCount);
    const contentStart = lines.starts[firstContent - 1] ?? lines.text.length;
    const contentEnd = lastContent >= firstContent ? lines.lineEnd(lastContent) : contentStart;
    const blockEnd = close <= lines.lineCount ? lines.lineEnd(close) : lines.text.length;
    const value = lines.text.slice(contentStart, contentEnd);
    found.push({
      container: 'azure',
      info: text.trim(),
      source: value,
      lineMap: mapContentLines(value, firstContent, lines),
      blockPosition: span(openOffset, blockEnd),
      section: sectionAt(blocks.sections, openOffset),
    });
    line = close;
  }
  if (found.length === 0) return;
  const inside = (p: Position): boolean =>
    found.some((d) => p.start.offset >= d.blockPosition.start.offset && p.start.offset < d.blockPosition.end.offset);
  blocks.tables = blocks.tables.filter((t) => !inside(t.position)).map((t, i) => ({ ...t, index: i }));
  blocks.lists = blocks.lists.filter((l) => !inside(l.position)).map((l, i) => ({ ...l, index: i }));
  blocks.links = blocks.links.filter((l) => !inside(l.position));
  blocks.comments = blocks.comments.filter((c) => !inside(c.position));
  blocks.diagrams = [...blocks.diagrams, ...found].sort((a, b) => a.blockPosition.start.offset - b.blockPosition.start.offset);
}

/** Innermost section whose heading starts before `offset`. */
function sectionAt(sections: Section[], offset: number): number | null {
  let found: number | null = null;
  for (const s of sections) {
    if (s.position.start.offset <= offset) found = s.index;
    else break;
  }
  return found;
}
