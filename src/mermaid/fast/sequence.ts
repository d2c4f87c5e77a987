/**
 * A fast, sound recogniser for mermaid 12.3.0 sequence diagrams.
 *
 * `mermaid.parse` is slow for sequence diagrams (a few milliseconds of fixed
 * cost plus deep config copies per message). This module answers "would
 * mermaid accept this text?" for a well-understood subset of the language in
 * linear time, without loading mermaid. It only ever answers `true` when it is
 * certain; anything it has not modelled exactly makes it answer `false`, and the
 * caller then asks mermaid itself.
 *
 * What it models (each verified against the real mermaid 12.3.0, whose compiled
 * jison lexer differs in places from the upstream grammar source):
 *
 * - the text preparation `mermaid.parse` performs before its jison parser runs:
 *   `\r\n` normalisation, the `="…"` to `='…'` rewrite inside HTML tags,
 *   front matter (a small YAML subset: `title`, and `config` with `theme`,
 *   `look`, `fontSize` and simple `sequence` settings), removal of whole-line
 *   `%%` comments (with the blank lines before them), `trimStart`, the
 *   `#word;` entity encoding and the trailing `\n`.
 * - the jison lexer, rule by rule and in the same first-match order, with its
 *   start conditions (participant name, alias, participant metadata, rest of
 *   line, accessibility texts), the case-insensitive keywords and their word
 *   boundaries, the greedy actor-name rule with its arrow look-ahead, comments
 *   (`#`, `%`, `x%%`), numbers, every arrow, `;` as a line break and the
 *   end-of-input NEWLINE.
 * - the grammar: participant/actor declarations (with `as` aliases and `@{…}`
 *   metadata that is certainly valid YAML), `create` participant/actor,
 *   `destroy`, `box … end`, messages with every arrow type, `+`/`-` activation
 *   and `()` central connections, `activate`/`deactivate`, notes (left of,
 *   right of, over one or two actors), `links`/`link`/`properties`/`details`,
 *   `autonumber` (all four forms), `title`, `title:`, `accTitle`, `accDescr`
 *   (single line and closed blocks), `loop`/`rect`/`opt`/`break`/`alt…else`/
 *   `par…and`/`par_over…and`/`critical…option` blocks.
 * - the errors the sequence database raises once the parse succeeded:
 *   deactivating an inactive participant, a created participant that already
 *   exists or whose creating message is missing, a destroyed participant without
 *   its destroying message, and a participant placed in two boxes.
 *
 * Outside the subset (answers false): `%%{…}%%` directives, other front
 * matter, lines where mermaid's `style…:…#…;` rewrite could apply, U+2028 and
 * U+2029, `create destroy`, a stray character the lexer turns into an INVALID
 * token (mermaid skips those at line starts), an actor named `link` where the
 * lexer reads the keyword, actor names containing quotes, an unterminated
 * `accDescr {`, nesting deeper than {@link MAX_NESTING}, and anything else that
 * does not fit.
 */

import { isWordChar as isWord, isWs } from '../js-chars.js';
import { removeCommentLines } from './comments.js';

/**
 * Deepest nesting accepted (blocks plus else/and/option sections). Mermaid
 * applies the parse result recursively; it copes with thousands of levels on a
 * main-thread stack, but a worker's stack is smaller, so stay far below.
 */
const MAX_NESTING = 64;

// ---------------------------------------------------------------------------
// Character classes



function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const NL = 10;
const SPACE = 32;
const HASH = 35;
const PERCENT = 37;
const LPAREN = 40;
const RPAREN = 41;
const PLUS = 43;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;
const SEMI = 59;
const LT = 60;
const GT = 62;
const AT = 64;
const BACKSLASH = 92;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

/** Characters that may start (and fill the first run of) an actor name outside declarations. */
function isActorHead(c: number): boolean {
  return !(
    c === SLASH ||
    c === BACKSLASH ||
    c === PLUS ||
    c === LPAREN ||
    c === RPAREN ||
    c === LT ||
    c === DASH ||
    c === GT ||
    c === COLON ||
    c === NL ||
    c === COMMA ||
    c === SEMI
  );
}

/** Characters that may continue an actor name after a dash run (the head set plus `/ \ ( )`). */
function isActorTail(c: number): boolean {
  return !(c === PLUS || c === LT || c === DASH || c === GT || c === COLON || c === NL || c === COMMA || c === SEMI);
}

/** Characters of a declared participant name (`participant`, `actor`, `destroy`, `activate`, `deactivate`). */
function isIdChar(c: number): boolean {
  return !(c === LT || c === GT || c === COLON || c === NL || c === COMMA || c === SEMI || c === AT);
}

// ---------------------------------------------------------------------------
// Tokens

