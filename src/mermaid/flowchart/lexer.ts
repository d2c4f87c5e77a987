/**
 * A stateful lexer that produces the same token stream as mermaid 12.3.0's flowchart
 * lexer: the same lexer states (a stack), the same rule priority (first matching rule
 * wins, in grammar order) and the same token boundaries. Written from the lexical
 * grammar, scanning character codes; no per-character token objects for labels.
 */
import { isLineTerminator, isNodeStringChar, isUnicodeText, isWordChar, isWs } from './chars.js';

/** Token kinds. */
export const T = {
  END: 0, // $end
  SEMI: 1,
  NEWLINE: 2,
  SPACE: 3,
  EOF: 4,
  GRAPH: 5,
  NODIR: 6,
  DIR: 7,
  SUBGRAPH: 8,
  SQS: 9,
  SQE: 10,
  END_KW: 11,
  ACC_TITLE: 12,
  ACC_TITLE_VALUE: 13,
  ACC_DESCR: 14,
  ACC_DESCR_VALUE: 15,
  ACC_DESCR_ML_VALUE: 16,
  SHAPE_DATA: 17,
  AMP: 18,
  STYLE_SEPARATOR: 19,
  DOUBLECIRCLESTART: 20,
  DOUBLECIRCLEEND: 21,
  PS: 22,
  PE: 23,
  ELLIPSE_START: 24,
  ELLIPSE_END: 25,
  STADIUMSTART: 26,
  STADIUMEND: 27,
  SUBROUTINESTART: 28,
  SUBROUTINEEND: 29,
  VERTEX_WITH_PROPS_START: 30,
  COLON: 31,
  PIPE: 32,
  CYLINDERSTART: 33,
  CYLINDEREND: 34,
  DIAMOND_START: 35,
  DIAMOND_STOP: 36,
  TAGEND: 37,
  TRAPSTART: 38,
  TRAPEND: 39,
  INVTRAPSTART: 40,
  INVTRAPEND: 41,
  START_LINK: 42,
  LINK: 43,
  LINK_ID: 44,
  STR: 45,
  MD_STR: 46,
  STYLE: 47,
  LINKSTYLE: 48,
  CLASSDEF: 49,
  CLASS: 50,
  CLICK: 51,
  DOWN: 52,
  UP: 53,
  CALLBACKNAME: 54,
  CALLBACKARGS: 55,
  HREF: 56,
  LINK_TARGET: 57,
  DEFAULT: 58,
  INTERPOLATE: 59,
  NUM: 60,
  COMMA: 61,
  NODE_STRING: 62,
  BRKT: 63,
  MINUS: 64,
  MULT: 65,
  UNICODE_TEXT: 66,
  TEXT: 67,
  TAGSTART: 68,
  EDGE_TEXT: 69,
  DIRECTION_TB: 70,
  DIRECTION_BT: 71,
  DIRECTION_RL: 72,
  DIRECTION_LR: 73,
  DIRECTION_TD: 74,
  SEP: 75, // produced by the lexer, unknown to the grammar
  QUOTE: 76, // idem
  LEX_ERROR: 77,
} as const;
export type TokenKind = (typeof T)[keyof typeof T];

/** Display names (mermaid's token names) for messages. */
export const TOKEN_NAMES: readonly string[] = [
  'end of input', 'SEMI', 'NEWLINE', 'SPACE', 'EOF', 'GRAPH', 'NODIR', 'DIR', 'subgraph', 'SQS', 'SQE',
  'end', 'acc_title', 'acc_title_value', 'acc_descr', 'acc_descr_value', 'acc_descr_multiline_value',
  'SHAPE_DATA', 'AMP', 'STYLE_SEPARATOR', 'DOUBLECIRCLESTART', 'DOUBLECIRCLEEND', 'PS', 'PE', '(-', '-)',
  'STADIUMSTART', 'STADIUMEND', 'SUBROUTINESTART', 'SUBROUTINEEND', 'VERTEX_WITH_PROPS_START', 'COLON',
  'PIPE', 'CYLINDERSTART', 'CYLINDEREND', 'DIAMOND_START', 'DIAMOND_STOP', 'TAGEND', 'TRAPSTART', 'TRAPEND',
  'INVTRAPSTART', 'INVTRAPEND', 'START_LINK', 'LINK', 'LINK_ID', 'STR', 'MD_STR', 'STYLE', 'LINKSTYLE',
  'CLASSDEF', 'CLASS', 'CLICK', 'DOWN', 'UP', 'CALLBACKNAME', 'CALLBACKARGS', 'HREF', 'LINK_TARGET',
  'DEFAULT', 'INTERPOLATE', 'NUM', 'COMMA', 'NODE_STRING', 'BRKT', 'MINUS', 'MULT', 'UNICODE_TEXT', 'TEXT',
  'TAGSTART', 'EDGE_TEXT', 'direction_tb', 'direction_bt', 'direction_rl', 'direction_lr', 'direction_td',
  'SEP', 'QUOTE', 'unrecognised text',
];

export interface Token {
  kind: TokenKind;
  /** Offsets into the lexed (preprocessed) text. */
  start: number;
  end: number;
  /** Token value when it differs from the source slice (SHAPE_DATA). */
  value: string | undefined;
}

