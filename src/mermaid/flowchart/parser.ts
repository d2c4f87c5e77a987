/**
 * Recursive-descent parser for mermaid 12.3.0's flowchart grammar. Subgraph nesting uses
 * an explicit stack (no recursion), chains are loops. Graph-building calls happen in the
 * order mermaid's LALR parser makes them, so vertex and edge order match mermaid.
 */
import { isWs } from './chars.js';
import { destructLink, FlowDb, SemanticError, ShapeDataError, type LinkInfo, type Member, type TextObj } from './db.js';
import { FlowLexer, T, TOKEN_NAMES, type Token, type TokenKind } from './lexer.js';
import type { OffsetMap } from './preprocess.js';
import type {
  AstLink,
  AstNodeRef,
  AstStatement,
  AstSubgraph,
  AstText,
  AstVertexStatement,
  FlowchartAst,
  FlowchartError,
  FlowchartHint,
  LabelType,
  Span,
} from './types.js';

/** Thrown (not an Error: no stack trace to capture) to abandon a statement. */
class SyntaxErr {
  constructor(
    readonly token: Token,
    readonly expected: string[],
    readonly context: string,
  ) {}
}

/** Token-kind membership as a lookup table (faster than a Set on the hot path). */
class KindSet {
  private readonly t = new Uint8Array(96);
  constructor(kinds: number[]) {
    for (const k of kinds) this.t[k] = 1;
  }
  has(k: number): boolean {
    return this.t[k] === 1;
  }
}

const ID_TOKENS = new KindSet([
  T.NUM, T.NODE_STRING, T.DOWN, T.MINUS, T.DEFAULT, T.COMMA, T.COLON, T.AMP, T.BRKT, T.MULT, T.UNICODE_TEXT,
]);
const ALNUM_TOKENS = new KindSet([
  T.NUM, T.UNICODE_TEXT, T.NODE_STRING, T.DIR, T.DOWN, T.MINUS, T.COMMA, T.COLON, T.AMP, T.BRKT, T.MULT,
]);
const TEXT_TOKENS = new KindSet([T.TEXT, T.TAGSTART, T.TAGEND, T.UNICODE_TEXT]);
const EDGE_TEXT_TOKENS = new KindSet([T.EDGE_TEXT, T.UNICODE_TEXT]);
const TEXT_NO_TAGS_TOKENS = new KindSet([
  T.NUM, T.NODE_STRING, T.SPACE, T.MINUS, T.AMP, T.UNICODE_TEXT, T.COLON, T.MULT, T.BRKT, T.STYLE, T.LINKSTYLE,
  T.CLASSDEF, T.CLASS, T.CLICK, T.GRAPH, T.DIR, T.SUBGRAPH, T.END_KW, T.DOWN, T.UP, T.START_LINK,
]);
const STYLE_COMPONENTS = new KindSet([T.NUM, T.NODE_STRING, T.COLON, T.SPACE, T.BRKT, T.STYLE]);

const SHAPE_OPENERS: Partial<Record<number, true>> = {
  [T.SQS]: true, [T.DOUBLECIRCLESTART]: true, [T.PS]: true, [T.ELLIPSE_START]: true, [T.STADIUMSTART]: true,
  [T.SUBROUTINESTART]: true, [T.VERTEX_WITH_PROPS_START]: true, [T.CYLINDERSTART]: true, [T.DIAMOND_START]: true,
  [T.TAGEND]: true, [T.TRAPSTART]: true, [T.INVTRAPSTART]: true,
};

const SEPARATOR = ['a new line', '`;`'];

interface Frame {
  ast: AstSubgraph;
  statements: AstStatement[];
  members: Member[];
  idText: string | undefined;
  sameObject: boolean;
  title: TextObj | undefined;
  idSpan: Span;
  titleSpan: Span | undefined;
  bare: boolean;
}

/** A `@{ ... }` block: its text as mermaid hands it to js-yaml, and where it came from. */
interface ShapeData {
  raw: string;
  start: number;
  end: number;
  /** Triples (offset in `raw`, source offset, 1 when the token's text is the source text). */
  pieces: number[];
}

export interface ParseOutput {
  ast: FlowchartAst;
  db: FlowDb;
  errors: FlowchartError[];
  hints: FlowchartHint[];
}

export class FlowParser {
  private readonly lx: FlowLexer;
  private readonly src: string;
  /** Lookahead tokens: `buf[bi..bn)` (slots past `bn` are stale). */
  private readonly buf: Token[] = [];
  private bi = 0;
  private bn = 0;
  /** Where error recovery last resumed, so that it always moves forward. */
  private lastResync = -1;
  readonly db = new FlowDb();
  readonly errors: FlowchartError[] = [];
  readonly hints: FlowchartHint[] = [];
  private readonly identity: boolean;
  /** Raw (lexed-text) end of the last node reference parsed. */
  private lastRawEnd = 0;

  constructor(
    src: string,
    private readonly map: OffsetMap,
    private readonly originalLength: number,
  ) {
    this.src = src;
    this.lx = new FlowLexer(src);
    this.identity = map.identity;
    // preprocessing errors (invalid front matter) come first: they are earliest in the text
    for (const e of map.errors) this.errors.push(e);
  }

  // ---------------------------------------------------------------- token helpers