const EOF = 0;
const NEWLINE = 1;
const SD = 2;
const ACTOR = 3;
const NUM = 4;
const TXT = 5;
const REST = 6; // restOfLine
const BOX = 7;
const PARTICIPANT = 8;
const PARTICIPANT_ACTOR = 9;
const CREATE = 10;
const DESTROY = 11;
const AS = 12;
const LOOP = 13; // loop, rect, opt, break: a block closed by `end` only
const ALT = 14;
const ELSE = 15;
const PAR = 16; // par, par_over
const AND = 17;
const CRITICAL = 18;
const OPTION = 19;
const END = 20;
const LEFT_OF = 21; // left of, right of
const LINKS = 22; // links, link, properties, details
const LINK = 23; // `link`: also a possible actor in jison's grammar, kept apart
const OVER = 24;
const NOTE = 25;
const ACTIVATE = 26;
const DEACTIVATE = 27;
const TITLE = 28; // title, legacy title: a whole statement
const ACC_TITLE = 29; // accTitle:, accDescr:
const ACC_VALUE = 30;
const ACC_DESCR_BLOCK = 31; // accDescr { … } value: a whole statement
const AUTONUMBER = 32;
const OFF = 33;
const COMMA_T = 34;
const ARROW = 35;
const PLUS_T = 36;
const MINUS_T = 37;
/** `()`: a central connection on a message. */
const PARENS = 38;
/** Participant metadata `@{…}` (CONFIG_START, CONFIG_CONTENT and CONFIG_END together), checked to be valid. */
const CONFIG = 39;
/** Anything outside the subset: an INVALID token, a lexical error, metadata that might not be valid YAML. */
const BAIL = 40;
/** Internal: a lexer rule that consumed input without producing a token. */
const SKIP = 41;
/** Internal: no keyword rule matched. */
const NO_MATCH = -1;

// Lexer start conditions.
const S_INITIAL = 0;
const S_ID = 1;
const S_ALIAS = 2;
const S_LINE = 3;
const S_ACC = 4; // acc_title and acc_descr: the rest of the line
const S_ACC_BLOCK = 5; // acc_descr_multiline

// ---------------------------------------------------------------------------
// Lexer: mermaid's jison lexer rules, same order, first match wins.

class Lexer {
  private pos = 0;
  private done = false;
  private readonly states: number[] = [S_INITIAL];
  /** Text of the last ACTOR token (trimmed, as jison trims it). */
  text = '';
  /** The last token was a participant name followed by `@{`. */
  private configNext = false;

  constructor(private readonly s: string) {}

  next(): number {
    for (;;) {
      if (this.done) return EOF;
      if (this.pos >= this.s.length) this.done = true;
      const state = this.states[this.states.length - 1]!;
      let t: number;
      switch (state) {
        case S_INITIAL:
          t = this.initial();
          break;
        case S_ID:
          t = this.id();
          break;
        case S_ALIAS:
          t = this.alias();
          break;
        case S_LINE:
          t = this.line();
          break;
        case S_ACC:
          t = this.acc();
          break;
        default:
          t = this.accBlock();
      }
      if (t !== SKIP) return t;
    }
  }

  private pop(): void {
    if (this.states.length > 1) this.states.pop();
  }

  /** Case-insensitive match of a lowercase ASCII word at p followed by a word boundary. */
  private word(p: number, w: string): boolean {
    if (!this.ci(p, w)) return false;
    const e = p + w.length;
    return e >= this.s.length || !isWord(this.s.charCodeAt(e));
  }

  /** Case-insensitive match of a lowercase ASCII string at p. */
  private ci(p: number, w: string): boolean {
    const s = this.s;
    if (p + w.length > s.length) return false;
    for (let i = 0; i < w.length; i++) {
      let c = s.charCodeAt(p + i);
      if (c >= 65 && c <= 90) c |= 32;
      if (c !== w.charCodeAt(i)) return false;
    }
    return true;
  }

  private at(p: number): number {
    return p < this.s.length ? this.s.charCodeAt(p) : -1;
  }

  /** Index of the next `\n` at or after p (or the end). */
  private eol(p: number): number {
    const i = this.s.indexOf('\n', p);
    return i < 0 ? this.s.length : i;
  }

  /** End of a run of characters other than `#`, `\n`, `;` starting at p. */
  private restEnd(p: number): number {
    const s = this.s;
    let q = p;
    while (q < s.length) {
      const c = s.charCodeAt(q);
      if (c === HASH || c === NL || c === SEMI) break;
      q++;
    }
    return q;
  }

  private skipWs(p: number): number {
    const s = this.s;
    while (p < s.length && isWs(s.charCodeAt(p))) p++;
    return p;
  }

  private initial(): number {
    const s = this.s;
    const p = this.pos;
    if (p >= s.length) return NEWLINE; // <<EOF>>
    const c = s.charCodeAt(p);
    if (c === NL) {
      let q = p + 1;
      while (q < s.length && s.charCodeAt(q) === NL) q++;
      this.pos = q;
      return NEWLINE;
    }
    if (isWs(c)) {
      this.pos = this.skipWs(p);
      return SKIP;
    }
    if (c === HASH || (c === PERCENT && this.at(p + 1) !== LBRACE) || (c !== RBRACE && this.at(p + 1) === PERCENT && this.at(p + 2) === PERCENT)) {
      this.pos = this.eol(p);
      return SKIP;
    }
    if (isDigit(c) || c === DOT) {
      const e = this.num(p);
      if (e > 0) {
        this.pos = e;
        return NUM;
      }
    }
    const k = this.keyword(p, c);
    if (k !== NO_MATCH) return k;
    if (c === COMMA) {
      this.pos = p + 1;
      return COMMA_T;
    }
    if (c === SEMI) {
      this.pos = p + 1;
      return NEWLINE;
    }
    if (isActorHead(c)) return this.actor(p);
    const a = this.arrow(p, c);
    if (a > 0) {
      this.pos = p + a;
      return ARROW;
    }
    if (c === COLON) {
      this.pos = this.restEnd(p + 1);
      return TXT;
    }
    if (c === PLUS) {
      this.pos = p + 1;
      return PLUS_T;
    }
    if (c === DASH) {
      this.pos = p + 1;
      return MINUS_T;
    }
    if (c === LPAREN && this.at(p + 1) === RPAREN) {
      this.pos = p + 2;
      return PARENS;
    }
    return BAIL; // an INVALID character
  }