// Lexer states
const S_INITIAL = 0;
const S_STRING = 1;
const S_MD_STRING = 2;
const S_ACC_TITLE = 3;
const S_ACC_DESCR = 4;
const S_ACC_DESCR_ML = 5;
const S_DIR = 6;
const S_TEXT = 7;
const S_ELLIPSE = 8;
const S_TRAP = 9;
const S_EDGE = 10;
const S_THICK = 11;
const S_DOTTED = 12;
const S_CLICK = 13;
const S_CBNAME = 14;
const S_CBARGS = 15;
const S_SHAPE = 16;
const S_SHAPESTR = 17;

const C_NL = 10;
const C_QUOTE = 34;
const C_BACKTICK = 96;

interface DirectionOccurrence {
  /** Start of the word `direction`. */
  start: number;
  /** 0..4 for TB, BT, RL, LR, TD. */
  kind: number;
  /** End of the two-letter direction. */
  dirEnd: number;
}

export class FlowLexer {
  readonly src: string;
  private readonly len: number;
  pos = 0;
  private stack: number[] = [S_INITIAL];
  private done = false;
  private firstGraph = true;
  // LINK_ID cache: one run of characters that LINK_ID's character class accepts
  private runStart = -1;
  private runEnd = -1;
  private runLastAt = -1;
  private dirOcc: DirectionOccurrence[] | null = null;
  // lineEndAt cache: every position in [lineFrom, lineTo] has its next line terminator at lineTo
  private lineFrom = -1;
  private lineTo = -1;

  constructor(src: string) {
    this.src = src;
    this.len = src.length;
  }

  /** Abandon the current lexer state and continue at `pos` in the initial state. */
  resetAt(pos: number): void {
    this.pos = pos;
    this.stack = [S_INITIAL];
    this.done = pos >= this.len && this.done;
  }