  private peek(k = 0): Token {
    const i = this.bi + k;
    if (i < this.bn) return this.buf[i] as Token;
    while (this.bn <= i) this.buf[this.bn++] = this.lx.next();
    return this.buf[i] as Token;
  }
  private take(): Token {
    const t = this.bi < this.bn ? (this.buf[this.bi] as Token) : this.peek();
    // the buffer is reused from its start once drained (no truncation, no reallocation)
    if (++this.bi === this.bn) this.bi = this.bn = 0;
    return t;
  }
  private is(kind: TokenKind, k = 0): boolean {
    return this.peek(k).kind === kind;
  }
  private expect(kind: TokenKind, expected: string, context: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw new SyntaxErr(t, [expected], context);
    return this.take();
  }
  private val(t: Token): string {
    return t.value ?? this.src.slice(t.start, t.end);
  }
  private o(pos: number): number {
    const p = this.identity ? pos : this.map.toOriginal(pos);
    return p > this.originalLength ? this.originalLength : p;
  }
  private span(start: number, end: number): Span {
    return { start: this.o(start), end: this.o(end) };
  }
  private tspan(t: Token): Span {
    return this.span(t.start, t.end);
  }

  // ---------------------------------------------------------------- errors

  private describe(t: Token): string {
    switch (t.kind) {
      case T.END:
        return 'end of input';
      case T.EOF:
        return 'end of input';
      case T.NEWLINE:
        return 'a line break';
      case T.SPACE:
        return 'a space';
      case T.LEX_ERROR:
        return `unrecognised text \`${this.src.slice(t.start, t.start + 1)}\``;
    }
    let text = this.val(t).trim();
    if (text === '') return TOKEN_NAMES[t.kind] ?? 'token';
    if (text.length > 24) text = text.slice(0, 24) + '…';
    return '`' + text.replace(/\n/g, '\\n') + '`';
  }

  private recordSyntax(e: SyntaxErr): void {
    const t = e.token;
    const found = this.describe(t);
    const exp = e.expected;
    const expText = exp.length === 0 ? '' : exp.length === 1 ? exp[0] : exp.slice(0, -1).join(', ') + ' or ' + exp[exp.length - 1];
    let message = `Unexpected ${found}${e.context ? ' ' + e.context : ''}${expText ? '; expected ' + expText : ''}`;
    const raw = t.kind === T.END ? '' : this.val(t);
    if (raw.startsWith('%%')) message += ' (mermaid only accepts `%%` comments on a line of their own)';
    const end = t.end > t.start ? t.end : Math.min(t.start + 1, this.src.length);
    const err: FlowchartError = { message, span: this.span(t.start, end), kind: 'syntax', found: raw || found };
    if (exp.length) err.expected = exp;
    this.errors.push(err);
  }

  private recordSemantic(e: SemanticError, span: Span): void {
    this.errors.push({ message: e.message, span, kind: 'semantic' });
  }

  /** Skip to the start of the next line and continue in the lexer's initial state. */
  private resync(from: Token): void {
    let nl = this.src.indexOf('\n', Math.max(from.start, 0));
    if (from.kind === T.NEWLINE) nl = from.start;
    let at = nl < 0 ? this.src.length : nl;
    // Recovery must move forward: resuming where the last one resumed would loop for ever.
    if (at <= this.lastResync) {
      const next = this.src.indexOf('\n', this.lastResync + 1);
      at = next < 0 ? this.src.length : next;
    }
    this.lastResync = at;
    this.bi = this.bn = 0;
    this.lx.resetAt(at);
  }

  // ---------------------------------------------------------------- entry

  parse(): ParseOutput {
    const statements: AstStatement[] = [];
    const ast: FlowchartAst = { type: 'flowchart', span: { start: 0, end: this.originalLength }, header: null, statements };
    try {
      this.parseHeader(ast);
    } catch (e) {
      if (e instanceof SyntaxErr) {
        this.recordSyntax(e);
        return { ast, db: this.db, errors: this.errors, hints: this.hints };
      }
      throw e;
    }
    this.parseDocument(statements);
    if (this.db.edgeLimitAt) {
      this.errors.push({
        message: `Edge limit exceeded: the diagram has ${this.db.edges.length} edges, more than mermaid's default maximum of ${FlowDb.MAX_EDGES} (the \`maxEdges\` setting, which a diagram cannot change)`,
        span: this.db.edgeLimitAt,
        kind: 'semantic',
      });
    }
    return { ast, db: this.db, errors: this.errors, hints: this.hints };
  }

  private parseHeader(ast: FlowchartAst): void {
    while (this.is(T.SPACE) || this.is(T.NEWLINE)) this.take();
    const g = this.expect(T.GRAPH, '`graph` or `flowchart`', 'at the start of the diagram');
    const t = this.peek();
    if (t.kind === T.NODIR) {
      this.take();
      this.db.setDirection('TB');
      ast.header = { keyword: this.val(g), keywordSpan: this.tspan(g), direction: null };
      return;
    }
    if (t.kind !== T.DIR) throw new SyntaxErr(t, ['a direction (`TB`, `TD`, `BT`, `LR`, `RL`)', 'a new line'], 'after the diagram keyword');
    this.take();
    const dirText = this.val(t);
    const lead = dirText.length - dirText.trimStart().length;
    ast.header = {
      keyword: this.val(g),
      keywordSpan: this.tspan(g),
      direction: dirText.trim(),
      directionSpan: this.span(t.start + lead, t.end),
    };
    this.db.setDirection(dirText);
    const n = this.peek();
    if (n.kind === T.SEMI || n.kind === T.NEWLINE) {
      this.take();
      return;
    }
    if (n.kind === T.SPACE) {
      while (this.is(T.SPACE)) this.take();
      this.expect(T.NEWLINE, 'a new line', 'after the direction');
      return;
    }
    throw new SyntaxErr(n, ['a new line', '`;`'], 'after the direction');
  }

