import type {
  Blockquote,
  Code,
  Definition,
  Heading,
  Html,
  List,
  ListItem,
  Paragraph,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
  Yaml,
} from 'mdast';
import { htmlBlockNames } from 'micromark-util-html-tag-name';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { LineIndex } from '../lines.js';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { Decline, mayNeedLiteralTransform, parseInline, type Segment } from './inline.js';

// ---------------------------------------------------------------------------
// A fast reader for the Markdown that documentation is mostly made of.
//
// micromark costs about the same per character whatever the constructs (its
// state machine and event lists are the cost, not any one construct), and the
// model needs a small part of what it builds. This reader follows CommonMark's
// block algorithm (containers matched line by line, then leaf blocks) and
// builds the mdast nodes the model reads, with the same positions. It declines
// — and the caller parses with micromark — on anything it does not handle
// exactly: tabs in indentation, footnotes, GFM strikethrough and literal
// autolinks, multi-line link definitions, tables that are not plain, and more
// (see `Decline` throws). Tests compare its models with micromark's on the
// whole corpus and on random texts.
// ---------------------------------------------------------------------------

interface Line {
  start: number;
  /** End of the line's text, before its line ending. */
  end: number;
  /** Start of the next line (after the line ending). */
  next: number;
}

type ContainerKind = 'root' | 'blockquote' | 'item';

interface Container {
  kind: ContainerKind;
  children: RootContent[];
  /** Item: column (offset from the line start) its content starts at. */
  indent: number;
  /** Item: began with a blank line after its marker. */
  startedBlank: boolean;
  start: number;
  /** End offset of the last content that belongs to this container. */
  end: number;
  node: Blockquote | ListItem | Root;
  /** Item: the list it belongs to. */
  list?: ListState;
}

interface ListState {
  node: List;
  /** `-`, `+`, `*`, `.` or `)`. */
  marker: string;
}

type Leaf =
  | { kind: 'paragraph'; segments: Segment[]; container: Container; task?: number }
  | { kind: 'fenced'; node: Code; marker: number; fenceLength: number; indent: number; container: Container; lines: [number, number][]; eols: string[]; closed: boolean }
  | { kind: 'html'; container: Container; endCondition: number; start: number; lines: [number, number][]; eols: string[]; closed: boolean }
  | { kind: 'table'; container: Container; node: Table }
  | { kind: 'indented'; container: Container; start: number; lines: [number, number][]; eols: string[]; blanks: [number, number, string][] };

const SPACE = 32;
/** Length of each HTML block kind's opening marker (`<!--`, `<?`, `<!`, `<![CDATA[`). */
const HTML_OPENER_LENGTH: Record<number, number> = { 2: 4, 3: 2, 4: 2, 5: 9 };
const TAB = 9;

/** Parses `text` (no byte order mark) into mdast, or returns null where the fast reader does not apply. */
export function parseMarkdownFast(text: string, lines: LineIndex): Root | null {
  try {
    return new BlockParser(text, lines).parse();
  } catch (e) {
    if (e instanceof Decline) {
      lastDecline = e.message;
      return null;
    }
    throw e;
  }
}

let lastDecline: string | null = null;

/** Why the last text the fast reader declined was declined (for tests and coverage reports). */
export function lastDeclineReason(): string | null {
  return lastDecline;
}

class BlockParser {
  private readonly text: string;
  private readonly lines: LineIndex;
  private readonly root: Root = { type: 'root', children: [] };
  private readonly stack: Container[];
  private leaf: Leaf | null = null;
  /** Paragraphs (and headings, cells) whose inline content is parsed once definitions are known. */
  private readonly inlines: { node: Paragraph | Heading | TableCell; segments: Segment[]; task?: boolean; cell?: boolean }[] = [];
  private readonly definitions = new Set<string>();
  /** Where the line after each definition starts. */
  private readonly definitionEnds = new Set<number>();
  private definitionNext = -1;

  constructor(text: string, lines: LineIndex) {
    this.text = text;
    this.lines = lines;
    const rootContainer: Container = {
      kind: 'root',
      children: this.root.children,
      indent: 0,
      startedBlank: false,
      start: 0,
      end: 0,
      node: this.root,
    };
    this.stack = [rootContainer];
  }

  parse(): Root {
    const text = this.text;
    if (text.includes('\0')) throw new Decline('NUL');
    let at = 0;
    if (text.startsWith('---')) at = this.frontMatter();
    const starts = this.lines.starts;
    for (let i = this.lines.lineOf(at); i < starts.length; i++) {
      const start = starts[i] as number;
      if (start < at) continue;
      const next = i + 1 < starts.length ? (starts[i + 1] as number) : text.length;
      let end = next;
      if (end > start && text.charCodeAt(end - 1) === 10) end--;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      if (start === text.length && i > 0) break;
      this.line({ start, end, next });
    }
    this.closeLeaf();
    while (this.stack.length > 1) this.closeContainer();
    this.root.position = this.position(0, text.length);
    let literals = false;
    for (const { node, segments, task, cell } of this.inlines) {
      node.children = parseInline(text, segments, this.definitions, this.lines, cell === true) as never;
      if (task) taskParagraph(node as Paragraph);
      if (!literals && mayNeedLiteralTransform(node.children)) literals = true;
    }
    // What micromark's literal tokenizers leave, GFM's transform finds in text afterwards: the same transform.
    if (literals) literalTransform(this.root);
    return this.root;
  }