  private top(): number {
    return this.stack[this.stack.length - 1] ?? S_INITIAL;
  }
  private push(s: number): void {
    this.stack.push(s);
  }
  private pop(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  private tok(kind: TokenKind, start: number, end: number, value?: string): Token {
    this.pos = end;
    return { kind, start, end, value };
  }

  next(): Token {
    for (;;) {
      if (this.done) return { kind: T.END, start: this.len, end: this.len, value: undefined };
      const p = this.pos;
      if (p >= this.len) {
        if (this.top() === S_INITIAL) {
          this.done = true;
          return { kind: T.EOF, start: p, end: p, value: undefined };
        }
        this.done = true;
        return { kind: T.END, start: p, end: p, value: undefined };
      }
      let t: Token | null;
      switch (this.top()) {
        case S_INITIAL:
          t = this.lexInitial(p);
          break;
        case S_STRING:
          t = this.lexString(p);
          break;
        case S_MD_STRING:
          t = this.lexMdString(p);
          break;
        case S_ACC_TITLE:
        case S_ACC_DESCR: {
          const kind = this.top() === S_ACC_TITLE ? T.ACC_TITLE_VALUE : T.ACC_DESCR_VALUE;
          let q = p;
          while (q < this.len && this.src.charCodeAt(q) !== C_NL) q++;
          this.pop();
          t = this.tok(kind, p, q);
          break;
        }
        case S_ACC_DESCR_ML: {
          if (this.src.charCodeAt(p) === 125) {
            this.pop();
            this.pos = p + 1;
            t = null;
          } else {
            const q = this.src.indexOf('}', p);
            t = this.tok(T.ACC_DESCR_ML_VALUE, p, q < 0 ? this.len : q);
          }
          break;
        }
        case S_DIR:
          t = this.lexDir(p);
          break;
        case S_TEXT:
          t = this.lexText(p);
          break;
        case S_ELLIPSE:
          t = this.lexEllipse(p);
          break;
        case S_TRAP:
          t = this.lexTrap(p);
          break;
        case S_EDGE:
        case S_THICK:
        case S_DOTTED:
          t = this.lexEdgeText(p, this.top());
          break;
        case S_CLICK: {
          const c = this.src.charCodeAt(p);
          if (c === C_QUOTE) {
            t = this.quote(p);
          } else if (isWs(c)) {
            this.pop();
            this.pos = p + 1;
            t = null;
          } else {
            let q = p;
            while (q < this.len && !isWs(this.src.charCodeAt(q))) q++;
            t = this.tok(T.CLICK, p, q);
          }
          break;
        }
        case S_CBNAME: {
          if (this.src.charCodeAt(p) === 40) {
            let q = p + 1;
            while (q < this.len && isWs(this.src.charCodeAt(q))) q++;
            this.pop();
            if (this.src.charCodeAt(q) === 41) {
              this.pos = q + 1;
            } else {
              this.push(S_CBARGS);
              this.pos = p + 1;
            }
            t = null;
          } else {
            const q = this.src.indexOf('(', p);
            t = this.tok(T.CALLBACKNAME, p, q < 0 ? this.len : q);
          }
          break;
        }
        case S_CBARGS: {
          if (this.src.charCodeAt(p) === 41) {
            this.pop();
            this.pos = p + 1;
            t = null;
          } else {
            const q = this.src.indexOf(')', p);
            t = this.tok(T.CALLBACKARGS, p, q < 0 ? this.len : q);
          }
          break;
        }
        case S_SHAPE:
          t = this.lexShape(p);
          break;
        case S_SHAPESTR: {
          if (this.src.charCodeAt(p) === C_QUOTE) {
            this.pop();
            t = this.tok(T.SHAPE_DATA, p, p + 1);
          } else {
            let q = this.src.indexOf('"', p);
            if (q < 0) q = this.len;
            const raw = this.src.slice(p, q);
            t = this.tok(T.SHAPE_DATA, p, q, raw.indexOf('\n') < 0 ? raw : raw.replace(/\n\s*/g, '<br/>'));
          }
          break;
        }
        default:
          t = this.lexError(p);
      }
      if (t) return t;
    }
  }

  private lexError(p: number): Token {
    // mermaid throws "Lexical error ... Unrecognized text."
    return this.tok(T.LEX_ERROR, p, p + 1);
  }

  /** `"` or "`" rules shared by most states (rules `<*>["][`]` and `<*>["]`). */
  private quote(p: number): null {
    if (this.src.charCodeAt(p + 1) === C_BACKTICK) {
      this.push(S_MD_STRING);
      this.pos = p + 2;
    } else {
      this.push(S_STRING);
      this.pos = p + 1;
    }
    return null;
  }

  private startsWith(word: string, p: number): boolean {
    return this.src.startsWith(word, p);
  }

  /** `word\b` at p. */
  private keyword(word: string, p: number): boolean {
    if (!this.src.startsWith(word, p)) return false;
    const e = p + word.length;
    return e >= this.len || !isWordChar(this.src.charCodeAt(e));
  }

  private skipWs(p: number): number {
    while (p < this.len && isWs(this.src.charCodeAt(p))) p++;
    return p;
  }

  // ---------------------------------------------------------------- INITIAL

  private lexInitial(p: number): Token | null {
    const s = this.src;
    const c = s.charCodeAt(p);
    // Rules 0..44: keywords, strings, shape data, callbacks
    switch (c) {
      case 97: // a
        if (this.startsWith('accTitle', p)) {
          const q = this.skipWs(p + 8);
          if (s.charCodeAt(q) === 58) {
            const e = this.skipWs(q + 1);
            this.push(S_ACC_TITLE);
            return this.tok(T.ACC_TITLE, p, e);
          }
        }
        if (this.startsWith('accDescr', p)) {
          const q = this.skipWs(p + 8);
          if (s.charCodeAt(q) === 58) {
            const e = this.skipWs(q + 1);
            this.push(S_ACC_DESCR);
            return this.tok(T.ACC_DESCR, p, e);
          }
          if (s.charCodeAt(q) === 123) {
            this.push(S_ACC_DESCR_ML);
            this.pos = this.skipWs(q + 1);
            return null;
          }
        }
        break;
      case 64: // @
        if (s.charCodeAt(p + 1) === 123) {
          this.push(S_SHAPE);
          return this.tok(T.SHAPE_DATA, p, p + 2, '');
        }
        break;
      case 99: // c
        if (this.startsWith('call', p) && p + 4 < this.len && isWs(s.charCodeAt(p + 4))) {
          this.push(S_CBNAME);
          this.pos = this.skipWs(p + 4);
          return null;
        }
        if (this.keyword('classDef', p)) return this.tok(T.CLASSDEF, p, p + 8);
        if (this.keyword('class', p)) return this.tok(T.CLASS, p, p + 5);
        if (this.startsWith('click', p) && p + 5 < this.len && isWs(s.charCodeAt(p + 5))) {
          this.push(S_CLICK);
          this.pos = this.skipWs(p + 5);
          return null;
        }
        break;
      case C_QUOTE:
        return this.quote(p);
      case 115: // s
        if (this.keyword('style', p)) return this.tok(T.STYLE, p, p + 5);
        if (this.keyword('swimlane-beta', p)) return this.graphKeyword(p, p + 13);
        if (this.keyword('subgraph', p)) return this.tok(T.SUBGRAPH, p, p + 8);
        break;
      case 100: // d
        if (this.keyword('default', p)) return this.tok(T.DEFAULT, p, p + 7);
        break;
      case 108: // l
        if (this.keyword('linkStyle', p)) return this.tok(T.LINKSTYLE, p, p + 9);
        break;
      case 105: // i
        if (this.keyword('interpolate', p)) return this.tok(T.INTERPOLATE, p, p + 11);
        break;
      case 104: // h
        if (this.startsWith('href', p) && p + 4 < this.len && isWs(s.charCodeAt(p + 4))) {
          return this.tok(T.HREF, p, p + 5);
        }
        break;
      case 102: // f
        if (this.keyword('flowchart-elk', p)) return this.graphKeyword(p, p + 13);
        if (this.keyword('flowchart', p)) return this.graphKeyword(p, p + 9);
        break;
      case 103: // g
        if (this.keyword('graph', p)) return this.graphKeyword(p, p + 5);
        break;
      case 101: // e
        if (this.keyword('end', p)) return this.tok(T.END_KW, p, this.skipWs(p + 3));
        break;
      case 95: // _
        for (const w of ['_self', '_blank', '_parent', '_top']) {
          if (this.keyword(w, p)) return this.tok(T.LINK_TARGET, p, p + w.length);
        }
        break;
    }
    // Rules 56..60: `.*direction\s+XX[^\n]*`
    if (!isLineTerminator(c)) {
      const d = this.matchDirection(p);
      if (d) return d;
    }
    // Rule 61: LINK_ID
    if (!isWs(c) && c !== C_QUOTE && c !== 91 && c !== 93 && c !== 40 && c !== 41 && c !== 123 && c !== 125 && c !== 124) {
      const e = this.matchLinkId(p);
      if (e > 0) return this.tok(T.LINK_ID, p, e);
    }
    // Rules 62..69
    if (c >= 48 && c <= 57) {
      let q = p + 1;
      while (q < this.len) {
        const d = s.charCodeAt(q);
        if (d < 48 || d > 57) break;
        q++;
      }
      return this.tok(T.NUM, p, q);
    }
    switch (c) {
      case 35:
        return this.tok(T.BRKT, p, p + 1);
      case 58:
        if (s.charCodeAt(p + 1) === 58 && s.charCodeAt(p + 2) === 58) return this.tok(T.STYLE_SEPARATOR, p, p + 3);
        return this.tok(T.COLON, p, p + 1);
      case 38:
        return this.tok(T.AMP, p, p + 1);
      case 59:
        return this.tok(T.SEMI, p, p + 1);
      case 44:
        return this.tok(T.COMMA, p, p + 1);
      case 42:
        return this.tok(T.MULT, p, p + 1);
    }
    // Rules 70..79: links
    const ws = isWs(c);
    {
      const q = ws ? this.skipWs(p) : p;
      const d = s.charCodeAt(q);
      if (d === 120 || d === 111 || d === 60 || d === 45 || d === 61 || d === 46 || d === 126) {
        const lt = this.matchLink(p, q, S_INITIAL);
        if (lt) return lt;
      }
    }
    switch (c) {
      case 40: // (
        if (s.charCodeAt(p + 1) === 45) {
          this.push(S_ELLIPSE);
          return this.tok(T.ELLIPSE_START, p, p + 2);
        }
        if (s.charCodeAt(p + 1) === 91) {
          this.push(S_TEXT);
          return this.tok(T.STADIUMSTART, p, p + 2);
        }
        if (s.charCodeAt(p + 1) === 40 && s.charCodeAt(p + 2) === 40) {
          this.push(S_TEXT);
          return this.tok(T.DOUBLECIRCLESTART, p, p + 3);
        }
        this.push(S_TEXT);
        return this.tok(T.PS, p, p + 1);
      case 91: {
        // [
        const n = s.charCodeAt(p + 1);
        if (n === 91) {
          this.push(S_TEXT);
          return this.tok(T.SUBROUTINESTART, p, p + 2);
        }
        if (n === 124) return this.tok(T.VERTEX_WITH_PROPS_START, p, p + 2);
        if (n === 40) {
          this.push(S_TEXT);
          return this.tok(T.CYLINDERSTART, p, p + 2);
        }
        if (n === 47) {
          this.push(S_TRAP);
          return this.tok(T.TRAPSTART, p, p + 2);
        }
        if (n === 92) {
          this.push(S_TRAP);
          return this.tok(T.INVTRAPSTART, p, p + 2);
        }
        this.push(S_TEXT);
        return this.tok(T.SQS, p, p + 1);
      }
      case 62: // >
        this.push(S_TEXT);
        return this.tok(T.TAGEND, p, p + 1);
      case 60:
        return this.tok(T.TAGSTART, p, p + 1);
      case 94:
        return this.tok(T.UP, p, p + 1);
      case 124:
        this.push(S_TEXT);
        return this.tok(T.PIPE, p, p + 1);
      case 123:
        this.push(S_TEXT);
        return this.tok(T.DIAMOND_START, p, p + 1);
      case 92:
        if (s.charCodeAt(p + 1) === 124) return this.tok(T.SEP, p, p + 2);
        break;
      case 118: // v\b
        if (p + 1 >= this.len || !isWordChar(s.charCodeAt(p + 1))) return this.tok(T.DOWN, p, p + 1);
        break;
    }
    // Rule 106: NODE_STRING
    {
      let q = p;
      while (q < this.len) {
        const d = s.charCodeAt(q);
        if (isNodeStringChar(d)) {
          q++;
          continue;
        }
        if (d === 45 && q + 1 < this.len) {
          const n = s.charCodeAt(q + 1);
          if (n !== 62 && n !== 45 && n !== 46) {
            q++;
            continue;
          }
        }
        break;
      }
      if (q > p) return this.tok(T.NODE_STRING, p, q);
    }
    if (c === 45) return this.tok(T.MINUS, p, p + 1);
    if (isUnicodeText(c)) return this.tok(T.UNICODE_TEXT, p, p + 1);
    if (c === C_NL) {
      let q = p + 1;
      for (;;) {
        const d = s.charCodeAt(q);
        if (d === C_NL) q++;
        else if (d === 13 && s.charCodeAt(q + 1) === C_NL) q += 2;
        else break;
      }
      return this.tok(T.NEWLINE, p, q);
    }
    if (c === 13 && s.charCodeAt(p + 1) === C_NL) {
      let q = p + 2;
      for (;;) {
        const d = s.charCodeAt(q);
        if (d === C_NL) q++;
        else if (d === 13 && s.charCodeAt(q + 1) === C_NL) q += 2;
        else break;
      }
      return this.tok(T.NEWLINE, p, q);
    }
    if (ws && c !== 13) {
      let q = p + 1;
      while (q < this.len) {
        const d = s.charCodeAt(q);
        if (d === C_NL || d === 13 || !isWs(d)) break;
        q++;
      }
      return this.tok(T.SPACE, p, q);
    }
    return this.lexError(p);
  }

  private graphKeyword(p: number, e: number): Token {
    if (this.firstGraph) {
      this.firstGraph = false;
      this.push(S_DIR);
    }
    return this.tok(T.GRAPH, p, e);
  }

  /** Rules 70..79 (and their edge-text variants) with `\s*` already skipped to q. */
  private matchLink(p: number, q: number, state: number): Token | null {
    const s = this.src;
    let r = q;
    let c = s.charCodeAt(r);
    let hasPrefix = false;
    if (c === 120 || c === 111 || c === 60) {
      hasPrefix = true;
      r++;
      c = s.charCodeAt(r);
    }
    if ((state === S_INITIAL || state === S_EDGE) && c === 45) {
      // rule 70: [xo<]?--+[-xo>]
      let n = 0;
      let k = r;
      while (s.charCodeAt(k) === 45) {
        n++;
        k++;
      }
      if (n >= 2) {
        const d = s.charCodeAt(k);
        let e = -1;
        if (d === 120 || d === 111 || d === 62) e = k + 1;
        else if (n >= 3) e = k;
        if (e > 0) {
          if (state === S_EDGE) this.pop();
          return this.tok(T.LINK, p, this.skipWs(e));
        }
        if (state === S_INITIAL) {
          // rule 71: [xo<]?--\s*
          this.push(S_EDGE);
          return this.tok(T.START_LINK, p, this.skipWs(r + 2));
        }
      }
    }
    if ((state === S_INITIAL || state === S_THICK) && c === 61) {
      let n = 0;
      let k = r;
      while (s.charCodeAt(k) === 61) {
        n++;
        k++;
      }
      if (n >= 2) {
        const d = s.charCodeAt(k);
        let e = -1;
        if (d === 120 || d === 111 || d === 62) e = k + 1;
        else if (n >= 3) e = k;
        if (e > 0) {
          if (state === S_THICK) this.pop();
          return this.tok(T.LINK, p, this.skipWs(e));
        }
        if (state === S_INITIAL) {
          this.push(S_THICK);
          return this.tok(T.START_LINK, p, this.skipWs(r + 2));
        }
      }
    }
    if ((state === S_INITIAL || state === S_DOTTED) && (c === 45 || c === 46)) {
      // rule 76: [xo<]?-?\.+-[xo>]?
      let k = r;
      if (s.charCodeAt(k) === 45) k++;
      let dots = 0;
      while (s.charCodeAt(k) === 46) {
        dots++;
        k++;
      }
      if (dots > 0 && s.charCodeAt(k) === 45) {
        k++;
        const d = s.charCodeAt(k);
        if (d === 120 || d === 111 || d === 62) k++;
        if (state === S_DOTTED) this.pop();
        return this.tok(T.LINK, p, this.skipWs(k));
      }
      // rule 77: [xo<]?-\.\s*
      if (state === S_INITIAL && c === 45 && s.charCodeAt(r + 1) === 46) {
        this.push(S_DOTTED);
        return this.tok(T.START_LINK, p, this.skipWs(r + 2));
      }
    }
    if (!hasPrefix && state === S_INITIAL) {
      const t = this.matchTilde(p, q);
      if (t) return t;
    }
    return null;
  }

  /** Rule 79 `\s*~~[~]+\s*` with `\s*` skipped to q. */
  private matchTilde(p: number, q: number): Token | null {
    const s = this.src;
    let k = q;
    while (s.charCodeAt(k) === 126) k++;
    if (k - q >= 3) return this.tok(T.LINK, p, this.skipWs(k));
    return null;
  }

  private tildeAt(p: number): Token | null {
    const c = this.src.charCodeAt(p);
    if (c !== 126 && !isWs(c)) return null;
    return this.matchTilde(p, this.skipWs(p));
  }

  /** LINK_ID: `[^\s"[\](){}|]+@(?=[^{"])`, greedy. */
  private matchLinkId(p: number): number {
    if (p < this.runStart || p >= this.runEnd) {
      const s = this.src;
      let q = p;
      let lastAt = -1;
      while (q < this.len) {
        const d = s.charCodeAt(q);
        if (isWs(d) || d === C_QUOTE || d === 91 || d === 93 || d === 40 || d === 41 || d === 123 || d === 125 || d === 124) break;
        if (d === 64 && q + 1 < this.len) {
          const n = s.charCodeAt(q + 1);
          if (n !== 123 && n !== C_QUOTE) lastAt = q;
        }
        q++;
      }
      this.runStart = p;
      this.runEnd = q;
      this.runLastAt = lastAt;
    }
    return this.runLastAt >= p + 1 ? this.runLastAt + 1 : -1;
  }

  /** The first line terminator at or after p (or the end), cached: tokens of a line share it. */
  private lineEndAt(p: number): number {
    if (p >= this.lineFrom && p <= this.lineTo) return this.lineTo;
    const s = this.src;
    let k = p;
    while (k < this.len && !isLineTerminator(s.charCodeAt(k))) k++;
    this.lineFrom = p;
    this.lineTo = k;
    return k;
  }

  private matchDirection(p: number): Token | null {
    if (this.dirOcc === null) {
      const occ: DirectionOccurrence[] = [];
      const re = /direction\s+(TB|BT|RL|LR|TD)/g;
      const s = this.src;
      let i = s.indexOf('direction');
      while (i >= 0) {
        re.lastIndex = i;
        const m = re.exec(s);
        if (m && m.index === i) {
          const kind = ['TB', 'BT', 'RL', 'LR', 'TD'].indexOf(m[1] ?? '');
          occ.push({ start: i, kind, dirEnd: i + m[0].length });
        }
        i = s.indexOf('direction', i + 1);
      }
      this.dirOcc = occ;
    }
    const occ = this.dirOcc;
    if (occ.length === 0) return null;
    // first occurrence with start >= p
    let lo = 0;
    let hi = occ.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((occ[mid] as DirectionOccurrence).start < p) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= occ.length) return null;
    // the `.*` prefix cannot cross a line terminator: only occurrences before the end of p's line
    const lineEnd = this.lineEndAt(p);
    let best: DirectionOccurrence | null = null;
    let bestKind = 99;
    for (let i = lo; i < occ.length; i++) {
      const o = occ[i] as DirectionOccurrence;
      if (o.start >= lineEnd) break;
      if (o.kind < bestKind || (o.kind === bestKind && best !== null && o.start > best.start)) {
        best = o;
        bestKind = o.kind;
      }
    }
    if (!best) return null;
    const s = this.src;
    let e = best.dirEnd;
    while (e < this.len && s.charCodeAt(e) !== C_NL) e++;
    return this.tok((T.DIRECTION_TB + best.kind) as TokenKind, p, e);
  }