  // ---------------------------------------------------------------- document

  private parseDocument(top: AstStatement[]): void {
    const frames: Frame[] = [];
    let statements = top;
    let members: Member[] = [];
    for (;;) {
      const t = this.peek();
      try {
        switch (t.kind) {
          case T.END: {
            if (frames.length > 0) {
              const f = frames[frames.length - 1] as Frame;
              throw new SyntaxErr(t, ['`end`'], `inside subgraph \`${f.idText?.trim() ?? ''}\``);
            }
            return;
          }
          case T.SEMI:
            this.take();
            members.push(';');
            continue;
          case T.NEWLINE:
          case T.SPACE:
          case T.EOF:
            this.take();
            continue;
          case T.END_KW: {
            if (frames.length === 0) throw new SyntaxErr(t, ['a statement'], 'outside a subgraph');
            this.take();
            const f = frames.pop() as Frame;
            f.ast.endSpan = this.span(t.start, t.start + 3);
            f.ast.span = { start: f.ast.span.start, end: this.o(t.start + 3) };
            let id: string;
            try {
              if (f.bare) {
                throw new SemanticError('A subgraph needs an id or a title: mermaid fails on a bare `subgraph`');
              }
              id = this.db.addSubGraph(f.idText, f.sameObject, f.members, f.title, f.idSpan, f.titleSpan);
            } catch (e) {
              if (!(e instanceof SemanticError)) throw e;
              this.recordSemantic(e, f.ast.keywordSpan);
              id = f.idText?.trim() ?? '';
            }
            const parent = frames[frames.length - 1];
            statements = parent ? parent.statements : top;
            members = parent ? parent.members : [];
            if (parent) members.push(id);
            continue;
          }
          case T.SUBGRAPH: {
            const f = this.parseSubgraphHeader();
            statements.push(f.ast);
            frames.push(f);
            statements = f.statements;
            members = f.members;
            continue;
          }
          case T.DIRECTION_TB:
          case T.DIRECTION_BT:
          case T.DIRECTION_RL:
          case T.DIRECTION_LR:
          case T.DIRECTION_TD: {
            this.take();
            const value = ['TB', 'BT', 'RL', 'LR', 'TD'][t.kind - T.DIRECTION_TB] as string;
            members.push({ dir: value });
            statements.push({ kind: 'direction', span: this.tspan(t), value });
            const line = this.val(t).trim();
            if (!/^direction\s+(TB|BT|RL|LR|TD)\s*$/.test(line)) {
              this.hints.push({
                code: 'direction-line',
                message: `mermaid reads this whole line as \`direction ${value}\` because it contains \`direction ${value}\``,
                span: this.tspan(t),
              });
            }
            continue;
          }
          case T.ACC_TITLE:
          case T.ACC_DESCR: {
            this.take();
            const v = this.expect(t.kind === T.ACC_TITLE ? T.ACC_TITLE_VALUE : T.ACC_DESCR_VALUE, 'a value', 'after `' + this.val(t).trim() + '`');
            const value = this.val(v).trim();
            if (t.kind === T.ACC_TITLE) this.db.setAccTitle(value);
            else this.db.setAccDescription(value);
            members.push(value);
            statements.push({ kind: t.kind === T.ACC_TITLE ? 'accTitle' : 'accDescr', span: this.span(t.start, v.end), value });
            continue;
          }
          case T.ACC_DESCR_ML_VALUE: {
            this.take();
            const value = this.val(t).trim();
            this.db.setAccDescription(value);
            members.push(value);
            statements.push({ kind: 'accDescr', span: this.tspan(t), value });
            continue;
          }
          case T.STYLE:
            statements.push(this.parseStyle());
            break;
          case T.LINKSTYLE:
            statements.push(this.parseLinkStyle());
            break;
          case T.CLASSDEF:
            statements.push(this.parseClassDef());
            break;
          case T.CLASS:
            statements.push(this.parseClass());
            break;
          case T.CLICK:
            statements.push(this.parseClick());
            break;
          default:
            if (ID_TOKENS.has(t.kind)) {
              const { ast, nodes } = this.parseVertexStatement();
              statements.push(ast);
              for (const n of nodes) members.push(n);
              this.separator('after a statement', ast.groups.length > 1 || ast.groups[0]?.length !== 1 ? true : true);
              continue;
            }
            throw new SyntaxErr(t, ['a node id', 'a statement'], '');
        }
        this.separator('after a statement', false);
      } catch (e) {
        if (e instanceof SyntaxErr) {
          this.recordSyntax(e);
          if (e.token.kind === T.END) {
            // an unclosed label or string ran to the end: retry after the statement's first line
            const nl = this.src.indexOf('\n', t.start);
            if (t.kind === T.END || nl < 0 || nl >= this.src.length - 1) return;
            this.resync({ kind: T.NEWLINE, start: nl, end: nl + 1, value: undefined });
            continue;
          }
          this.resync(e.token);
          continue;
        }
        if (e instanceof SemanticError) {
          this.recordSemantic(e, this.span(t.start, Math.max(t.end, this.lineEnd(t.start))));
          this.resync(t);
          continue;
        }
        throw e;
      }
    }
  }