  private position(start: number, end: number): NonNullable<Root['position']> {
    return { start: this.lines.point(start), end: this.lines.point(end) };
  }

  /** YAML front matter (`---` … `---`). TOML (`+++`) is not front matter to our parser: plain text. */
  private frontMatter(): number {
    const text = this.text;
    const first = this.lines.lineText(1);
    if (!/^---[ \t]*$/.test(first)) return 0;
    for (let line = 2; line <= this.lines.lineCount; line++) {
      if (/^---[ \t]*$/.test(this.lines.lineText(line))) {
        const contentStart = this.lines.starts[1] as number;
        const closeStart = this.lines.starts[line - 1] as number;
        const closeEnd = this.lines.lineEnd(line);
        let valueEnd = closeStart;
        if (valueEnd > contentStart && text.charCodeAt(valueEnd - 1) === 10) valueEnd--;
        if (valueEnd > contentStart && text.charCodeAt(valueEnd - 1) === 13) valueEnd--;
        const value = line === 2 ? '' : text.slice(contentStart, valueEnd);
        const node: Yaml = { type: 'yaml', value, position: this.position(0, closeEnd) };
        this.root.children.push(node);
        return this.lines.starts[line] ?? text.length;
      }
    }
    // Unclosed: micromark reads the `---` as a thematic break (or setext underline).
    throw new Decline('unclosed front matter');
  }

  // -------------------------------------------------------------------------
  // Lines
  // -------------------------------------------------------------------------