  // ---------------------------------------------------------------- other states

  /** `<*>` rules that follow each state's own rules. */
  private starTail(p: number, withTilde: boolean): Token | null {
    const s = this.src;
    if (withTilde) {
      const t = this.tildeAt(p);
      if (t) return t;
    }
    const c = s.charCodeAt(p);
    const n = s.charCodeAt(p + 1);
    if (c === 40) {
      if (n === 45) {
        this.push(S_ELLIPSE);
        return this.tok(T.ELLIPSE_START, p, p + 2);
      }
      if (n === 91) {
        this.push(S_TEXT);
        return this.tok(T.STADIUMSTART, p, p + 2);
      }
      if (n === 40 && s.charCodeAt(p + 2) === 40) {
        this.push(S_TEXT);
        return this.tok(T.DOUBLECIRCLESTART, p, p + 3);
      }
    }
    if (c === 91) {
      if (n === 91) {
        this.push(S_TEXT);
        return this.tok(T.SUBROUTINESTART, p, p + 2);
      }
      if (n === 40) {
        this.push(S_TEXT);
        return this.tok(T.CYLINDERSTART, p, p + 2);
      }
      if (n === 47) {
        this.push(S_TRAP);
        return this.tok(T.TRAPSTART, p, p + 2);
      }
      if (n === 92) {
        this.push(S_TRAP);
        return this.tok(T.INVTRAPSTART, p, p + 2);
      }
    }
    switch (c) {
      case 124:
        this.push(S_TEXT);
        return this.tok(T.PIPE, p, p + 1);
      case 40:
        this.push(S_TEXT);
        return this.tok(T.PS, p, p + 1);
      case 91:
        this.push(S_TEXT);
        return this.tok(T.SQS, p, p + 1);
      case 123:
        this.push(S_TEXT);
        return this.tok(T.DIAMOND_START, p, p + 1);
    }
    return this.lexError(p);
  }