  private lineEnd(p: number): number {
    const nl = this.src.indexOf('\n', p);
    return nl < 0 ? this.src.length : nl;
  }

  private separator(context: string, afterVertex: boolean): void {
    const t = this.peek();
    if (t.kind === T.NEWLINE || t.kind === T.SEMI || t.kind === T.EOF) {
      this.take();
      return;
    }
    throw new SyntaxErr(t, afterVertex ? [...SEPARATOR] : SEPARATOR, context);
  }

  // ---------------------------------------------------------------- subgraphs

  private parseSubgraphHeader(): Frame {
    const kw = this.take();
    const ast: AstSubgraph = { kind: 'subgraph', span: this.tspan(kw), keywordSpan: this.tspan(kw), statements: [] };
    const frame: Frame = {
      ast,
      statements: ast.statements,
      members: [],
      idText: undefined,
      sameObject: false,
      title: undefined,
      idSpan: this.tspan(kw),
      titleSpan: undefined,
      bare: false,
    };
    if (this.is(T.SPACE)) {
      this.take();
      const tnt = this.parseTextNoTags();
      frame.idText = tnt.text;
      const trimmedStartOffset = tnt.text.length - tnt.text.trimStart().length;
      const idStart = tnt.start + (tnt.quoted ? 0 : trimmedStartOffset);
      const idEnd = tnt.quoted ? tnt.end : tnt.start + tnt.text.trimEnd().length;
      frame.idSpan = this.span(idStart, Math.max(idEnd, idStart));
      ast.id = { text: tnt.text.trim(), span: frame.idSpan };
      if (this.is(T.SQS)) {
        this.take();
        const text = this.parseText('in the subgraph title', [T.SQE]);
        this.expect(T.SQE, '`]`', 'to close the subgraph title');
        frame.title = { text: text.text, type: text.labelType };
        frame.titleSpan = text.span;
        ast.title = text;
      } else {
        frame.sameObject = true;
        frame.title = { text: tnt.text, type: tnt.type };
        frame.titleSpan = frame.idSpan;
        ast.title = { text: tnt.text.trim(), labelType: tnt.type, span: frame.idSpan };
        if (/\s/.test(tnt.text)) delete ast.id;
      }
    } else {
      frame.bare = true;
    }
    this.separator('after the subgraph header', false);
    return frame;
  }

  private parseTextNoTags(): { text: string; type: LabelType; start: number; end: number; quoted: boolean } {
    const first = this.peek();
    let text: string;
    let type: LabelType = 'text';
    let quoted = false;
    if (first.kind === T.STR || first.kind === T.MD_STR) {
      text = this.val(first);
      type = first.kind === T.MD_STR ? 'markdown' : 'text';
      quoted = true;
    } else if (TEXT_NO_TAGS_TOKENS.has(first.kind)) {
      text = this.val(first);
    } else {
      throw new SyntaxErr(first, ['a subgraph id or title'], 'after `subgraph`');
    }
    this.take();
    let end = first.end;
    while (TEXT_NO_TAGS_TOKENS.has(this.peek().kind)) {
      const t = this.take();
      text += this.val(t);
      end = t.end;
    }
    return { text, type, start: first.start, end, quoted };
  }

  // ---------------------------------------------------------------- vertices

  private parseIdString(context: string): { id: string; start: number; end: number; lastTok: Token } {
    const first = this.peek();
    if (!ID_TOKENS.has(first.kind)) throw new SyntaxErr(first, ['a node id'], context);
    this.take();
    let id = this.val(first);
    let last = first;
    while (ID_TOKENS.has(this.peek().kind)) {
      last = this.take();
      id += this.val(last);
    }
    return { id, start: first.start, end: last.end, lastTok: last };
  }

  private parseText(context: string, closers: TokenKind[]): AstText {
    const first = this.peek();
    let labelType: LabelType = 'text';
    if (first.kind === T.STR) labelType = 'string';
    else if (first.kind === T.MD_STR) labelType = 'markdown';
    else if (!TEXT_TOKENS.has(first.kind)) {
      throw new SyntaxErr(first, ['label text', ...closers.filter((c) => c !== T.PIPE).map((c) => TOKEN_NAMES[c] ?? '')].slice(0, 1), context);
    }
    this.take();
    let text = this.val(first);
    let end = first.end;
    while (TEXT_TOKENS.has(this.peek().kind)) {
      const t = this.take();
      text += this.val(t);
      end = t.end;
    }
    return { text, labelType, span: this.span(first.start, end) };
  }

  private closeShape(kind: TokenKind, name: string): Token {
    return this.expect(kind, name, 'to close the node label');
  }