  private line(line: Line): void {
    const text = this.text;
    let pos = line.start;
    const stack = this.stack;
    // 1. Which open containers does the line continue?
    let matched = 1;
    for (; matched < stack.length; matched++) {
      const c = stack[matched] as Container;
      const indent = this.spaces(pos, line.end);
      const blank = pos + indent === line.end;
      if (c.kind === 'blockquote') {
        if (indent <= 3 && text.charCodeAt(pos + indent) === 62 /* > */) {
          pos += indent + 1;
          if (text.charCodeAt(pos) === SPACE) pos++;
          else if (text.charCodeAt(pos) === TAB) throw new Decline('tab after >');
          // The prefix, its blank included, is part of the block quote; so are the blanks of an empty line.
          this.extendTo(c, /^[ ]*$/.test(text.slice(pos, line.end)) ? line.end : pos);
          continue;
        }
        break;
      }
      // List item.
      if (blank) {
        // Inside a block quote, blanks taken as an item's indent end up inside its list
        // (micromark's container exits); not modelled here.
        if (stack.slice(1, matched).some((x) => x.kind === 'blockquote')) throw new Decline('blank line in a quoted list');
        if (c.startedBlank && c.children.length === 0 && !this.leafIn(c)) break;
        const consumed = Math.min(indent, c.indent);
        pos += consumed;
        continue;
      }
      if (indent >= c.indent) {
        pos += c.indent;
        continue;
      }
      break;
    }
    const leaf = this.leaf;
    const allMatched = matched === stack.length;
    // micromark's "interrupt" flag (a new list item would interrupt a paragraph or indented
    // code) is reset on every line and set only on lines that continue every open container.
    this.interrupt = allMatched && (leaf?.kind === 'paragraph' || leaf?.kind === 'indented' || line.start === this.definitionNext);
    // 2. A fenced code or HTML block takes the line as it is.
    if (leaf && allMatched) {
      if (leaf.kind === 'fenced') {
        this.fencedLine(leaf, pos, line);
        return;
      }
      if (leaf.kind === 'html') {
        this.htmlLine(leaf, pos, line);
        return;
      }
      // Indented code goes on over blank lines and lines indented four or more.
      if (leaf.kind === 'indented' && this.indentedLine(leaf, pos, line)) return;
    }

    // 3. New container and leaf starts.
    let container = stack[matched - 1] as Container;
    let opened = false;
    const paragraphOpen = leaf?.kind === 'paragraph';
    // micromark's "content" (definitions, then a paragraph) goes on after a definition line.
    const contentOpen = paragraphOpen || (allMatched && line.start === this.definitionNext);
    if (line.start === this.definitionNext && /^[ ]*["'(]/.test(text.slice(pos, line.end))) throw new Decline('possible definition title on the next line');
    for (;;) {
      const indent = this.spaces(pos, line.end);
      const first = pos + indent;
      const code = text.charCodeAt(first);
      if (first === line.end) break;
      if (indent >= 4) {
        if (contentOpen && !opened) break; // lazy or plain continuation
        // micromark reads such a line in the closing containers' flow: not modelled.
        if (!allMatched && !opened) throw new Decline('indented code closing containers');
        this.closeUnmatched(matched);
        this.closeLeaf();
        const indented: Leaf = { kind: 'indented', container: stack[stack.length - 1] as Container, start: pos, lines: [], eols: [], blanks: [] };
        this.leaf = indented;
        this.indentedLine(indented, pos, line);
        return;
      }
      if (code === 62 /* > */) {
        this.closeUnmatched(matched);
        matched = stack.length + 1;
        this.closeLeaf();
        const bq: Blockquote = { type: 'blockquote', children: [] };
        container = this.openContainer('blockquote', bq, first, 0);
        opened = true;
        pos = first + 1;
        if (text.charCodeAt(pos) === SPACE) pos++;
        else if (text.charCodeAt(pos) === TAB) throw new Decline('tab after >');
        this.extendTo(container, /^[ ]*$/.test(text.slice(pos, line.end)) ? line.end : pos);
        continue;
      }
      if (code === 35 /* # */) {
        const h = this.atxHeading(first, line.end);
        if (h) {
          this.closeUnmatched(matched);
          this.closeLeaf();
          this.add(stack[stack.length - 1] as Container, h, first, h.position!.end.offset!);
          return;
        }
      }
      if (code === 96 /* ` */ || code === 126 /* ~ */) {
        if (this.fenceStart(matched, pos, indent, line)) return;
      }
      if (code === 60 /* < */) {
        const condition = this.htmlStart(first, line.end, contentOpen && !opened);
        if (!condition && !allMatched && !opened && this.htmlStart(first, line.end, false)) throw new Decline('HTML on a lazy line');
        if (condition) {
          this.closeUnmatched(matched);
          this.closeLeaf();
          const html: Leaf = { kind: 'html', container: stack[stack.length - 1] as Container, endCondition: condition, start: pos, lines: [], eols: [], closed: false };
          this.leaf = html;
          this.htmlLine(html, pos, line, true);
          return;
        }
      }
      if (paragraphOpen && !opened && allMatched && (code === 61 /* = */ || code === 45 /* - */) && /^(?:=+|-+)[ \t]*$/.test(text.slice(first, line.end))) {
        this.setext(first, line.end, code === 61 ? 1 : 2);
        return;
      }
      if ((code === 42 || code === 45 || code === 95) && isThematicBreak(text.slice(first, line.end))) {
        this.closeUnmatched(matched);
        this.closeLeaf();
        this.add(stack[stack.length - 1] as Container, { type: 'thematicBreak', position: this.position(first, line.end) }, first, line.end);
        return;
      }
      const item = this.listMarker(first, line.end, this.interrupt);
      if (item) {
        this.closeUnmatched(matched);
        matched = stack.length + 1;
        this.closeLeaf();
        container = this.openItem(item, first, indent);
        opened = true;
        pos = item.paragraphStart;
        if (item.blank) {
          pos = line.end;
          break;
        }
        if (item.checked !== null) {
          // micromark reads the check box as the start of the item's paragraph; its inline
          // content goes on from the blank after `]`.
          const p: Leaf = { kind: 'paragraph', segments: [], container, task: item.contentStart };
          this.leaf = p;
          this.paragraphLine(p, item.contentStart + 3, line, false);
          return;
        }
        continue;
      }
      break;
    }

    const indent = this.spaces(pos, line.end);
    const blank = pos + indent === line.end;

    // 4. Lazy paragraph continuation (after a definition, micromark's content takes it too: not modelled).
    if (!opened && !allMatched && !blank && line.start === this.definitionNext) throw new Decline('lazy line after a definition');
    if (!opened && !allMatched && !blank && this.leaf?.kind === 'paragraph') {
      // Continuation lines keep their indentation in the inline stream (code spans see it).
      this.paragraphLine(this.leaf, pos, line, true);
      return;
    }

    if (blank && !opened && !allMatched && stack.slice(1, matched).some((x) => x.kind === 'blockquote')) throw new Decline('blank line closing quoted containers');
    if (!opened) this.closeUnmatched(matched);
    container = stack[stack.length - 1] as Container;

    if (blank) {
      // A blank line ends the open leaf (fenced code and HTML blocks took theirs already).
      this.closeLeaf();
      return;
    }

    const current = this.leaf;
    if (current?.kind === 'table' && !opened) {
      this.tableRow(current, pos + indent, line);
      return;
    }
    if (current?.kind === 'paragraph' && !opened) {
      if (allMatched && this.tableStart(current, pos + indent, line, indent)) return;
      if (indent >= 4) this.deepLines.add(pos);
      this.paragraphLine(current, pos, line, false);
      return;
    }
    this.closeLeaf();
    if (this.definitionLine(container, pos + indent, line)) return;
    const p: Leaf = { kind: 'paragraph', segments: [], container };
    this.leaf = p;
    this.paragraphLine(p, pos + indent, line, false);
  }

  private leafIn(c: Container): boolean {
    return this.leaf !== null && this.leaf.container === c;
  }

  /** Spaces from `pos`; a tab before the first non-blank character declines. */
  private spaces(pos: number, end: number): number {
    let n = 0;
    while (pos + n < end) {
      const c = this.text.charCodeAt(pos + n);
      if (c === SPACE) n++;
      else if (c === TAB) throw new Decline('tab in indentation');
      else break;
    }
    return n;
  }

  // -------------------------------------------------------------------------
  // Containers
  // -------------------------------------------------------------------------

  private openContainer(kind: ContainerKind, node: Blockquote | ListItem, start: number, indent: number): Container {
    const parent = this.stack[this.stack.length - 1] as Container;
    const c: Container = {
      kind,
      children: node.children as RootContent[],
      indent,
      startedBlank: false,
      start,
      end: start + 1,
      node,
    };
    if (kind === 'blockquote') this.add(parent, node as Blockquote, start, start + 1);
    this.stack.push(c);
    return c;
  }

  private openItem(item: MarkerMatch, first: number, indent: number): Container {
    const parent = this.stack[this.stack.length - 1] as Container;
    const last = parent.children[parent.children.length - 1];
    // A list goes on while it is its container's last block and the marker is the same.
    let list = last?.type === 'list' ? this.listStates.get(last) : undefined;
    if (!list || list.marker !== item.marker) {
      const node: List = { type: 'list', ordered: item.ordered, start: item.ordered ? item.start : null, spread: false, children: [] };
      list = { node, marker: item.marker };
      this.listStates.set(node, list);
      this.add(parent, node, first, first + 1);
    }
    const li: ListItem = { type: 'listItem', spread: false, checked: null, children: [] };
    list.node.children.push(li);
    const c: Container = {
      kind: 'item',
      children: li.children as RootContent[],
      indent: item.contentStart - first + indent,
      startedBlank: item.blank,
      start: first,
      end: item.itemEnd,
      node: li,
      list,
    };
    li.position = this.position(first, item.itemEnd);
    if (list.node.children.length === 1) list.node.position = this.position(first, item.itemEnd);
    this.stack.push(c);
    if (item.checked !== null) li.checked = item.checked;
    return c;
  }

  private readonly listStates = new Map<List, ListState>();
  /** Start offsets of paragraph lines that were lazy continuations. */
  private readonly lazyLines = new Set<number>();
  /** Start offsets of paragraph continuation lines indented four or more spaces. */
  private readonly deepLines = new Set<number>();
  private interrupt = false;

  private closeUnmatched(matched: number): void {
    if (matched >= this.stack.length) return;
    this.closeLeaf();
    while (this.stack.length > matched) this.closeContainer();
  }

  private closeContainer(): void {
    const c = this.stack.pop() as Container;
    const parent = this.stack[this.stack.length - 1] as Container;
    if (c.kind === 'blockquote') {
      (c.node as Blockquote).position = this.position(c.start, c.end);
    } else if (c.kind === 'item' && c.list) {
      (c.node as ListItem).position = this.position(c.start, c.end);
      const list = c.list.node;
      list.position = this.position(list.position!.start.offset!, c.end);
    }
    this.extend(parent, c.end);
  }

  /** Adds a block to a container and extends the container (and its ancestors) to `end`. */
  private add(container: Container, node: RootContent, start: number, end: number): void {
    // micromark ends a quoted list that a sibling block follows at that block's line: not modelled.
    if (container.kind === 'blockquote' && container.children[container.children.length - 1]?.type === 'list') throw new Decline('block after a quoted list');
    container.children.push(node);
    if (!node.position) node.position = this.position(start, end);
    this.extendTo(container, end);
  }

  private extend(c: Container, end: number): void {
    if (end > c.end) c.end = end;
  }

  private extendTo(container: Container, end: number): void {
    for (let i = this.stack.indexOf(container); i >= 0; i--) this.extend(this.stack[i] as Container, end);
  }

  // -------------------------------------------------------------------------
  // Leaves
  // -------------------------------------------------------------------------

  private closeLeaf(): void {
    const leaf = this.leaf;
    if (!leaf) return;
    this.leaf = null;
    switch (leaf.kind) {
      case 'paragraph':
        this.finishParagraph(leaf);
        return;
      case 'fenced':
        this.finishFenced(leaf);
        return;
      case 'html':
        this.finishHtml(leaf);
        return;
      case 'table':
        return;
      case 'indented':
        this.finishIndented(leaf);
        return;
    }
  }

  private paragraphLine(p: Extract<Leaf, { kind: 'paragraph' }>, start: number, line: Line, lazy: boolean): void {
    p.segments.push({ start, end: line.end });
    // A lazy line too belongs to the paragraph, so to every container holding it.
    if (lazy) this.lazyLines.add(start);
    this.extendTo(p.container, line.end);
  }

  private finishParagraph(p: Extract<Leaf, { kind: 'paragraph' }>): void {
    const segs = p.segments;
    const first = segs[0] as Segment;
    const last = segs[segs.length - 1] as Segment;
    const end = last.end;
    const start = p.task ?? first.start;
    const node: Paragraph = { type: 'paragraph', children: [], position: this.position(start, end) };
    this.add(p.container, node, start, end);
    this.inlines.push({ node, segments: segs, task: p.task !== undefined });
  }

  private setext(first: number, end: number, depth: 1 | 2): void {
    const p = this.leaf as Extract<Leaf, { kind: 'paragraph' }>;
    // micromark starts such a heading at the definitions right above it (same content chunk).
    if (p.task !== undefined) throw new Decline('setext underline under a task item');
    const firstLine = this.lines.starts[this.lines.lineOf((p.segments[0] as Segment).start)] as number;
    if (this.definitionEnds.has(firstLine)) throw new Decline('setext heading under a definition');
    this.leaf = null;
    const segs = p.segments;
    const start = (segs[0] as Segment).start;
    const underlineEnd = end;
    const node: Heading = { type: 'heading', depth, children: [], position: this.position(start, underlineEnd) };
    this.add(p.container, node, start, underlineEnd);
    // The content's last line loses its trailing blanks.
    const lastSeg = segs[segs.length - 1] as Segment;
    const content = [...segs.slice(0, -1), { start: lastSeg.start, end: trimEnd(this.text, lastSeg.start, lastSeg.end) }];
    this.inlines.push({ node, segments: content });
  }

  private atxHeading(first: number, end: number): Heading | null {
    const text = this.text;
    let i = first;
    while (i < end && text.charCodeAt(i) === 35) i++;
    const depth = i - first;
    if (depth > 6) return null;
    if (i < end && text.charCodeAt(i) !== SPACE) {
      if (text.charCodeAt(i) === TAB) throw new Decline('tab in heading');
      return null;
    }
    if (text.slice(i, end).includes('\t')) throw new Decline('tab in heading');
    let contentEnd = trimEnd(text, i, end);
    const lineEnd = end;
    // Closing sequence: `#`s preceded by a space (or the whole content).
    let j = contentEnd;
    while (j > i && text.charCodeAt(j - 1) === 35) j--;
    if (j < contentEnd && (j === i || text.charCodeAt(j - 1) === SPACE)) contentEnd = j;
    else if (j < contentEnd && text.charCodeAt(j - 1) === TAB) throw new Decline('tab before closing #');
    let contentStart = i;
    while (contentStart < contentEnd && text.charCodeAt(contentStart) === SPACE) contentStart++;
    contentEnd = trimEnd(text, contentStart, contentEnd);
    const node: Heading = { type: 'heading', depth: depth as Heading['depth'], children: [], position: this.position(first, lineEnd) };
    if (contentEnd > contentStart) this.inlines.push({ node, segments: [{ start: contentStart, end: contentEnd }] });
    return node;
  }

  private fenceStart(matched: number, pos: number, indent: number, line: Line): boolean {
    const text = this.text;
    const first = pos + indent;
    const ch = text.charCodeAt(first);
    let i = first;
    while (i < line.end && text.charCodeAt(i) === ch) i++;
    const fenceLength = i - first;
    if (fenceLength < 3) return false;
    const info = text.slice(i, line.end);
    if (ch === 96 && info.includes('`')) return false;
    if (info.includes('\t')) throw new Decline('tab in info string');
    const trimmed = info.trim();
    if (/[\\&]/.test(trimmed)) throw new Decline('escape or reference in info string');
    this.closeUnmatched(matched);
    this.closeLeaf();
    const container = this.stack[this.stack.length - 1] as Container;
    const space = trimmed.search(/ /);
    const lang = trimmed === '' ? null : space < 0 ? trimmed : trimmed.slice(0, space);
    const meta = space < 0 ? null : trimmed.slice(space).trim() || null;
    const node: Code = { type: 'code', lang, meta, value: '' };
    this.leaf = {
      kind: 'fenced',
      node,
      marker: ch,
      fenceLength,
      indent,
      container,
      lines: [],
      eols: [],
      closed: false,
    };
    node.position = this.position(first, line.end);
    if (container.kind === 'blockquote' && container.children[container.children.length - 1]?.type === 'list') throw new Decline('block after a quoted list');
    container.children.push(node);
    this.extendTo(container, line.end);
    return true;
  }

  private fencedLine(leaf: Extract<Leaf, { kind: 'fenced' }>, pos: number, line: Line): void {
    const text = this.text;
    let indent = 0;
    while (text.charCodeAt(pos + indent) === SPACE) indent++;
    if (text.charCodeAt(pos + indent) === TAB) {
      // Four columns or more: content, not a closing fence. Kept as is when the fence has no indentation to strip.
      if (leaf.indent > 0) throw new Decline('tab in indented fence content');
      leaf.lines.push([pos, line.end]);
      leaf.eols.push(text.slice(line.end, line.next));
      leaf.node.position!.end = this.lines.point(line.end);
      this.extendTo(leaf.container, line.end);
      return;
    }
    const first = pos + indent;
    if (indent <= 3) {
      let i = first;
      const ch = leaf.marker;
      while (i < line.end && text.charCodeAt(i) === ch) i++;
      if (i - first >= leaf.fenceLength && /^[ \t]*$/.test(text.slice(i, line.end))) {
        if (text.slice(i, line.end).includes('\t')) throw new Decline('tab after closing fence');
        leaf.closed = true;
        const end = line.end;
        leaf.node.position!.end = this.lines.point(end);
        this.extendTo(leaf.container, end);
        this.leaf = null;
        this.finishFenced(leaf);
        return;
      }
    }
    const strip = Math.min(indent, leaf.indent);
    leaf.lines.push([pos + strip, line.end]);
    leaf.eols.push(text.slice(line.end, line.next));
    const contentEnd = line.end;
    if (first < line.end) {
      leaf.node.position!.end = this.lines.point(contentEnd);
      this.extendTo(leaf.container, contentEnd);
    } else if (line.end > pos + strip) {
      leaf.node.position!.end = this.lines.point(contentEnd);
      this.extendTo(leaf.container, contentEnd);
    }
  }

  /** The source of each `[start, end]` line, joined with the line endings that followed them. */
  private joinLines(lines: [number, number][], eols: string[]): string {
    let value = '';
    for (let i = 0; i < lines.length; i++) {
      const [s, e] = lines[i] as [number, number];
      value += this.text.slice(s, e);
      if (i < lines.length - 1) value += eols[i];
    }
    return value;
  }

  private finishFenced(leaf: Extract<Leaf, { kind: 'fenced' }>): void {
    // Unclosed, micromark leaves trailing blank lines out of the block: not modelled.
    if (!leaf.closed) throw new Decline('unclosed fence');
    leaf.node.value = this.joinLines(leaf.lines, leaf.eols);
  }

  /**
   * A line for an open indented code block: blank lines are held until a
   * line indented four or more follows (trailing ones are not part of it).
   * False when the line ends the block.
   */
  private indentedLine(leaf: Extract<Leaf, { kind: 'indented' }>, pos: number, line: Line): boolean {
    const indent = this.spaces(pos, line.end);
    const eol = this.text.slice(line.end, line.next);
    if (pos + indent === line.end) {
      leaf.blanks.push([Math.min(pos + 4, line.end), line.end, eol]);
      return true;
    }
    if (indent < 4) return false;
    for (const [s, e, blankEol] of leaf.blanks) {
      leaf.lines.push([s, e]);
      leaf.eols.push(blankEol);
    }
    leaf.blanks = [];
    leaf.lines.push([pos + 4, line.end]);
    leaf.eols.push(eol);
    this.extendTo(leaf.container, line.end);
    return true;
  }

  private finishIndented(leaf: Extract<Leaf, { kind: 'indented' }>): void {
    const lines = leaf.lines;
    const value = this.joinLines(lines, leaf.eols);
    const end = (lines[lines.length - 1] as [number, number])[1];
    const node: Code = { type: 'code', lang: null, meta: null, value, position: this.position(leaf.start, end) };
    this.add(leaf.container, node, leaf.start, end);
  }

  /** HTML block start condition (1–7) at `first`, or 0. */
  private htmlStart(first: number, end: number, interruptsParagraph: boolean): number {
    const rest = this.text.slice(first, end);
    if (/^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i.test(rest)) return 1;
    if (rest.startsWith('<!--')) {
      if (rest.startsWith('<!-->') || rest.startsWith('<!--->')) throw new Decline('short HTML comment');
      return 2;
    }
    if (rest.startsWith('<?')) return 3;
    if (/^<![a-zA-Z]/.test(rest)) return 4;
    if (rest.startsWith('<![CDATA[')) return 5;
    const m = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:[ \t>]|\/>|$)/.exec(rest);
    if (m && htmlBlockNames.includes((m[1] as string).toLowerCase())) return 6;
    if (interruptsParagraph) return 0;
    // Condition 7: a complete open or closing tag alone on the line.
    if (/^(?:<[a-zA-Z][a-zA-Z0-9-]*(?:[ \t]+[a-zA-Z_:][a-zA-Z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t\r\n"'=<>`]+|'[^'\r\n]*'|"[^"\r\n]*"))?)*[ \t]*\/?>|<\/[a-zA-Z][a-zA-Z0-9-]*[ \t]*>)[ \t]*$/.test(rest)) {
      if (rest.includes('\t')) throw new Decline('tab in HTML tag');
      return 7;
    }
    return 0;
  }

  private htmlLine(leaf: Extract<Leaf, { kind: 'html' }>, pos: number, line: Line, first = false): void {
    const text = this.text;
    const from = first ? leaf.start : pos;
    const content = text.slice(from, line.end);
    if (!first && leaf.endCondition >= 6 && /^[ \t]*$/.test(content)) {
      this.leaf = null;
      this.finishHtml(leaf);

      return;
    }
    leaf.lines.push([from, line.end]);
    leaf.eols.push(text.slice(line.end, line.next));
    if (line.end > from) this.extendTo(leaf.container, line.end);
    // The end marker is looked for after the opening one on the first line.
    const search = first ? content.slice(HTML_OPENER_LENGTH[leaf.endCondition] ?? 0) : content;
    let ends = false;
    switch (leaf.endCondition) {
      case 1:
        ends = /<\/(?:script|pre|style|textarea)>/i.test(search);
        break;
      case 2:
        ends = search.includes('-->');
        break;
      case 3:
        ends = search.includes('?>');
        break;
      case 4:
        ends = search.includes('>');
        break;
      case 5:
        ends = search.includes(']]>');
        break;
    }
    if (ends) {
      leaf.closed = true;
      this.leaf = null;
      this.finishHtml(leaf);
    }
  }

  private finishHtml(leaf: Extract<Leaf, { kind: 'html' }>): void {
    const lines = leaf.lines;
    if (leaf.endCondition <= 5 && !leaf.closed) {
      const last = lines[lines.length - 1] as [number, number];
      if (/^[ \t]*$/.test(this.text.slice(last[0], last[1]))) throw new Decline('unclosed HTML block ending in blank lines');
    }
    const value = this.joinLines(lines, leaf.eols);
    if (value.includes('\r')) throw new Decline('CR in HTML block');
    const end = (lines[lines.length - 1] as [number, number])[1];
    const node: Html = { type: 'html', value, position: this.position(leaf.start, end) };
    this.add(leaf.container, node, leaf.start, end);
  }

  private definitionLine(container: Container, first: number, line: Line): boolean {
    const text = this.text;
    if (text.charCodeAt(first) !== 91 /* [ */) return false;
    const rest = text.slice(first, line.end);
    if (!/^\[[^\]]*\]:/.test(rest)) return false;
    const m = /^\[((?:[^\\[\]]|\\.){1,999})\]: *(?:<([^<>\n\\]*)>|([^\s<>\\()]+))(?: +(?:"([^"\\]*)"|'([^'\\]*)'))? *$/.exec(rest);
    if (!m || !(m[1] as string).trim() || (m[1] as string).includes('\\') || /&/.test(rest)) throw new Decline('definition');
    const label = m[1] as string;
    const url = m[2] ?? m[3] ?? '';
    const title = m[4] ?? m[5] ?? null;
    const after = this.lines.lineText(this.lines.lineOf(line.start) + 2);
    if (/^[ \t]*[|:]?[ \t]*-/.test(after) && /[|:]/.test(after)) throw new Decline('definition above a possible delimiter row');
    const normal = normalizeIdentifier(label);
    const end = line.end;
    const node: Definition = { type: 'definition', identifier: normal.toLowerCase(), label, url, title, position: this.position(first, end) };
    if (this.definitions.has(normal)) throw new Decline('repeated definition');
    this.definitions.add(normal);
    this.definitionEnds.add(line.next);
    this.definitionNext = line.next;
    this.add(container, node, first, end);
    return true;
  }