  /** The NUM rule: digits with up to two decimals (or `.` and one or two digits) followed by a space or newline. Returns the end, or 0. */
  private num(p: number): number {
    const s = this.s;
    const followed = (e: number): boolean => {
      const c = this.at(e);
      return c === SPACE || c === NL;
    };
    let d = p;
    while (d < s.length && isDigit(s.charCodeAt(d))) d++;
    if (d > p) {
      if (this.at(d) === DOT && isDigit(this.at(d + 1))) {
        if (isDigit(this.at(d + 2)) && followed(d + 3)) return d + 3;
        if (followed(d + 2)) return d + 2;
      }
      return followed(d) ? d : 0;
    }
    // starts with '.'
    if (isDigit(this.at(p + 1))) {
      if (isDigit(this.at(p + 2)) && followed(p + 3)) return p + 3;
      if (followed(p + 2)) return p + 2;
    }
    return 0;
  }

  /** Keyword rules of the initial state (they all precede the actor rule). Returns NO_MATCH when none matches. */
  private keyword(p: number, c: number): number {
    if (c >= 65 && c <= 90) c |= 32;
    const line = (t: number, len: number): number => this.token(t, p + len, S_LINE);
    const plain = (t: number, len: number): number => this.token(t, p + len, -1);
    const id = (t: number, len: number): number => this.token(t, p + len, S_ID);
    switch (c) {
      case 97: // a
        if (this.word(p, 'actor')) return id(PARTICIPANT_ACTOR, 5);
        if (this.word(p, 'alt')) return line(ALT, 3);
        if (this.word(p, 'and')) return line(AND, 3);
        if (this.word(p, 'activate')) return id(ACTIVATE, 8);
        if (this.ci(p, 'acctitle')) {
          const e = this.accColon(p + 8, COLON);
          if (e > 0) {
            this.pos = e;
            this.states.push(S_ACC);
            return ACC_TITLE;
          }
        }
        if (this.ci(p, 'accdescr')) {
          let e = this.accColon(p + 8, COLON);
          if (e > 0) {
            this.pos = e;
            this.states.push(S_ACC);
            return ACC_TITLE;
          }
          e = this.accColon(p + 8, LBRACE);
          if (e > 0) {
            this.pos = e;
            this.states.push(S_ACC_BLOCK);
            return SKIP;
          }
        }
        if (this.word(p, 'autonumber')) return plain(AUTONUMBER, 10);
        break;
      case 98: // b
        if (this.word(p, 'box')) return line(BOX, 3);
        if (this.word(p, 'break')) return line(LOOP, 5);
        break;
      case 99: // c
        if (this.word(p, 'create')) return plain(CREATE, 6);
        if (this.word(p, 'critical')) return line(CRITICAL, 8);
        break;
      case 100: // d
        if (this.word(p, 'destroy')) return id(DESTROY, 7);
        if (this.ci(p, 'details') && this.linkAhead(p + 7)) return plain(LINKS, 7);
        if (this.word(p, 'deactivate')) return id(DEACTIVATE, 10);
        break;
      case 101: // e
        if (this.word(p, 'else')) return line(ELSE, 4);
        if (this.word(p, 'end')) return plain(END, 3);
        break;
      case 108: // l
        if (this.word(p, 'loop')) return line(LOOP, 4);
        if (this.word(p, 'left of')) return plain(LEFT_OF, 7);
        if (this.ci(p, 'links') && this.linkAhead(p + 5)) return plain(LINKS, 5);
        if (this.ci(p, 'link') && this.linkAhead(p + 4)) return plain(LINK, 4);
        break;
      case 110: // n
        if (this.word(p, 'note')) return plain(NOTE, 4);
        break;
      case 111: // o
        if (this.word(p, 'opt')) return line(LOOP, 3);
        if (this.word(p, 'option')) return line(OPTION, 6);
        if (this.word(p, 'over')) return plain(OVER, 4);
        if (this.word(p, 'off')) return plain(OFF, 3);
        break;
      case 112: // p
        if (this.word(p, 'participant')) return id(PARTICIPANT, 11);
        if (this.word(p, 'par')) return line(PAR, 3);
        if (this.word(p, 'par_over')) return line(PAR, 8);
        if (this.ci(p, 'properties') && this.linkAhead(p + 10)) return plain(LINKS, 10);
        break;
      case 114: // r
        if (this.word(p, 'rect')) return line(LOOP, 4);
        if (this.word(p, 'right of')) return plain(LEFT_OF, 8);
        break;
      case 115: // s
        if (this.word(p, 'sequencediagram')) return plain(SD, 15);
        break;
      case 116: // t
        if (this.ci(p, 'title')) {
          // `title\s[^#\n;]+`, then `title:\s[^#\n;]+`
          const q = this.at(p + 5) === COLON ? p + 6 : p + 5;
          if (isWs(this.at(q))) {
            const e = this.restEnd(q + 1);
            if (e > q + 1) return plain(TITLE, e - p);
          }
        }
        break;
    }
    return NO_MATCH;
  }

  /** Ends a token at `end`, entering a start condition unless `state` is -1. */
  private token(t: number, end: number, state: number): number {
    this.pos = end;
    if (state >= 0) this.states.push(state);
    return t;
  }

  /** `\s*` then the given character then `\s*`, starting at p. Returns the end, or 0. */
  private accColon(p: number, ch: number): number {
    const q = this.skipWs(p);
    if (this.at(q) !== ch) return 0;
    return this.skipWs(q + 1);
  }