  /** styledVertex: vertex (`:::` idString)? */
  private parseStyledVertex(context: string): AstNodeRef {
    const idTok = this.parseIdString(context);
    const id = idTok.id;
    const idSpan = this.span(idTok.start, idTok.end);
    const ref: AstNodeRef = { id, idSpan, span: idSpan, classes: [] };
    let end = idTok.end;
    const open = this.peek();
    if (SHAPE_OPENERS[open.kind]) {
      this.take();
      let shape: string;
      let text: AstText;
      let props: Record<string, string> | undefined;
      switch (open.kind) {
        case T.SQS:
          text = this.parseText('in the node label', [T.SQE]);
          end = this.closeShape(T.SQE, '`]`').end;
          shape = 'square';
          break;
        case T.DOUBLECIRCLESTART:
          text = this.parseText('in the node label', [T.DOUBLECIRCLEEND]);
          end = this.closeShape(T.DOUBLECIRCLEEND, '`)))`').end;
          shape = 'doublecircle';
          break;
        case T.PS:
          if (this.is(T.PS)) {
            this.take();
            text = this.parseText('in the node label', [T.PE]);
            this.closeShape(T.PE, '`))`');
            end = this.closeShape(T.PE, '`))`').end;
            shape = 'circle';
          } else {
            text = this.parseText('in the node label', [T.PE]);
            end = this.closeShape(T.PE, '`)`').end;
            shape = 'round';
          }
          break;
        case T.ELLIPSE_START:
          text = this.parseText('in the node label', [T.ELLIPSE_END]);
          end = this.closeShape(T.ELLIPSE_END, '`-)`').end;
          shape = 'ellipse';
          break;
        case T.STADIUMSTART:
          text = this.parseText('in the node label', [T.STADIUMEND]);
          end = this.closeShape(T.STADIUMEND, '`])`').end;
          shape = 'stadium';
          break;
        case T.SUBROUTINESTART:
          text = this.parseText('in the node label', [T.SUBROUTINEEND]);
          end = this.closeShape(T.SUBROUTINEEND, '`]]`').end;
          shape = 'subroutine';
          break;
        case T.VERTEX_WITH_PROPS_START: {
          const field = this.expect(T.NODE_STRING, 'a property name', 'after `[|`');
          this.expect(T.COLON, '`:`', 'after the property name');
          const value = this.expect(T.NODE_STRING, 'a property value', 'after `:`');
          this.expect(T.PIPE, '`|`', 'after the property value');
          text = this.parseText('in the node label', [T.SQE]);
          end = this.closeShape(T.SQE, '`]`').end;
          shape = 'rect';
          props = { [this.val(field)]: this.val(value) };
          break;
        }
        case T.CYLINDERSTART:
          text = this.parseText('in the node label', [T.CYLINDEREND]);
          end = this.closeShape(T.CYLINDEREND, '`)]`').end;
          shape = 'cylinder';
          break;
        case T.DIAMOND_START:
          if (this.is(T.DIAMOND_START)) {
            this.take();
            text = this.parseText('in the node label', [T.DIAMOND_STOP]);
            this.closeShape(T.DIAMOND_STOP, '`}}`');
            end = this.closeShape(T.DIAMOND_STOP, '`}}`').end;
            shape = 'hexagon';
          } else {
            text = this.parseText('in the node label', [T.DIAMOND_STOP]);
            end = this.closeShape(T.DIAMOND_STOP, '`}`').end;
            shape = 'diamond';
          }
          break;
        case T.TAGEND:
          text = this.parseText('in the node label', [T.SQE]);
          end = this.closeShape(T.SQE, '`]`').end;
          shape = 'odd';
          break;
        case T.TRAPSTART:
        case T.INVTRAPSTART: {
          text = this.parseText('in the node label', [T.TRAPEND, T.INVTRAPEND]);
          const c = this.peek();
          if (c.kind !== T.TRAPEND && c.kind !== T.INVTRAPEND) {
            throw new SyntaxErr(c, ['`\\]`', '`/]`'], 'to close the node label');
          }
          this.take();
          end = c.end;
          const trap = open.kind === T.TRAPSTART;
          shape = c.kind === T.TRAPEND ? (trap ? 'trapezoid' : 'lean_left') : trap ? 'lean_right' : 'inv_trapezoid';
          break;
        }
        default:
          throw new Error('unreachable');
      }
      ref.shape = shape;
      ref.label = text;
      if (props) ref.props = props;
      this.db.addVertex(id, idSpan, { text: text.text, type: text.labelType }, shape, undefined, props, undefined, text.span);
    } else {
      this.db.addVertex(id, idSpan);
    }
    if (this.is(T.STYLE_SEPARATOR)) {
      this.take();
      const cls = this.parseIdString('after `:::`');
      ref.classes.push({ name: cls.id, span: this.span(cls.start, cls.end) });
      end = cls.end;
      this.db.setClass(id, cls.id);
    }
    if (end !== idTok.end) ref.span = this.span(idTok.start, end);
    this.lastRawEnd = end;
    // hint: id ending in o/x glued to a link
    const nx = this.peek();
    if (
      !SHAPE_OPENERS[open.kind] &&
      ref.classes.length === 0 &&
      (nx.kind === T.LINK || nx.kind === T.START_LINK) &&
      nx.start === idTok.end &&
      /[ox]$/.test(id) &&
      id.length > 1 &&
      /^[-=.]/.test(this.val(nx))
    ) {
      const ch = id[id.length - 1] as string;
      this.hints.push({
        code: 'id-swallowed-edge-end',
        message: `The node id \`${id}\` ends with \`${ch}\` right before \`${this.val(nx).trim()}\`: mermaid keeps \`${ch}\` in the id instead of reading a ${
          ch === 'o' ? 'circle' : 'cross'
        } edge end. Add a space (\`${id.slice(0, -1)} ${ch}${this.val(nx).trim()}\`) if an edge end was meant.`,
        span: this.span(idTok.end - 1, idTok.end),
      });
    }
    return ref;
  }