  // -------------------------------------------------------------------------
  // GFM tables
  // -------------------------------------------------------------------------

  /**
   * A delimiter row under a paragraph's last line makes that line a table's
   * header (the lines before stay a paragraph), when the cell counts agree.
   */
  private tableStart(p: Extract<Leaf, { kind: 'paragraph' }>, first: number, line: Line, indent: number): boolean {
    const text = this.text;
    if (indent > 3) return false;
    const delimiter = text.slice(first, line.end);
    if (!/^[|:]?[ \t]*[-:]/.test(delimiter) || !/^[|: \t-]+$/.test(delimiter)) return false;
    if (delimiter.includes('\t')) throw new Decline('tab in delimiter row');
    const m = /^\|?( *:?-+:? *(?:\| *:?-+:? *)*)\|? *$/.exec(delimiter);
    if (!m) return false;
    // micromark needs a pipe or a colon somewhere in the delimiter row.
    if (!/[|:]/.test(delimiter)) return false;
    const cells = (m[1] as string).split('|');
    if (p.task !== undefined && p.segments.length === 1) throw new Decline('table header in a task item');
    const segment = p.segments[p.segments.length - 1] as Segment;
    if (this.lazyLines.has(segment.start) || this.deepLines.has(segment.start)) throw new Decline('lazy or indented table header');
    const header = { start: segment.start + this.spaces(segment.start, segment.end), end: segment.end };
    const headerCells = this.rowCells(header.start, header.end);
    if (headerCells.length === 0 || headerCells.length !== cells.length) return false;
    const align = cells.map((c) => {
      const t = c.trim();
      const left = t.startsWith(':');
      const right = t.endsWith(':');
      return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
    });
    // The paragraph ends before the header row.
    p.segments.pop();
    if (p.segments.length > 0) this.finishParagraph(p);
    const table: Table = { type: 'table', align, children: [], position: this.position(header.start, line.end) };
    this.add(p.container, table, header.start, line.end);
    table.children.push(this.row(header.start, header.end, headerCells));
    this.leaf = { kind: 'table', container: p.container, node: table };
    this.extendTo(p.container, line.end);
    return true;
  }