  /** The look-ahead of `links`/`link`/`properties`/`details`: spaces or tabs, then a character that may start an actor. */
  private linkAhead(p: number): boolean {
    let q = p;
    while (this.at(q) === SPACE || this.at(q) === 9) q++;
    if (q === p || q >= this.s.length) return false;
    const c = this.s.charCodeAt(q);
    return isActorHead(c) && !isWs(c);
  }

  /**
   * The actor rule of the initial state: a run of head characters, then any
   * number of (dashes, tail run) groups, each refused where an arrow (or `--`,
   * `()`) begins. The regex never needs to backtrack into earlier groups, so
   * this loop finds the same match.
   */
  private actor(p: number): number {
    const s = this.s;
    const n = s.length;
    let q = p;
    while (q < n && isActorHead(s.charCodeAt(q))) q++;
    for (;;) {
      if (q >= n || this.arrowAhead(q)) break;
      let r = q;
      while (r < n && s.charCodeAt(r) === DASH) r++;
      if (r >= n || !isActorTail(s.charCodeAt(r))) break;
      while (r < n && isActorTail(s.charCodeAt(r))) r++;
      q = r;
    }
    this.text = s.slice(p, q).trim();
    this.pos = q;
    return ACTOR;
  }

  /** The negative look-ahead inside the actor rule: `-x --x -) --) -|\ -\ -/ -// -|/ /|- \|- //- \\- --|\ -- ()`. */
  private arrowAhead(q: number): boolean {
    const c = this.at(q);
    const c1 = this.at(q + 1);
    if (c === DASH) {
      if (c1 === 120 || c1 === 88 || c1 === RPAREN || c1 === BACKSLASH || c1 === SLASH || c1 === DASH) return true;
      return c1 === PIPE && (this.at(q + 2) === BACKSLASH || this.at(q + 2) === SLASH);
    }
    if (c === SLASH || c === BACKSLASH) return (c1 === PIPE || c1 === c) && this.at(q + 2) === DASH;
    return c === LPAREN && c1 === RPAREN;
  }

  /** Arrow rules, in mermaid's order. Returns the arrow's length, or 0. */
  private arrow(p: number, c: number): number {
    const c1 = this.at(p + 1);
    const c2 = this.at(p + 2);
    const c3 = this.at(p + 3);
    if (c === DASH) {
      if (c1 === GT && c2 === GT) return 3; // ->>
      if (c1 === DASH && c2 === GT && c3 === GT) return 4; // -->>
      if (c1 === GT) return 2; // ->
      if (c1 === DASH && c2 === GT) return 3; // -->
      if (c1 === 120 || c1 === 88) return 2; // -x
      if (c1 === DASH && (c2 === 120 || c2 === 88)) return 3; // --x
      if (c1 === RPAREN) return 2; // -)
      if (c1 === DASH && c2 === RPAREN) return 3; // --)
      if (c1 === DASH && c2 === PIPE && (c3 === BACKSLASH || c3 === SLASH)) return 4; // --|\ --|/
      if (c1 === DASH && (c2 === BACKSLASH || c2 === SLASH) && c3 === c2) return 4; // --\\ --//
      if (c1 === PIPE && (c2 === BACKSLASH || c2 === SLASH)) return 3; // -|\ -|/
      if ((c1 === BACKSLASH || c1 === SLASH) && c2 === c1) return 3; // -\\ -//
      return 0;
    }
    if (c === LT) {
      if (c1 === LT && c2 === DASH && c3 === GT && this.at(p + 4) === GT) return 5; // <<->>
      if (c1 === LT && c2 === DASH && c3 === DASH && this.at(p + 4) === GT && this.at(p + 5) === GT) return 6; // <<-->>
      return 0;
    }
    if (c === SLASH || c === BACKSLASH) {
      // /|-- \|-- //-- \\-- then /|- \|- //- \\-
      if ((c1 === PIPE || c1 === c) && c2 === DASH) return c3 === DASH ? 4 : 3;
    }
    return 0;
  }

  /** The participant-name state (after participant, actor, destroy, activate, deactivate). */
  private id(): number {
    const s = this.s;
    const n = s.length;
    const p = this.pos;
    if (p >= n) return BAIL;
    const c = s.charCodeAt(p);
    if (c !== NL && isWs(c)) {
      let q = p + 1;
      while (q < n && s.charCodeAt(q) !== NL && isWs(s.charCodeAt(q))) q++;
      this.pos = q;
      return SKIP;
    }
    if (c === HASH) {
      this.pos = this.eol(p);
      return SKIP;
    }
    if (c === AT && this.at(p + 1) === LBRACE) {
      if (!this.configNext) return BAIL;
      this.configNext = false;
      return this.config(p + 2);
    }
    this.configNext = false;
    // a name without spaces, then participant metadata `@{` or ` as `
    let e = p;
    while (e < n && isIdChar(s.charCodeAt(e)) && !isWs(s.charCodeAt(e))) e++;
    if (e > p) {
      const w = this.skipWs(e);
      if (this.at(w) === AT && this.at(w + 1) === LBRACE) {
        this.text = s.slice(p, e).trim();
        this.pos = e;
        this.configNext = true;
        return ACTOR;
      }
      if (w > e && this.ci(w, 'as') && w + 2 < n && isWs(s.charCodeAt(w + 2))) {
        this.text = s.slice(p, e).trim();
        this.pos = e;
        this.states.push(S_ALIAS);
        return ACTOR;
      }
    }
    // a name (spaces allowed) followed by optional spaces and a newline, `;` or `#`
    let E = p;
    while (E < n && isIdChar(s.charCodeAt(E))) E++;
    if (E > p) {
      let end = -1;
      if (E >= n || s.charCodeAt(E) === NL || s.charCodeAt(E) === SEMI) end = E;
      else {
        const h = s.lastIndexOf('#', E - 1);
        if (h > p) end = h;
      }
      if (end > p) {
        this.text = s.slice(p, end).trim();
        this.pos = end;
        this.pop();
        return ACTOR;
      }
    }
    // INVALID or a lexical error
    return BAIL;
  }