  private lexString(p: number): Token | null {
    const s = this.src;
    if (s.charCodeAt(p) === C_QUOTE) {
      if (s.charCodeAt(p + 1) === C_BACKTICK) {
        this.push(S_MD_STRING);
        this.pos = p + 2;
        return null;
      }
      this.pop();
      this.pos = p + 1;
      return null;
    }
    let q = s.indexOf('"', p);
    if (q < 0) q = this.len;
    return this.tok(T.STR, p, q);
  }

  private lexMdString(p: number): Token | null {
    const s = this.src;
    const c = s.charCodeAt(p);
    if (c === C_BACKTICK) {
      if (s.charCodeAt(p + 1) === C_QUOTE) {
        this.pop();
        this.pos = p + 2;
        return null;
      }
      return this.starTail(p, true);
    }
    if (c === C_QUOTE) return this.quote(p);
    let q = p;
    while (q < this.len) {
      const d = s.charCodeAt(q);
      if (d === C_BACKTICK || d === C_QUOTE) break;
      q++;
    }
    return this.tok(T.MD_STR, p, q);
  }

  private lexDir(p: number): Token | null {
    const s = this.src;
    if (s.charCodeAt(p) === C_QUOTE) return this.quote(p);
    // rule 45: (\r?\n)*\s*\n
    let q = p;
    let lastNl = -1;
    while (q < this.len) {
      const d = s.charCodeAt(q);
      if (!isWs(d)) break;
      if (d === C_NL) lastNl = q;
      q++;
    }
    if (lastNl >= 0) {
      this.pop();
      return this.tok(T.NODIR, p, lastNl + 1);
    }
    // rules 46..55
    const r = q;
    const two = s.slice(r, r + 2);
    const after = r + 2 >= this.len || !isWordChar(s.charCodeAt(r + 2));
    if ((two === 'LR' || two === 'RL' || two === 'TB' || two === 'BT' || two === 'TD' || two === 'BR') && after) {
      this.pop();
      return this.tok(T.DIR, p, r + 2);
    }
    const c = s.charCodeAt(r);
    if (c === 60 || c === 62 || c === 94) {
      this.pop();
      return this.tok(T.DIR, p, r + 1);
    }
    if (c === 118 && (r + 1 >= this.len || !isWordChar(s.charCodeAt(r + 1)))) {
      this.pop();
      return this.tok(T.DIR, p, r + 1);
    }
    return this.starTail(p, true);
  }