  private parseShapeData(): ShapeData | undefined {
    if (!this.is(T.SHAPE_DATA)) return undefined;
    const first = this.take();
    let raw = this.val(first);
    let end = first.end;
    // where each token's text starts in `raw` and in the source (a token whose value was
    // rewritten, a string with line breaks, maps as a whole to its start)
    const pieces: number[] = [0, first.start, first.value === undefined ? 1 : 0];
    while (this.is(T.SHAPE_DATA)) {
      const t = this.take();
      pieces.push(raw.length, t.start, t.value === undefined ? 1 : 0);
      raw += this.val(t);
      end = t.end;
    }
    // include the closing brace when present
    if (this.src.charCodeAt(end) === 125) end++;
    return { raw, start: first.start, end, pieces };
  }

  /** Source offset of offset `at` of a shape-data block's text. */
  private shapeDataOffset(shape: ShapeData, at: number): number {
    const p = shape.pieces;
    let k = 0;
    while (k + 3 < p.length && (p[k + 3] as number) <= at) k += 3;
    const rawStart = p[k] as number;
    const srcStart = p[k + 1] as number;
    return Math.min(p[k + 2] === 1 ? srcStart + (at - rawStart) : srcStart, shape.end);
  }

  /** node: styledVertex ((shapeData)? spaceList AMP spaceList styledVertex)* */
  private parseNode(context: string): { ids: string[]; refs: AstNodeRef[]; trailing?: ShapeData } {
    const refs: AstNodeRef[] = [this.parseStyledVertex(context)];
    const ids: string[] = [(refs[0] as AstNodeRef).id];
    for (;;) {
      let k = 0;
      let hasShape = false;
      if (this.is(T.SHAPE_DATA)) hasShape = true;
      if (hasShape) {
        // look past the shape data tokens
        while (this.is(T.SHAPE_DATA, k)) k++;
      }
      if (this.is(T.SPACE, k) && this.is(T.AMP, k + 1)) {
        const shape = hasShape ? this.parseShapeData() : undefined;
        if (shape) (refs[refs.length - 1] as AstNodeRef).shapeData = { raw: shape.raw, span: this.span(shape.start, shape.end) };
        this.take(); // SPACE
        this.take(); // AMP
        if (!this.is(T.SPACE)) throw new SyntaxErr(this.peek(), ['a space'], 'after `&`');
        while (this.is(T.SPACE)) this.take();
        const v = this.parseStyledVertex('after `&`');
        if (shape) this.applyShapeData(ids[ids.length - 1] as string, (refs[refs.length - 1] as AstNodeRef).idSpan, shape);
        refs.push(v);
        ids.push(v.id);
        continue;
      }
      if (hasShape) {
        const shape = this.parseShapeData();
        if (shape) (refs[refs.length - 1] as AstNodeRef).shapeData = { raw: shape.raw, span: this.span(shape.start, shape.end) };
        return shape ? { ids, refs, trailing: shape } : { ids, refs };
      }
      return { ids, refs };
    }
  }

  private applyShapeData(id: string, idSpan: Span, shape: ShapeData): void {
    try {
      this.db.addVertex(id, idSpan, undefined, undefined, undefined, undefined, shape.raw);
    } catch (e) {
      if (e instanceof ShapeDataError) {
        // point at the YAML problem inside the block
        const at = this.shapeDataOffset(shape, e.at);
        this.recordSemantic(e, this.span(at, Math.min(at + 1, shape.end)));
        return;
      }
      if (e instanceof SemanticError) {
        this.recordSemantic(e, this.span(shape.start, shape.end));
        return;
      }
      throw e;
    }
  }

  private parseVertexStatement(): { ast: AstVertexStatement; nodes: string[] } {
    const startTok = this.peek();
    const first = this.parseNode('at the start of a statement');
    const groups: AstNodeRef[][] = [first.refs];
    const links: AstLink[] = [];
    if (first.trailing) this.applyShapeData(first.ids[first.ids.length - 1] as string, (first.refs[first.refs.length - 1] as AstNodeRef).idSpan, first.trailing);
    let endPos = this.lastEnd(first.refs, first.trailing);
    while (this.is(T.SPACE)) this.take();
    let cur = first.ids;
    // mermaid lists the nodes of `a --> b --> c` as [c, b, a] (each group in its order)
    const idGroups: string[][] = [first.ids];
    for (;;) {
      const t = this.peek();
      if (t.kind !== T.LINK && t.kind !== T.START_LINK && t.kind !== T.LINK_ID) break;
      const link = this.parseLink();
      const next = this.parseNode('after a link');
      if (next.trailing) this.applyShapeData(next.ids[next.ids.length - 1] as string, (next.refs[next.refs.length - 1] as AstNodeRef).idSpan, next.trailing);
      this.db.addLink(cur, next.ids, link.info);
      links.push(link.ast);
      groups.push(next.refs);
      idGroups.push(next.ids);
      cur = next.ids;
      endPos = this.lastEnd(next.refs, next.trailing);
      while (this.is(T.SPACE)) this.take();
    }
    const n = this.peek();
    if (n.kind !== T.NEWLINE && n.kind !== T.SEMI && n.kind !== T.EOF) {
      throw new SyntaxErr(n, ['a new line', '`;`', '`&`', 'a link'], 'after a statement');
    }
    const ast: AstVertexStatement = { kind: 'vertices', span: { start: this.o(startTok.start), end: this.o(endPos) }, groups, links };
    const nodes: string[] = [];
    for (let i = idGroups.length - 1; i >= 0; i--) for (const id of idGroups[i] as string[]) nodes.push(id);
    return { ast, nodes };
  }

  private lastEnd(_refs: AstNodeRef[], trailing?: { end: number }): number {
    return trailing ? trailing.end : this.lastRawEnd;
  }