  /**
   * Participant metadata from just after `@{`: the content up to the first `}`
   * (which mermaid parses as a YAML flow mapping), then `}` with the alias state
   * when ` as ` follows, else back to the initial state.
   */
  private config(p: number): number {
    const s = this.s;
    const close = s.indexOf('}', p);
    if (close <= p) return BAIL; // no content: a parse error; no `}`: outside the subset
    if (!validMetadata(s, p, close)) return BAIL;
    this.pos = close + 1;
    const w = this.skipWs(close + 1);
    if (w > close + 1 && this.ci(w, 'as') && isWs(this.at(w + 2))) {
      this.states.push(S_ALIAS); // (the CONFIG state is popped, ALIAS begins above ID)
    } else this.pop();
    return CONFIG;
  }

  private alias(): number {
    const s = this.s;
    const p = this.pos;
    const c = this.at(p);
    if (c !== NL && c >= 0 && isWs(c)) {
      let q = p + 1;
      while (q < s.length && s.charCodeAt(q) !== NL && isWs(s.charCodeAt(q))) q++;
      this.pos = q;
      return SKIP;
    }
    if (c === HASH) {
      this.pos = this.eol(p);
      return SKIP;
    }
    this.pop();
    this.pop();
    if (this.word(p, 'as')) {
      this.pos = p + 2;
      this.states.push(S_LINE);
      return AS;
    }
    return NEWLINE;
  }

  private line(): number {
    const s = this.s;
    const p = this.pos;
    if (p >= s.length) return BAIL;
    const c = s.charCodeAt(p);
    if (c !== NL && isWs(c)) {
      let q = p + 1;
      while (q < s.length && s.charCodeAt(q) !== NL && isWs(s.charCodeAt(q))) q++;
      this.pos = q;
      return SKIP;
    }
    if (c === HASH) {
      this.pos = this.eol(p);
      return SKIP;
    }
    this.pos = this.restEnd(p);
    this.pop();
    return REST;
  }

  private acc(): number {
    if (this.pos >= this.s.length) return BAIL;
    this.pos = this.eol(this.pos);
    this.pop();
    return ACC_VALUE;
  }

  private accBlock(): number {
    const s = this.s;
    const p = this.pos;
    if (p >= s.length) return BAIL;
    if (s.charCodeAt(p) === RBRACE) {
      this.pos = p + 1;
      this.pop();
      return SKIP;
    }
    const e = s.indexOf('}', p);
    if (e < 0) return BAIL; // unterminated: outside the subset
    this.pos = e;
    return ACC_DESCR_BLOCK;
  }
}

/**
 * Whether participant metadata s[from, to) is certainly a valid YAML flow
 * mapping for mermaid (which loads `{\n<trimmed content>\n}` with js-yaml):
 * one line of comma-separated `key: value` pairs, keys and values being
 * identifiers or simple quoted strings, no key twice.
 */