  private lexText(p: number): Token | null {
    const s = this.src;
    const c = s.charCodeAt(p);
    if (c === C_QUOTE) return this.quote(p);
    const tilde = this.tildeAt(p);
    if (tilde) return tilde;
    const n = s.charCodeAt(p + 1);
    switch (c) {
      case 40: // (
        if (n === 45) {
          this.push(S_ELLIPSE);
          return this.tok(T.ELLIPSE_START, p, p + 2);
        }
        if (n === 91) {
          this.push(S_TEXT);
          return this.tok(T.STADIUMSTART, p, p + 2);
        }
        if (n === 40 && s.charCodeAt(p + 2) === 40) {
          this.push(S_TEXT);
          return this.tok(T.DOUBLECIRCLESTART, p, p + 3);
        }
        this.push(S_TEXT);
        return this.tok(T.PS, p, p + 1);
      case 93: // ]
        if (n === 41) {
          this.pop();
          return this.tok(T.STADIUMEND, p, p + 2);
        }
        if (n === 93) {
          this.pop();
          return this.tok(T.SUBROUTINEEND, p, p + 2);
        }
        this.pop();
        return this.tok(T.SQE, p, p + 1);
      case 91: // [
        if (n === 91) {
          this.push(S_TEXT);
          return this.tok(T.SUBROUTINESTART, p, p + 2);
        }
        if (n === 40) {
          this.push(S_TEXT);
          return this.tok(T.CYLINDERSTART, p, p + 2);
        }
        if (n === 47) {
          this.push(S_TRAP);
          return this.tok(T.TRAPSTART, p, p + 2);
        }
        if (n === 92) {
          this.push(S_TRAP);
          return this.tok(T.INVTRAPSTART, p, p + 2);
        }
        this.push(S_TEXT);
        return this.tok(T.SQS, p, p + 1);
      case 41: // )
        if (n === 93) {
          this.pop();
          return this.tok(T.CYLINDEREND, p, p + 2);
        }
        if (n === 41 && s.charCodeAt(p + 2) === 41) {
          this.pop();
          return this.tok(T.DOUBLECIRCLEEND, p, p + 3);
        }
        this.pop();
        return this.tok(T.PE, p, p + 1);
      case 124:
        this.pop();
        return this.tok(T.PIPE, p, p + 1);
      case 125:
        this.pop();
        return this.tok(T.DIAMOND_STOP, p, p + 1);
      case 123:
        this.push(S_TEXT);
        return this.tok(T.DIAMOND_START, p, p + 1);
    }
    let q = p;
    while (q < this.len) {
      const d = s.charCodeAt(q);
      if (d === 91 || d === 93 || d === 40 || d === 41 || d === 123 || d === 125 || d === 124 || d === C_QUOTE) break;
      q++;
    }
    return this.tok(T.TEXT, p, q);
  }