  private parseLink(): { info: LinkInfo; ast: AstLink } {
    const t = this.take();
    let idTok: Token | undefined;
    let head = t;
    if (t.kind === T.LINK_ID) {
      idTok = t;
      head = this.peek();
      if (head.kind !== T.LINK && head.kind !== T.START_LINK) throw new SyntaxErr(head, ['a link after the edge id'], `after \`${this.val(t)}\``);
      this.take();
    }
    let info: { type: LinkInfo['type']; stroke: LinkInfo['stroke']; length: number | undefined };
    let label: AstText | undefined;
    let end = head.end;
    let arrow: string;
    if (head.kind === T.START_LINK) {
      const first = this.peek();
      let labelType: LabelType = 'text';
      if (first.kind === T.STR) labelType = 'string';
      else if (first.kind === T.MD_STR) labelType = 'markdown';
      else if (!EDGE_TEXT_TOKENS.has(first.kind)) throw new SyntaxErr(first, ['edge label text'], `after \`${this.val(head).trim()}\``);
      this.take();
      let text = this.val(first);
      let textEnd = first.end;
      while (EDGE_TEXT_TOKENS.has(this.peek().kind)) {
        const x = this.take();
        text += this.val(x);
        textEnd = x.end;
      }
      const close = this.peek();
      if (close.kind !== T.LINK) throw new SyntaxErr(close, ['the end of the link (e.g. `-->`)'], 'after the edge label');
      this.take();
      end = close.end;
      label = { text, labelType, span: this.span(first.start, textEnd) };
      info = destructLink(this.val(close), this.val(head));
      arrow = this.val(head).trim() + ' ' + this.val(close).trim();
    } else {
      info = destructLink(this.val(head));
      arrow = this.val(head).trim();
      if (this.is(T.PIPE)) {
        this.take();
        label = this.parseText('in the edge label', [T.PIPE]);
        end = this.expect(T.PIPE, '`|`', 'to close the edge label').end;
        if (this.is(T.SPACE)) this.take();
      }
    }
    // hint: arrow head glued to the next id
    const nx = this.peek();
    const headLast = this.src.charCodeAt(head.end - 1);
    if (!label && head.kind === T.LINK && nx.start === head.end && (headLast === 111 || headLast === 120) && ID_TOKENS.has(nx.kind)) {
      const headText = this.val(head);
      const ch = headText[headText.length - 1] as string;
      this.hints.push({
        code: 'edge-end-before-id',
        message: `\`${headText.trim()}\` is read as a link with a ${ch === 'o' ? 'circle' : 'cross'} end pointing at \`${this.val(nx)}\`, not as a link to \`${ch}${this.val(nx)}\``,
        span: this.span(head.end - 1, head.end),
      });
    }
    // trim surrounding whitespace of the operator for the span
    const startText = this.val(idTok ?? head);
    const lead = startText.length - startText.trimStart().length;
    const spanStart = (idTok ?? head).start + lead;
    let spanEnd = end;
    while (spanEnd > spanStart && isWs(this.src.charCodeAt(spanEnd - 1))) spanEnd--;
    const span = this.span(spanStart, spanEnd);
    const linkInfo: LinkInfo = { type: info.type, stroke: info.stroke, length: info.length, span };
    const ast: AstLink = { span, arrow, type: info.type, stroke: info.stroke, length: info.length ?? 0 };
    if (label) {
      linkInfo.text = { text: label.text, type: label.labelType };
      linkInfo.labelSpan = label.span;
      ast.label = label;
    }
    if (idTok) {
      const idText = this.val(idTok);
      linkInfo.id = idText;
      ast.id = { text: idText.replace('@', ''), span: this.span(idTok.start, idTok.end - 1) };
    }
    return { info: linkInfo, ast };
  }

  // ---------------------------------------------------------------- other statements

  private space(context: string): void {
    this.expect(T.SPACE, 'a space', context);
  }

  private parseStyles(context: string): string[] {
    const styles: string[] = [];
    for (;;) {
      const t = this.peek();
      if (!STYLE_COMPONENTS.has(t.kind)) throw new SyntaxErr(t, ['a style (e.g. `fill:#f9f`)'], context);
      let s = '';
      while (STYLE_COMPONENTS.has(this.peek().kind)) s += this.val(this.take());
      styles.push(s);
      if (this.is(T.COMMA)) {
        this.take();
        continue;
      }
      return styles;
    }
  }

  private parseStyle(): AstStatement {
    const kw = this.take();
    this.space('after `style`');
    const id = this.parseIdString('after `style`');
    this.space('after the node id');
    const styles = this.parseStyles('after the node id');
    const idSpan = this.span(id.start, id.end);
    this.semantic(() => this.db.addVertex(id.id, idSpan, undefined, undefined, styles), kw);
    return { kind: 'style', span: this.span(kw.start, this.lineEnd(kw.start)), id: id.id, idSpan, styles };
  }