function validMetadata(s: string, from: number, to: number): boolean {
  const keys = new Set<string>();
  let p = from;
  const spaces = (): void => {
    while (p < to && (s.charCodeAt(p) === SPACE || s.charCodeAt(p) === 9)) p++;
  };
  /** A scalar: returns its text, or null. Sets p after it. */
  const scalar = (): string | null => {
    const c = s.charCodeAt(p);
    if (c === 34 || c === 39) {
      const q = s.indexOf(String.fromCharCode(c), p + 1);
      if (q < 0 || q >= to) return null;
      for (let i = p + 1; i < q; i++) if (!yamlQuotedChar(s.charCodeAt(i))) return null;
      const text = s.slice(p + 1, q);
      p = q + 1;
      return text;
    }
    if (!isIdentStart(c)) return null;
    const start = p;
    while (p < to && isWord(s.charCodeAt(p))) p++;
    return s.slice(start, p);
  };
  spaces();
  if (p === to) return to > from; // blank content: an empty mapping
  for (;;) {
    const quotedKey = s.charCodeAt(p) === 34 || s.charCodeAt(p) === 39;
    const key = scalar();
    if (key === null || keys.has(key)) return false;
    keys.add(key);
    spaces();
    if (p >= to || s.charCodeAt(p) !== COLON) return false;
    p++;
    if (!quotedKey && (p >= to || (s.charCodeAt(p) !== SPACE && s.charCodeAt(p) !== 9))) return false;
    spaces();
    if (p >= to || scalar() === null) return false;
    spaces();
    if (p === to) return true;
    if (s.charCodeAt(p) !== COMMA) return false;
    p++;
    spaces();
  }
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** Characters allowed inside a quoted metadata or front-matter string: printable, no quotes or backslash. */
function yamlQuotedChar(c: number): boolean {
  if (c < 32 || c === 34 || c === 39 || c === BACKSLASH || c === 0x7f) return false;
  if (c >= 0x80 && c <= 0x9f) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return c !== 0xfeff && c !== 0xfffe && c !== 0xffff;
}

// ---------------------------------------------------------------------------
// Text preparation (what mermaid.parse does before the jison parser sees it)

/**
 * The text the jison parser receives, or null when the text is outside the
 * subset (front matter, directives, the `style` rewrite, unusual line breaks,
 * or not starting with `sequenceDiagram`).
 */
function prepare(input: string): string | null {
  let text = input;
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  text = quoteTagAttributes(text);
  if (text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) return null;
  if (text.indexOf('%%{') >= 0) return null;
  // front matter: `---` after leading spaces on the first line
  {
    let i = 0;
    while (i < text.length && text.charCodeAt(i) !== NL && isWs(text.charCodeAt(i))) i++;
    if (text.startsWith('---', i)) {
      const end = i === 0 ? frontMatterEnd(text) : -1;
      if (end < 0) return null;
      text = text.slice(end);
    }
  }
  text = removeCommentLines(text).trimStart();
  if (!text.startsWith('sequenceDiagram')) return null;
  if (styleRewriteMayApply(text)) return null;
  return encodeEntities(text) + '\n';
}

/**
 * The end of a front-matter block in the subset, or -1. The subset: an
 * unindented `---` line, a YAML body of `title:` and `config:` (with `theme`,
 * `look`, `fontSize` and simple `sequence` settings) in plain block style, and
 * the first following line starting with `---` and then only whitespace; the
 * block ends after the last line break of that whitespace, as in mermaid.
 */
function frontMatterEnd(text: string): number {
  if (text.charCodeAt(3) !== NL || isWs(text.charCodeAt(4))) return -1;
  let i = 3; // a line break
  for (;;) {
    i = text.indexOf('\n', i + 1);
    if (i < 0) return -1;
    if (!text.startsWith('---', i + 1)) continue;
    let q = i + 4;
    let last = -1;
    while (q < text.length && isWs(text.charCodeAt(q))) {
      if (text.charCodeAt(q) === NL) last = q;
      q++;
    }
    if (last < 0) continue;
    return validFrontMatter(text.slice(4, i)) ? last + 1 : -1;
  }
}

const SEQUENCE_FLAGS = new Set(['mirrorActors', 'showSequenceNumbers', 'wrap', 'hideUnusedParticipants', 'rightAngles', 'forceMenus', 'useMaxWidth']);
const SEQUENCE_NUMBERS = new Set([
  'actorMargin',
  'width',
  'height',
  'boxMargin',
  'boxTextMargin',
  'noteMargin',
  'messageMargin',
  'diagramMarginX',
  'diagramMarginY',
  'actorFontSize',
  'noteFontSize',
  'messageFontSize',
  'bottomMarginAdj',
  'wrapPadding',
  'labelBoxWidth',
  'labelBoxHeight',
  'activationWidth',
]);

/** Whether a front-matter YAML body is in the subset (and so certainly loads, with settings that cannot break a parse). */
function validFrontMatter(body: string): boolean {
  const seen = new Set<string>();
  let section = ''; // '', 'config' or 'config.sequence'
  let childIndent = 0;
  let grandIndent = 0;
  let emptySequence = false; // `sequence:` without settings would load as null
  for (const line of body.split('\n')) {
    let indent = 0;
    while (line.charCodeAt(indent) === SPACE) indent++;
    if (indent === line.length) continue; // blank
    const colon = line.indexOf(':', indent);
    if (colon < 0) return false;
    const key = line.slice(indent, colon);
    const value = line.slice(colon + 1).replace(/ +$/, '');
    if (value !== '' && value.charCodeAt(0) !== SPACE) return false;
    const v = value.trim();
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) return false;
    if (emptySequence && indent <= childIndent) return false;
    let path: string;
    if (indent === 0) {
      path = key;
      section = '';
      if (key === 'title') {
        if (!/^[A-Za-z0-9][A-Za-z0-9 _.,()/-]*$/.test(v) && !simpleQuoted(v)) return false;
      } else if (key === 'config') {
        if (v !== '') return false;
        section = 'config';
        childIndent = 0;
      } else return false;
    } else if (section !== '' && (childIndent === 0 || indent === childIndent)) {
      childIndent = indent;
      section = 'config';
      path = 'config.' + key;
      if (key === 'theme') {
        if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(v)) return false;
      } else if (key === 'look') {
        if (!/^[A-Za-z]+$/.test(v)) return false;
      } else if (key === 'fontSize') {
        if (!/^[1-9][0-9]{0,2}$/.test(v)) return false;
      } else if (key === 'sequence') {
        if (v !== '') return false;
        section = 'config.sequence';
        grandIndent = 0;
        emptySequence = true;
      } else return false;
    } else if (section === 'config.sequence' && indent > childIndent && (grandIndent === 0 || indent === grandIndent)) {
      grandIndent = indent;
      emptySequence = false;
      path = 'config.sequence.' + key;
      if (SEQUENCE_FLAGS.has(key)) {
        if (v !== 'true' && v !== 'false') return false;
      } else if (SEQUENCE_NUMBERS.has(key)) {
        if (!/^[0-9]{1,4}$/.test(v)) return false;
      } else if (key === 'messageAlign') {
        if (v !== 'left' && v !== 'center' && v !== 'right') return false;
      } else return false;
    } else return false;
    if (seen.has(path)) return false; // js-yaml rejects duplicated keys
    seen.add(path);
  }
  return !emptySequence;
}

/** A double-quoted YAML string without escapes. */
function simpleQuoted(v: string): boolean {
  if (v.length < 2 || v.charCodeAt(0) !== 34 || v.charCodeAt(v.length - 1) !== 34) return false;
  for (let i = 1; i < v.length - 1; i++) if (!yamlQuotedChar(v.charCodeAt(i))) return false;
  return true;
}

/**
 * Mermaid's first clean-up step rewrites `="…"` to `='…'` inside every
 * `<word …>` tag (the tag may span lines). It matters where quotes matter:
 * participant metadata and front matter. Same matches, found in linear time.
 */