  private ellipseEndAt(q: number): boolean {
    const d = this.src.charCodeAt(q);
    return (d === 45 || d === 47 || d === 41) && this.src.charCodeAt(q + 1) === 41;
  }

  private lexEllipse(p: number): Token | null {
    const s = this.src;
    const c = s.charCodeAt(p);
    if (c === C_QUOTE) return this.quote(p);
    const tilde = this.tildeAt(p);
    if (tilde) return tilde;
    if (this.ellipseEndAt(p)) {
      this.pop();
      return this.tok(T.ELLIPSE_END, p, p + 2);
    }
    const isText = (d: number) => d !== 40 && d !== 41 && d !== 91 && d !== 93 && d !== 123 && d !== 125;
    if (isText(c)) {
      let q = p + 1;
      while (q < this.len) {
        const d = s.charCodeAt(q);
        if (d === C_QUOTE || !isText(d) || this.ellipseEndAt(q)) break;
        if ((d === 126 || isWs(d)) && this.wouldTilde(q)) break;
        q++;
      }
      return this.tok(T.TEXT, p, q);
    }
    return this.starTail(p, false);
  }

  private wouldTilde(q: number): boolean {
    let k = this.skipWs(q);
    const st = k;
    while (this.src.charCodeAt(k) === 126) k++;
    return k - st >= 3;
  }