  private tableRow(leaf: Extract<Leaf, { kind: 'table' }>, first: number, line: Line): void {
    const cells = this.rowCells(first, line.end);
    leaf.node.children.push(this.row(first, line.end, cells));
    leaf.node.position!.end = this.lines.point(line.end);
    this.extendTo(leaf.container, line.end);
  }

  /** A row's cells: [start, end] of each cell's source (pipes and blanks included) and of its content. */
  private rowCells(start: number, end: number): [number, number, number, number][] {
    const text = this.text;
    const pipes: number[] = [];
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */) {
        const d = text.charCodeAt(i + 1);
        if (d === 92 || d === 124) i++;
      } else if (c === 124) pipes.push(i);
    }
    if (!/[^ \t|]/.test(text.slice(start, end))) throw new Decline('table row without content');
    const cells: [number, number, number, number][] = [];
    const leading = pipes[0] === start;
    const rowEnd = trimEnd(text, start, end);
    const trailing = pipes.length > 0 && pipes[pipes.length - 1] === rowEnd - 1 && !(leading && pipes.length === 1);
    const bounds = [start, ...pipes.filter((p) => p !== start), end];
    if (trailing) bounds.splice(bounds.length - 2, 1);
    for (let k = 0; k < bounds.length - 1; k++) {
      const s = k === 0 ? start : (bounds[k] as number);
      const e = bounds[k + 1] as number;
      let cs = k === 0 && !leading ? s : s + 1;
      let ce = k === bounds.length - 2 && trailing ? rowEnd - 1 : k === bounds.length - 2 ? rowEnd : e;
      while (cs < ce && (text.charCodeAt(cs) === SPACE || text.charCodeAt(cs) === TAB)) cs++;
      while (ce > cs && (text.charCodeAt(ce - 1) === SPACE || text.charCodeAt(ce - 1) === TAB)) ce--;
      cells.push([s, e, cs, ce]);
    }
    return cells;
  }

  private row(start: number, end: number, cells: [number, number, number, number][]): TableRow {
    const row: TableRow = { type: 'tableRow', children: [], position: this.position(start, end) };
    for (const [s, e, cs, ce] of cells) {
      const cell: TableCell = { type: 'tableCell', children: [], position: this.position(s, e) };
      row.children.push(cell);
      if (ce > cs) this.inlines.push({ node: cell, segments: [{ start: cs, end: ce }], cell: true });
    }
    return row;
  }

  // -------------------------------------------------------------------------
  // List markers
  // -------------------------------------------------------------------------

  private listMarker(first: number, end: number, interruptsParagraph: boolean): MarkerMatch | null {
    const text = this.text;
    const c = text.charCodeAt(first);
    let markerEnd: number;
    let ordered = false;
    let start = 1;
    let marker: string;
    if (c === 42 || c === 43 || c === 45) {
      markerEnd = first + 1;
      marker = String.fromCharCode(c);
    } else if (c >= 48 && c <= 57) {
      let i = first;
      while (i < end && i - first < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      if (i - first > 9) return null;
      const d = text.charCodeAt(i);
      if (d !== 46 && d !== 41) return null;
      ordered = true;
      start = Number(text.slice(first, i));
      marker = String.fromCharCode(d);
      markerEnd = i + 1;
    } else return null;
    const after = text.charCodeAt(markerEnd);
    if (markerEnd < end && after !== SPACE) {
      if (after === TAB) throw new Decline('tab after list marker');
      return null;
    }
    let spaces = 0;
    while (markerEnd + spaces < end && text.charCodeAt(markerEnd + spaces) === SPACE) spaces++;
    if (markerEnd + spaces < end && text.charCodeAt(markerEnd + spaces) === TAB) throw new Decline('tab after list marker');
    const blank = markerEnd + spaces === end;
    if (interruptsParagraph && (blank || (ordered && text.slice(first, markerEnd - 1) !== '1'))) return null;
    let contentStart: number;
    if (blank) contentStart = markerEnd + 1;
    else if (spaces > 4) contentStart = markerEnd + 1;
    else contentStart = markerEnd + spaces;
    // GFM task list item.
    let checked: boolean | null = null;
    if (!blank && /^\[[ xX]\](?:[ \t]|$)/.test(text.slice(contentStart, end))) {
      const rest = text.slice(contentStart + 3, end);
      if (!/^ [^ \t]/.test(rest) && !/^ {2,}\S/.test(rest)) throw new Decline('task list item form');
      checked = text.charCodeAt(contentStart + 1) !== SPACE;
      // The item's paragraph starts after the check box and one space.
      return { ordered, start, marker, markerEnd, contentStart, blank, checked, paragraphStart: contentStart + 4, itemEnd: markerEnd };
    }
    // An empty item's blanks after the marker belong to it.
    return { ordered, start, marker, markerEnd, contentStart, blank, checked, paragraphStart: contentStart, itemEnd: blank ? end : markerEnd };
  }
}