function quoteTagAttributes(text: string): string {
  if (text.indexOf('"') < 0) return text;
  const n = text.length;
  let out = '';
  let copied = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    let w = i + 1;
    while (w < n && isWord(text.charCodeAt(w))) w++;
    if (w === i + 1) {
      i = text.indexOf('<', i + 1);
      continue;
    }
    const gt = text.indexOf('>', w);
    if (gt < 0) break; // no tag can close any more
    for (let a = w; a + 1 < gt; a++) {
      if (text.charCodeAt(a) !== 61 || text.charCodeAt(a + 1) !== 34) continue; // `="`
      let close = a + 2;
      while (close < gt && text.charCodeAt(close) !== 34) close++;
      if (close >= gt) break; // no closing quote inside the tag, nor for any later `="`
      out += text.slice(copied, a) + "='" + text.slice(a + 2, close) + "'";
      copied = close + 1;
      a = close;
    }
    i = text.indexOf('<', gt + 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Whether mermaid's `style.*:\S*#.*;` / `classDef…` semicolon removal could match a line (a superset test). */
function styleRewriteMayApply(text: string): boolean {
  if (text.indexOf('style') < 0 && text.indexOf('classDef') < 0) return false;
  let start = 0;
  while (start < text.length) {
    let e = text.indexOf('\n', start);
    if (e < 0) e = text.length;
    const line = text.slice(start, e);
    let k = line.indexOf('style');
    const k2 = line.indexOf('classDef');
    if (k < 0 || (k2 >= 0 && k2 < k)) k = k2;
    if (k >= 0) {
      const h = line.indexOf('#', k);
      if (h >= 0 && line.indexOf(';', h) >= 0) return true;
    }
    start = e + 1;
  }
  return false;
}

/** Mermaid's entity encoding: `#name;` becomes `ﬂ°name¶ß`, `#123;` becomes `ﬂ°°123¶ß`. */
function encodeEntities(text: string): string {
  let h = text.indexOf('#');
  if (h < 0) return text;
  let out = '';
  let copied = 0;
  while (h >= 0) {
    let q = h + 1;
    let digits = true;
    while (q < text.length && isWord(text.charCodeAt(q))) {
      if (!isDigit(text.charCodeAt(q))) digits = false;
      q++;
    }
    if (q > h + 1 && text.charCodeAt(q) === SEMI) {
      out += text.slice(copied, h) + (digits ? '\uFB02\xB0\xB0' : '\uFB02\xB0') + text.slice(h + 1, q) + '\xB6\xDF';
      copied = q + 1;
      h = text.indexOf('#', q + 1);
    } else {
      h = text.indexOf('#', h + 1);
    }
  }
  return out + text.slice(copied);
}

// ---------------------------------------------------------------------------
// Parser and database checks

/** Block kinds on the nesting stack: which section keyword each accepts. */
const B_PLAIN = 0;
const B_ALT = 1;
const B_PAR = 2;
const B_CRITICAL = 3;

class Recogniser {
  private readonly lx: Lexer;
  /** Actor id → box number (0: none). */
  private readonly actors = new Map<string, number>();
  private readonly active = new Map<string, number>();
  private lastCreated: string | undefined;
  private lastDestroyed: string | undefined;
  private box = 0;
  private boxes = 0;

  constructor(text: string) {
    this.lx = new Lexer(text);
  }

  run(): boolean {
    const lx = this.lx;
    let t = lx.next();
    while (t === NEWLINE) t = lx.next();
    if (t !== SD) return false;
    const blocks: number[] = [];
    let nesting = 0;
    const nestings: number[] = [];
    for (;;) {
      t = lx.next();
      switch (t) {
        case NEWLINE:
          break;
        case EOF:
          return blocks.length === 0;
        case END:
          if (blocks.length === 0) return false;
          blocks.pop();
          nesting = nestings.pop()!;
          break;
        case LOOP:
        case ALT:
        case PAR:
        case CRITICAL:
          if (lx.next() !== REST) return false;
          nestings.push(nesting);
          blocks.push(t === LOOP ? B_PLAIN : t === ALT ? B_ALT : t === PAR ? B_PAR : B_CRITICAL);
          if (++nesting > MAX_NESTING) return false;
          break;
        case ELSE:
        case AND:
        case OPTION: {
          const want = t === ELSE ? B_ALT : t === AND ? B_PAR : B_CRITICAL;
          if (blocks.length === 0 || blocks[blocks.length - 1] !== want) return false;
          if (lx.next() !== REST) return false;
          if (++nesting > MAX_NESTING) return false;
          break;
        }
        default:
          if (!this.statement(t)) return false;
      }
    }
  }

  /** One statement other than block structure; t is its first token. */
  private statement(t: number): boolean {
    const lx = this.lx;
    switch (t) {
      case PARTICIPANT:
      case PARTICIPANT_ACTOR:
        return this.participant(false);
      case CREATE: {
        const u = lx.next();
        if (u !== PARTICIPANT && u !== PARTICIPANT_ACTOR) return false;
        return this.participant(true);
      }
      case DESTROY:
        return this.destroy();
      case BOX:
        return this.boxBlock();
      case ACTOR:
        return this.signal(lx.text);
      case AUTONUMBER: {
        let u = lx.next();
        if (u === NEWLINE) return true;
        if (u === OFF) return lx.next() === NEWLINE;
        if (u !== NUM) return false;
        u = lx.next();
        if (u === NUM) u = lx.next();
        return u === NEWLINE;
      }
      case ACTIVATE:
      case DEACTIVATE: {
        if (lx.next() !== ACTOR) return false;
        const a = lx.text;
        if (!plainId(a) || lx.next() !== NEWLINE) return false;
        const n = this.active.get(a) ?? 0;
        if (t === ACTIVATE) this.active.set(a, n + 1);
        else {
          if (n < 1) return false; // "Trying to inactivate an inactive participant"
          this.active.set(a, n - 1);
        }
        return true;
      }
      case NOTE: {
        const u = lx.next();
        if (u === LEFT_OF) {
          if (!this.actorToken()) return false;
        } else if (u === OVER) {
          if (!this.actorToken()) return false;
          let v = lx.next();
          if (v === COMMA_T) {
            if (!this.actorToken()) return false;
            v = lx.next();
          }
          return v === TXT && lx.next() === NEWLINE;
        } else return false;
        return lx.next() === TXT && lx.next() === NEWLINE;
      }
      case LINKS:
      case LINK:
        return this.actorToken() && lx.next() === TXT && lx.next() === NEWLINE;
      case TITLE:
      case ACC_DESCR_BLOCK:
        return true;
      case ACC_TITLE:
        return lx.next() === ACC_VALUE;
      default:
        return false;
    }
  }

  /** An ACTOR token in the initial state (message, note and link positions); registers the actor. */
  private actorToken(): boolean {
    if (this.lx.next() !== ACTOR) return false;
    const a = this.lx.text;
    if (!plainId(a)) return false;
    return this.addActor(a);
  }

  /** `participant`/`actor` (already read) name [`as` text] NEWLINE. */
  private participant(create: boolean): boolean {
    const lx = this.lx;
    if (lx.next() !== ACTOR) return false;
    const a = lx.text;
    if (!plainId(a)) return false;
    let u = lx.next();
    if (u === CONFIG) u = lx.next();
    if (u === AS) {
      if (lx.next() !== REST) return false;
      u = lx.next();
    }
    if (u !== NEWLINE) return false;
    if (create) {
      if (this.actors.has(a)) return false; // "It is not possible to have actors with the same id…"
      this.lastCreated = a;
    }
    return this.addActor(a);
  }

  private destroy(): boolean {
    const lx = this.lx;
    if (lx.next() !== ACTOR) return false;
    const a = lx.text;
    if (!plainId(a) || lx.next() !== NEWLINE) return false;
    this.lastDestroyed = a;
    return true;
  }

  /** `box` (already read) restOfLine, participant declarations and blank lines, `end`. */
  private boxBlock(): boolean {
    const lx = this.lx;
    if (lx.next() !== REST) return false;
    this.box = ++this.boxes;
    for (;;) {
      const t = lx.next();
      if (t === NEWLINE) continue;
      if (t === END) break;
      if (t === PARTICIPANT || t === PARTICIPANT_ACTOR) {
        if (!this.participant(false)) return false;
      } else if (t === DESTROY) {
        if (!this.destroy()) return false;
      } else return false;
    }
    this.box = 0;
    return true;
  }

  /** A message: from (already read) arrow [+|-] to text NEWLINE. */
  private signal(from: string): boolean {
    const lx = this.lx;
    if (!plainId(from)) return false;
    let u = lx.next();
    let activation = 0;
    if (u === PARENS) {
      // actor () arrow [()] actor
      if (lx.next() !== ARROW) return false;
      u = lx.next();
      if (u === PARENS) u = lx.next();
    } else {
      // actor arrow [+ | - | ()] actor
      if (u !== ARROW) return false;
      u = lx.next();
      if (u === PLUS_T || u === MINUS_T) {
        activation = u === PLUS_T ? 1 : -1;
        u = lx.next();
      } else if (u === PARENS) u = lx.next();
    }
    if (u !== ACTOR) return false;
    const to = lx.text;
    if (!plainId(to)) return false;
    if (lx.next() !== TXT || lx.next() !== NEWLINE) return false;
    // the database applies: from, to, the message, then the activation
    if (!this.addActor(from) || !this.addActor(to)) return false;
    if (this.lastCreated !== undefined) {
      if (to !== this.lastCreated) return false; // created participant without its creating message
      this.lastCreated = undefined;
    } else if (this.lastDestroyed !== undefined) {
      if (to !== this.lastDestroyed && from !== this.lastDestroyed) return false;
      this.lastDestroyed = undefined;
    }
    if (activation === 1) this.active.set(to, (this.active.get(to) ?? 0) + 1);
    else if (activation === -1) {
      const n = this.active.get(from) ?? 0;
      if (n < 1) return false; // "Trying to inactivate an inactive participant"
      this.active.set(from, n - 1);
    }
    return true;
  }

  /** The database's addActor: a participant may not move from one box to another. */
  private addActor(a: string): boolean {
    const old = this.actors.get(a);
    if (old === undefined) {
      this.actors.set(a, this.box);
      return true;
    }
    if (this.box !== 0 && old !== 0 && old !== this.box) return false; // "A same participant should only be defined in one Box"
    if (old === 0 && this.box !== 0) this.actors.set(a, this.box);
    return true;
  }
}

/** Actor ids the subset accepts: not empty, no quotes (mermaid rewrites `"` inside HTML tags before parsing). */
function plainId(a: string): boolean {
  return a.length > 0 && a.indexOf('"') < 0 && a.indexOf("'") < 0;
}

/**
 * True only when mermaid 12.3.0's `mermaid.parse(text)` is certain to accept
 * `text` (a whole diagram text, as passed to mermaid.parse). False means "not
 * sure": the caller then asks mermaid itself.
 */
export function acceptsSequence(text: string): boolean {
  const prepared = prepare(text);
  if (prepared === null) return false;
  return new Recogniser(prepared).run();
}