  private lexTrap(p: number): Token | null {
    const s = this.src;
    const c = s.charCodeAt(p);
    if (c === C_QUOTE) return this.quote(p);
    const tilde = this.tildeAt(p);
    if (tilde) return tilde;
    const n = s.charCodeAt(p + 1);
    // rules 82, 84, 86, 90, 92
    if (c === 40 && (n === 45 || n === 91 || (n === 40 && s.charCodeAt(p + 2) === 40))) return this.starTail(p, false);
    if (c === 91 && (n === 91 || n === 40)) return this.starTail(p, false);
    // rule 93: [\\(?=\]))] followed by ]
    if ((c === 92 || c === 40 || c === 63 || c === 61 || c === 93 || c === 41) && n === 93) {
      this.pop();
      return this.tok(T.TRAPEND, p, p + 2);
    }
    if (c === 47 && n === 93) {
      this.pop();
      return this.tok(T.INVTRAPEND, p, p + 2);
    }
    // rule 95, merged over consecutive TEXT tokens
    let q = p;
    while (q < this.len) {
      const d = s.charCodeAt(q);
      if (q > p) {
        // a new token starts at q: would an earlier rule match here?
        if (d === C_QUOTE || ((d === 126 || isWs(d)) && this.wouldTilde(q))) break;
        const e = s.charCodeAt(q + 1);
        if (d === 40 && (e === 45 || e === 91 || (e === 40 && s.charCodeAt(q + 2) === 40))) break;
        if (d === 91 && (e === 91 || e === 40)) break;
        if ((d === 63 || d === 61) && e === 93) break;
      }
      if (d === 47 || d === 92) {
        if (s.charCodeAt(q + 1) === 93) break;
        q++;
        continue;
      }
      if (d === 91 || d === 93 || d === 40 || d === 41 || d === 123 || d === 125) break;
      // a run of [^\\[\](){}/]+
      q++;
      while (q < this.len) {
        const r = s.charCodeAt(q);
        if (r === 92 || r === 91 || r === 93 || r === 40 || r === 41 || r === 123 || r === 125 || r === 47) break;
        q++;
      }
    }
    if (q > p) return this.tok(T.TEXT, p, q);
    return this.starTail(p, false);
  }

  private lexEdgeText(p: number, state: number): Token | null {
    const s = this.src;
    const c = s.charCodeAt(p);
    if (c === C_QUOTE) return this.quote(p);
    const stop = state === S_EDGE ? 45 : state === S_THICK ? 61 : 46;
    const linkAt = (q: number): Token | null => {
      const d = s.charCodeAt(q);
      if (!(isWs(d) || d === 120 || d === 111 || d === 60 || d === 45 || d === 61 || d === 46)) return null;
      const r = isWs(d) ? this.skipWs(q) : q;
      return this.matchLink(q, r, state);
    };
    const lt = linkAt(p);
    if (lt) return lt;
    const textAt = (q: number): boolean => {
      const d = s.charCodeAt(q);
      if (d !== stop) return true;
      return state === S_EDGE && s.charCodeAt(q + 1) !== 45;
    };
    if (!textAt(p)) return this.starTail(p, true);
    let q = p + 1;
    while (q < this.len) {
      const d = s.charCodeAt(q);
      if (d === C_QUOTE) break;
      if (isWs(d) || d === 120 || d === 111 || d === 60 || d === 45 || d === 61 || d === 46) {
        // would a link match here? (probe without side effects)
        const probe = this.probeLink(q, state);
        if (probe) break;
      }
      if (!textAt(q)) break;
      q++;
    }
    return this.tok(T.EDGE_TEXT, p, q);
  }

  /** Whether a LINK token (rules 70/73/76) would match at q in an edge-text state. Pure. */
  private probeLink(q: number, state: number): boolean {
    const s = this.src;
    let r = q;
    while (r < this.len && isWs(s.charCodeAt(r))) r++;
    let c = s.charCodeAt(r);
    if (c === 120 || c === 111 || c === 60) c = s.charCodeAt(++r);
    if (state === S_EDGE || state === S_THICK) {
      const ch = state === S_EDGE ? 45 : 61;
      if (c !== ch) return false;
      let k = r;
      while (s.charCodeAt(k) === ch) k++;
      const n = k - r;
      if (n < 2) return false;
      const d = s.charCodeAt(k);
      return d === 120 || d === 111 || d === 62 || n >= 3;
    }
    // dotted: -?\.+-
    let k = r;
    if (s.charCodeAt(k) === 45) k++;
    const dotStart = k;
    while (s.charCodeAt(k) === 46) k++;
    return k > dotStart && s.charCodeAt(k) === 45;
  }

  private lexShape(p: number): Token | null {
    const s = this.src;
    const c = s.charCodeAt(p);
    if (c === C_QUOTE) {
      this.push(S_SHAPESTR);
      return this.tok(T.SHAPE_DATA, p, p + 1);
    }
    if (c === 125) {
      this.pop();
      this.pos = p + 1;
      return null;
    }
    if (c === 94) return this.starTail(p, true);
    let q = p;
    while (q < this.len) {
      const d = s.charCodeAt(q);
      if (d === 125 || d === 94 || d === C_QUOTE) break;
      q++;
    }
    return this.tok(T.SHAPE_DATA, p, q);
  }
}