interface MarkerMatch {
  ordered: boolean;
  start: number;
  marker: string;
  markerEnd: number;
  contentStart: number;
  blank: boolean;
  checked: boolean | null;
  paragraphStart: number;
  itemEnd: number;
}

const literalTransform = ((): ((tree: Root) => void) => {
  const transform = gfmAutolinkLiteralFromMarkdown().transforms?.[0];
  if (!transform) throw new Error('mdast-util-gfm-autolink-literal has no transform');
  return transform as (tree: Root) => void;
})();

/**
 * mdast-util-gfm-task-list-item's fix-up of an item's first paragraph: one
 * blank after the check box goes, and the paragraph then starts at its text.
 */
function taskParagraph(node: Paragraph): void {
  const head = node.children[0];
  if (!head || head.type !== 'text') return;
  head.value = head.value.slice(1);
  if (head.value.length === 0) node.children.shift();
  else if (head.position && node.position) {
    const start = { ...head.position.start, column: head.position.start.column + 1, offset: (head.position.start.offset ?? 0) + 1 };
    head.position.start = start;
    node.position.start = { ...start };
  }
}

function isThematicBreak(line: string): boolean {
  const m = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(line);
  if (m && line.includes('\t')) throw new Decline('tab in thematic break');
  return m;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start) {
    const c = text.charCodeAt(e - 1);
    if (c === SPACE || c === TAB) e--;
    else break;
  }
  return e;
}