  private semantic(fn: () => void, at: Token): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof SemanticError) {
        this.recordSemantic(e, this.span(at.start, this.lineEnd(at.start)));
        return;
      }
      throw e;
    }
  }

  private parseClassDef(): AstStatement {
    const kw = this.take();
    this.space('after `classDef`');
    const id = this.parseIdString('after `classDef`');
    this.space('after the class name');
    const styles = this.parseStyles('after the class name');
    this.db.addClass(id.id, styles);
    return { kind: 'classDef', span: this.span(kw.start, this.lineEnd(kw.start)), names: id.id, namesSpan: this.span(id.start, id.end), styles };
  }

  private parseClass(): AstStatement {
    const kw = this.take();
    this.space('after `class`');
    const ids = this.parseIdString('after `class`');
    this.space('after the node ids');
    const cls = this.parseIdString('after the node ids');
    this.db.setClass(ids.id, cls.id);
    return {
      kind: 'class',
      span: this.span(kw.start, cls.end),
      ids: ids.id,
      idsSpan: this.span(ids.start, ids.end),
      className: cls.id,
      classNameSpan: this.span(cls.start, cls.end),
    };
  }

  private parseLinkStyle(): AstStatement {
    const kw = this.take();
    this.space('after `linkStyle`');
    const targets: { value: string; span: Span }[] = [];
    const t = this.peek();
    if (t.kind === T.DEFAULT) {
      this.take();
      targets.push({ value: 'default', span: this.tspan(t) });
    } else if (t.kind === T.NUM) {
      this.take();
      targets.push({ value: this.val(t), span: this.tspan(t) });
      while (this.is(T.COMMA)) {
        this.take();
        const n = this.expect(T.NUM, 'an edge index', 'after `,`');
        targets.push({ value: this.val(n), span: this.tspan(n) });
      }
    } else {
      throw new SyntaxErr(t, ['`default`', 'an edge index'], 'after `linkStyle`');
    }
    this.space('after the edge indices');
    let interpolate: string | undefined;
    let styles: string[] | undefined;
    if (this.is(T.INTERPOLATE)) {
      this.take();
      this.space('after `interpolate`');
      const a = this.peek();
      if (!ALNUM_TOKENS.has(a.kind)) throw new SyntaxErr(a, ['a curve name'], 'after `interpolate`');
      interpolate = '';
      while (ALNUM_TOKENS.has(this.peek().kind)) interpolate += this.val(this.take());
      if (this.is(T.SPACE)) {
        this.take();
        styles = this.parseStyles('after the curve name');
      }
    } else {
      styles = this.parseStyles('after the edge indices');
    }
    const positions = targets.map((x) => x.value);
    this.semantic(() => {
      if (interpolate !== undefined) this.db.updateLinkInterpolate(positions, interpolate);
      if (styles !== undefined) this.db.updateLink(positions, styles);
    }, kw);
    const ast: AstStatement = { kind: 'linkStyle', span: this.span(kw.start, this.lineEnd(kw.start)), targets };
    if (interpolate !== undefined) ast.interpolate = interpolate;
    if (styles !== undefined) ast.styles = styles;
    return ast;
  }

  private parseClick(): AstStatement {
    const c = this.take();
    const id = this.val(c);
    const ast: AstStatement = { kind: 'click', span: this.tspan(c), id, idSpan: this.tspan(c) };
    const t = this.peek();
    let end = c.end;
    const strOpt = (): Token | undefined => {
      if (this.is(T.SPACE) && this.is(T.STR, 1)) {
        this.take();
        return this.take();
      }
      return undefined;
    };
    if (t.kind === T.CALLBACKNAME || ALNUM_TOKENS.has(t.kind)) {
      if (t.kind === T.CALLBACKNAME) {
        this.take();
        ast.callback = this.val(t).trim();
        end = t.end;
        if (this.is(T.CALLBACKARGS)) {
          const a = this.take();
          ast.callbackArgs = this.val(a);
          end = a.end;
        }
      } else {
        let name = '';
        while (ALNUM_TOKENS.has(this.peek().kind)) {
          const x = this.take();
          name += this.val(x);
          end = x.end;
        }
        ast.callback = name;
      }
      if (this.is(T.SPACE)) {
        this.take();
        const s = this.expect(T.STR, 'a tooltip string', 'after the callback');
        ast.tooltip = this.val(s);
        end = s.end;
      }
      this.db.setClickEvent(id);
      if (ast.tooltip !== undefined) this.db.setTooltip(id, ast.tooltip);
    } else if (t.kind === T.HREF || t.kind === T.STR) {
      if (t.kind === T.HREF) {
        this.take();
        const s = this.expect(T.STR, 'a link string', 'after `href`');
        ast.href = this.val(s);
        end = s.end;
      } else {
        this.take();
        ast.href = this.val(t);
        end = t.end;
      }
      if (this.is(T.SPACE)) {
        const n = this.peek(1);
        if (n.kind === T.STR) {
          const s = strOpt() as Token;
          ast.tooltip = this.val(s);
          end = s.end;
          if (this.is(T.SPACE)) {
            this.take();
            const lt = this.expect(T.LINK_TARGET, 'a link target (`_blank`, `_self`, `_parent`, `_top`)', 'after the tooltip');
            ast.target = this.val(lt);
            end = lt.end;
          }
        } else if (n.kind === T.LINK_TARGET) {
          this.take();
          const lt = this.take();
          ast.target = this.val(lt);
          end = lt.end;
        } else {
          this.take();
          throw new SyntaxErr(n, ['a tooltip string', 'a link target'], 'after the link');
        }
      }
      this.db.setLink(id, ast.href, ast.target);
      if (ast.tooltip !== undefined) this.db.setTooltip(id, ast.tooltip);
    } else {
      throw new SyntaxErr(t, ['a callback name', '`call`', '`href`', 'a link string'], `after \`click ${id}\``);
    }
    ast.span = this.span(c.start, end);
    return ast;
  }
}
