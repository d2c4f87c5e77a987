/**
 * A fast, sound recogniser for mermaid 12.3.0 state diagrams.
 *
 * `mermaid.parse` is slow on state diagrams (milliseconds each). {@link acceptsState} decides, in linear time and without mermaid, whether
 * `mermaid.parse(text)` is certain to accept a text mermaid detects as a state diagram.
 * Mermaid 12.3.0 registers a single detector for them, id `stateDiagram`
 * (`/^\s*stateDiagram/`), so both the `stateDiagram` and the `stateDiagram-v2` headers
 * reach this function (and are parsed by the same v2 parser and database). It answers
 * false ("not sure") for anything outside a well-understood subset; the caller then
 * asks mermaid.
 *
 * What mermaid does, and what this file mirrors (each point checked against 12.3.0):
 *
 * 1. Preprocessing: `\r\n?` → `\n`; inside `<tag …>` a `="…"` attribute becomes `='…'`
 *    (any such attribute makes us answer false); a leading `---` front-matter block is
 *    cut off (we accept only an unindented block holding a plain `title:`); `%%{…}%%`
 *    directives are removed (any `%%{` makes us answer false); whole-line `%%` comments
 *    (with the blank lines before them) are removed and the start is trimmed;
 *    `encodeEntities` drops a `;` on some `style…:…#…;` / `classDef…:…#…;` lines and
 *    rewrites `#name;` entities (mirrored exactly, line by line); `\n` is appended.
 *    U+2028 / U+2029 (extra line terminators for JavaScript regexes) make us answer false.
 * 2. The jison lexer: first matching rule wins, rules tried in their order, with a stack
 *    of start conditions. Every rule of every condition is mirrored, including the
 *    surprising ones: `.*direction\s+(TB|BT|RL|LR)[^\n]*` is tried at every token start
 *    of the top level and of composite bodies (we accept such text only on lines that
 *    start with `direction XX` and hold no other such text); `.*<<fork>>` & co. after
 *    `state`; the rule that throws "State name must be a single word" (`state A B {`); `[\s]+` at the top level
 *    swallowing newlines (so NL tokens only appear where a newline directly follows a
 *    token); newlines skipped inside composite bodies; `#` and `%%` comments; the
 *    `processId` split at `%%`; the `end note` search of multi-line notes; keywords
 *    matched ASCII-case-insensitively (`State `, `NOTE ` …), some at a word boundary
 *    (`click`, `href`, `default`). Long runs of skipped tokens (which mermaid's lexer
 *    handles by recursion) make us answer false.
 * 3. The grammar (LALR(1), no conflicts), recognised by recursive descent over the tokens:
 *    any statement may directly follow another, so no separator is needed.
 * 4. The database (`StateDB.extract` and the data fetcher) throws once parsing succeeded
 *    when a composite state ends up with two or more descriptions ("Group nodes can only
 *    have label"); descriptions come from `X : text`, `state "text" as X` and
 *    `state "text" as X { … }`, counted across the whole diagram. Identifiers introduced
 *    by `state …` forms are restricted to characters that mermaid's sanitiser leaves
 *    alone and that cannot collide with the ids mermaid generates (dividers, notes,
 *    `[*]`), and nesting deeper than {@link MAX_DEPTH} is declined.
 */

import { isWordChar as isWord, isWs } from '../js-chars.js';
import { removeCommentLines } from './comments.js';

/** Deepest composite-state nesting accepted (mermaid walks the document recursively). */
const MAX_DEPTH = 40;
/** Longest run of consecutively skipped lexemes accepted (jison's `lex()` recurses on each). */
const MAX_SKIP_RUN = 800;

// ------------------------------------------------------------------ characters



/** ASCII-only lower-casing: what a non-unicode `/i` regex folds. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** Characters allowed in identifiers introduced by `state …` forms (see the header, point 4). */
function isSafeIdChar(c: number): boolean {
  if (isWord(c)) return true;
  if (c >= 0x80) return !isWs(c);
  // . , ; ! ? ' + * = @ $ ~ ^ | / ( ) `
  return (
    c === 46 || c === 44 || c === 59 || c === 33 || c === 63 || c === 39 || c === 43 || c === 42 || c === 61 ||
    c === 64 || c === 36 || c === 126 || c === 94 || c === 124 || c === 47 || c === 40 || c === 41 || c === 96
  );
}

function isSafeId(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isSafeIdChar(s.charCodeAt(i))) return false;
  return true;
}

// ------------------------------------------------------------------ preprocessing

/** Some `<tag …>` (mermaid's `/<(\w+)([^>]*)>/g`) holds `="`, which mermaid rewrites. */
function hasRewrittenAttribute(text: string): boolean {
  let q = text.indexOf('="');
  if (q === -1) return false;
  let from = 0;
  for (;;) {
    const lt = text.indexOf('<', from);
    if (lt === -1) return false;
    if (!isWord(text.charCodeAt(lt + 1))) {
      from = lt + 1;
      continue;
    }
    const gt = text.indexOf('>', lt + 2);
    if (gt === -1) return false;
    // the first `="` at or after lt (tags only move forward)
    if (q < lt) q = text.indexOf('="', lt);
    if (q === -1) return false;
    if (q < gt) return true;
    from = gt + 1;
  }
}

/** A title value that js-yaml reads as a plain string whatever its version. */
const SAFE_TITLE = /^(?:[A-Za-z0-9][A-Za-z0-9 _.,()/-]*|"[^"\\\n]*"|'[^'\n]*')$/;

/**
 * Cuts an unindented front-matter block holding only `title: …` off the text, the way
 * mermaid's `matchFrontMatter` finds it. Returns null when unsure.
 */
function cutFrontMatter(text: string): string | null {
  // opening fence: exactly `---` and one line break, then the body's first character
  if (!text.startsWith('---\n') || isWs(text.charCodeAt(4))) return null;
  // the first closing fence: a line break, `---`, then a whitespace run with a line break
  for (let i = text.indexOf('\n', 4); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (!text.startsWith('---', i + 1)) continue;
    let lastBreak = -1;
    for (let j = i + 4; j < text.length && isWs(text.charCodeAt(j)); j++) {
      if (text.charCodeAt(j) === 10) lastBreak = j;
    }
    if (lastBreak === -1) continue;
    const body = text.slice(4, i);
    if (body.length > 400) return null;
    const m = /^title:[ \t]+(.*?)[ \t]*$/.exec(body);
    if (!m || !SAFE_TITLE.test(m[1]!) || m[1]!.trim() === '') return null;
    return text.slice(lastBreak + 1);
  }
  return null;
}

/**
 * mermaid's `style.*:\S*#.*;` (or `classDef…`) rewrite on one line: drops the line's last
 * `;` when the keyword, a `:`, a run of non-blanks ending in `#`, and a later `;` line up.
 */
function dropStyleSemicolon(line: string, keyword: string): string {
  const lastSemi = line.lastIndexOf(';');
  if (lastSemi === -1) return line;
  // best = the rightmost `:` that starts a non-blank run reaching a `#` before lastSemi
  let best = -1;
  let colonInRun = -1;
  for (let k = 0; k < lastSemi; k++) {
    const c = line.charCodeAt(k);
    if (isWs(c)) colonInRun = -1;
    else if (c === 58) colonInRun = k;
    else if (c === 35 && colonInRun > best) best = colonInRun;
  }
  if (best === -1) return line;
  const p = line.indexOf(keyword);
  if (p === -1 || p + keyword.length > best) return line;
  return line.slice(0, lastSemi) + line.slice(lastSemi + 1);
}

/** mermaid's `encodeEntities` (the three replacements, each confined to one line). */
function encodeEntities(text: string): string {
  if (text.indexOf('#') === -1) return text;
  const lines = text.split('\n');
  for (let li = 0; li < lines.length; li++) {
    let line = lines[li]!;
    if (line.indexOf('#') === -1) continue;
    line = dropStyleSemicolon(line, 'style');
    line = dropStyleSemicolon(line, 'classDef');
    // `#\w+;` → ﬂ°name¶ß (ﬂ°° for numbers)
    let out = '';
    let copied = 0;
    for (let k = line.indexOf('#'); k !== -1; k = line.indexOf('#', k + 1)) {
      let e = k + 1;
      while (e < line.length && isWord(line.charCodeAt(e))) e++;
      if (e === k + 1 || line.charCodeAt(e) !== 59) continue;
      const inner = line.slice(k + 1, e);
      out += line.slice(copied, k) + (/^\d+$/.test(inner) ? '\uFB02\xB0\xB0' : '\uFB02\xB0') + inner + '\xB6\xDF';
      copied = e + 1;
      k = e;
    }
    lines[li] = out + line.slice(copied);
  }
  return lines.join('\n');
}

/** The text mermaid's state parser receives, or null when outside the subset. */
function prepare(raw: string): string | null {
  let text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  if (text.indexOf('\u2028') !== -1 || text.indexOf('\u2029') !== -1) return null;
  if (hasRewrittenAttribute(text)) return null;
  // front matter: mermaid cuts it when a fence starts the text after blanks on its line
  let k = 0;
  while (k < text.length && isWs(text.charCodeAt(k)) && text.charCodeAt(k) !== 10) k++;
  if (text.startsWith('---', k)) {
    const rest = cutFrontMatter(text);
    if (rest === null) return null;
    text = rest;
  }
  if (text.indexOf('%%{') !== -1) return null;
  const cleaned = removeCommentLines(text).trimStart();
  // mermaid's detector (`/^\s*stateDiagram/`, case-sensitive) must pick this diagram: the
  // c4 detector, tried earlier, also fires on these words anywhere in the text
  if (!cleaned.startsWith('stateDiagram') || /C4(?:Container|Component|Dynamic|Deployment)/.test(cleaned)) return null;
  return encodeEntities(cleaned) + '\n';
}

// ------------------------------------------------------------------ tokens

const T_EOF = 1;
const T_NL = 5;
const T_SD = 6;
const T_DESCR = 14;
const T_ARROW = 15;
const T_HIDE_EMPTY = 16;
const T_SCALE = 17;
const T_WIDTH = 18;
const T_COMPOSIT = 19;
const T_STRUCT_START = 20;
const T_STRUCT_STOP = 21;
const T_STATE_DESCR = 22;
const T_AS = 23;
const T_ID = 24;
const T_FORK = 25;
const T_JOIN = 26;
const T_CHOICE = 27;
const T_CONCURRENT = 28;
const T_NOTE = 29;
const T_NOTE_TEXT = 31;
const T_ACC_TITLE = 33;
const T_ACC_TITLE_VALUE = 34;
const T_ACC_DESCR = 35;
const T_ACC_DESCR_VALUE = 36;
const T_ACC_DESCR_ML = 37;
const T_CLICK = 38;
const T_STRING = 39;
const T_HREF = 40;
const T_CLASSDEF = 41;
const T_CLASSDEF_ID = 42;
const T_CLASSDEF_OPTS = 43;
const T_DEFAULT = 44;
const T_STYLE = 45;
const T_STYLE_IDS = 46;
const T_STYLE_OPTS = 47;
const T_CLASS = 48;
const T_CLASS_IDS = 49;
const T_CLASS_STYLE = 50;
const T_DIRECTION = 51;
const T_EDGE_STATE = 57;
const T_STYLE_SEP = 58;
const T_LEFT_OF = 59;
const T_RIGHT_OF = 60;
/** A token no grammar rule accepts (INVALID, DEFAULT_CLASSDEF_ID). */
const T_BAD = 99;

// lexer start conditions
const C_INITIAL = 0;
const C_STRUCT = 1;
const C_STATE = 2;
const C_STATE_STRING = 3;
const C_STATE_ID = 4;
const C_NOTE = 5;
const C_NOTE_ID = 6;
const C_NOTE_TEXT = 7;
const C_FLOATING_NOTE = 8;
const C_FLOATING_NOTE_ID = 9;
const C_SCALE = 10;
const C_ACC_TITLE = 11;
const C_ACC_DESCR = 12;
const C_ACC_DESCR_ML = 13;
const C_CLASSDEF = 14;
const C_CLASSDEFID = 15;
const C_CLASS = 16;
const C_CLASS_STYLE = 17;
const C_STYLE = 18;
const C_STYLEDEF_STYLES = 19;

/** Thrown inside the recogniser to answer false. */
class Unsure extends Error {}
const UNSURE = new Unsure();

/** The fork/join/choice markers of rules 37–42, in rule order, with the token each gives. */
const MARKERS: readonly (readonly [string, number])[] = [
  ['<<fork>>', T_FORK],
  ['<<join>>', T_JOIN],
  ['<<choice>>', T_CHOICE],
  ['[[fork]]', T_FORK],
  ['[[join]]', T_JOIN],
  ['[[choice]]', T_CHOICE],
];

/** mermaid's state lexer on one prepared text. */
class Lexer {
  readonly s: string;
  readonly n: number;
  pos = 0;
  /** condition stack; the bottom is INITIAL */
  stack: number[] = [C_INITIAL];
  /** the last token: kind, and its text as [start, end) */
  tok = 0;
  start = 0;
  end = 0;
  /** the end-of-input NL of INITIAL was given */
  done = false;
  /** plain `direction XX` lines: the offset of `direction` and the end of its line, in order */
  private readonly dirLines: number[];
  private dirIndex = 0;
  /** per line end: the last `{` of the line (rule 52) */
  private readonly braceCache = new Map<number, number>();
  /** per line end: the last start of each fork/join/choice marker (rules 37–42) */
  private readonly markerCache = new Map<number, number[]>();
  private eolFrom = 1;
  private eolAt = 0;
  /** the first `%%` at or after the last token start that looked, or -1 */
  private pct: number;

  constructor(s: string, dirLines: number[]) {
    this.s = s;
    this.n = s.length;
    this.dirLines = dirLines;
    this.pct = s.indexOf('%%');
  }

  private top(): number {
    return this.stack[this.stack.length - 1]!;
  }
  private push(c: number): void {
    this.stack.push(c);
  }
  private pop(): void {
    if (this.stack.length > 1) this.stack.pop();
  }
  private code(i: number): number {
    return i < this.n ? this.s.charCodeAt(i) : -1;
  }
  /** ASCII-case-insensitive match of a lower-case keyword at i. */
  private kw(i: number, w: string): boolean {
    if (i + w.length > this.n) return false;
    for (let k = 0; k < w.length; k++) if (lower(this.s.charCodeAt(i + k)) !== w.charCodeAt(k)) return false;
    return true;
  }
  /** end of the `\s*` run at i */
  private wsEnd(i: number): number {
    while (i < this.n && isWs(this.s.charCodeAt(i))) i++;
    return i;
  }
  /** end of the same-line whitespace run `((?!\n)\s)*` at i */
  private blankEnd(i: number): number {
    while (i < this.n) {
      const c = this.s.charCodeAt(i);
      if (c === 10 || !isWs(c)) break;
      i++;
    }
    return i;
  }
  /**
   * Inside a composite state or after `state`: same-line blanks, a `#` comment or a `%%`
   * comment (not `%%{`) at i are skipped (pos moved past them). False when there is none.
   */
  private skipBlankOrComment(i: number, c: number): boolean {
    if (c !== 10 && isWs(c)) this.pos = this.blankEnd(i);
    else if (c === 35 || (c === 37 && this.s.charCodeAt(i + 1) === 37 && this.s.charCodeAt(i + 2) !== 123)) this.pos = this.eol(i);
    else return false;
    return true;
  }
  /** the end of the line holding i (cached: queries mostly move forward) */
  private eol(i: number): number {
    if (i < this.eolFrom || i > this.eolAt) {
      const e = this.s.indexOf('\n', i);
      this.eolFrom = i;
      this.eolAt = e === -1 ? this.n : e;
    }
    return this.eolAt;
  }
  /** keyword `w` then `\s+` at i: the end of the match, or -1 */
  private kwWs(i: number, w: string): number {
    if (!this.kw(i, w) || !isWs(this.code(i + w.length))) return -1;
    return this.wsEnd(i + w.length);
  }
  /** keyword `w` then `\b` at i (w ends in a word character) */
  private kwB(i: number, w: string): boolean {
    return this.kw(i, w) && !isWord(this.code(i + w.length));
  }

  /** rules 4–7 / 43–46: a plain `direction XX` line whose `direction` is at or after i with only blanks between */
  private directionAt(i: number): number {
    const d = this.dirLines;
    while (this.dirIndex < d.length && d[this.dirIndex]! < i) this.dirIndex += 2;
    if (this.dirIndex >= d.length) return -1;
    const at = d[this.dirIndex]!;
    if (this.blankEnd(i) !== at) return -1;
    return d[this.dirIndex + 1]!;
  }

  /** rule 73 `[^:\n\s\-\{]+` at i with processId: the end, or -1 */
  private idEnd(i: number): number {
    let e = i;
    while (e < this.n) {
      const c = this.s.charCodeAt(e);
      if (c === 58 || c === 45 || c === 123 || isWs(c)) break;
      e++;
    }
    return e === i ? -1 : this.splitComment(i, e);
  }
  /** processId: a `%%` inside the lexeme ends it (given back to the input); at its start, unsure */
  private splitComment(i: number, e: number): number {
    // the first `%%` at or after i (token starts only move forward)
    if (this.pct !== -1 && this.pct < i) this.pct = this.s.indexOf('%%', i);
    const p = this.pct;
    if (p === -1 || p >= e) return e;
    if (p === i) throw UNSURE;
    return p;
  }
  /** rule 74 `\s*:(?:[^:\n;]|:[^:\n;])+` at i (a `:`): the end, or -1 */
  private descrEnd(i: number): number {
    if (this.code(i) !== 58) return -1;
    let e = i + 1;
    for (;;) {
      const c = this.code(e);
      if (c === -1 || c === 10) break;
      if (c !== 58 && c !== 59) {
        e++;
        continue;
      }
      if (c === 58) {
        const d = this.code(e + 1);
        if (d !== -1 && d !== 10 && d !== 58 && d !== 59) {
          e += 2;
          continue;
        }
      }
      break;
    }
    return e > i + 1 ? e : -1;
  }

  /** rules 37–42 at i: [token, marker start, marker length], or null */
  private markerAt(i: number): [number, number, number] | null {
    const e = this.eol(i);
    let last = this.markerCache.get(e);
    if (last === undefined) {
      // (ASCII-only case folding, as in a non-unicode /i regex: no toLowerCase here)
      const ls = this.s.lastIndexOf('\n', e - 1) + 1;
      last = [-1, -1, -1, -1, -1, -1];
      for (let k = ls; k < e; k++) {
        const c = this.s.charCodeAt(k);
        if (c !== 60 && c !== 91) continue;
        for (let m = 0; m < MARKERS.length; m++) if (this.kw(k, MARKERS[m]![0]) && k + MARKERS[m]![0].length <= e) last[m] = k;
      }
      this.markerCache.set(e, last);
    }
    for (let k = 0; k < MARKERS.length; k++) {
      if (last[k]! >= i) return [MARKERS[k]![1], last[k]!, MARKERS[k]![0].length];
    }
    return null;
  }

  /** a `{` on the line of i, after i (rule 52) */
  private braceAfter(i: number): boolean {
    const e = this.eol(i);
    let last = this.braceCache.get(e);
    if (last === undefined) {
      const ls = this.s.lastIndexOf('\n', e - 1) + 1;
      const k = this.s.slice(ls, e).lastIndexOf('{');
      last = k === -1 ? -1 : ls + k;
      this.braceCache.set(e, last);
    }
    return last > i;
  }

  /** rule 68 `[\s\S]*?\n\s*end note\b` at i: the end, or -1 */
  private endNote(i: number): number {
    let p = this.s.indexOf('\n', i);
    while (p !== -1) {
      const q = this.wsEnd(p + 1);
      if (this.kwB(q, 'end note')) return q + 8;
      p = this.s.indexOf('\n', q);
    }
    return -1;
  }

  private give(t: number, start: number, end: number): number {
    this.tok = t;
    this.start = start;
    this.end = end;
    this.pos = end;
    return t;
  }

  /** The next token (skipped lexemes are counted), or throws UNSURE. */
  next(): number {
    let skips = 0;
    for (;;) {
      const t = this.step();
      if (t !== 0) return t;
      if (++skips > MAX_SKIP_RUN) throw UNSURE;
    }
  }

  /** One lexeme: its token, or 0 when the rule returns nothing. */
  private step(): number {
    const i = this.pos;
    const s = this.s;
    const cond = this.top();
    if (i >= this.n) {
      // only INITIAL has an end-of-input rule (`<<EOF>>` → NL, then EOF)
      if (cond !== C_INITIAL) throw UNSURE;
      if (this.done) return this.give(T_EOF, i, i);
      this.done = true;
      return this.give(T_NL, i, i);
    }
    const c = s.charCodeAt(i);
    let e: number;
    switch (cond) {
      case C_INITIAL: {
        if (this.kwB(i, 'click')) return this.give(T_CLICK, i, i + 5);
        if (this.kwB(i, 'href')) return this.give(T_HREF, i, i + 4);
        if (c === 34) {
          const q = s.indexOf('"', i + 1);
          if (q !== -1) return this.give(T_STRING, i, q + 1);
        }
        if (this.kwB(i, 'default')) return this.give(T_DEFAULT, i, i + 7);
        if ((e = this.directionAt(i)) !== -1) return this.give(T_DIRECTION, i, e);
        if (c === 10) {
          e = i;
          while (s.charCodeAt(e) === 10) e++;
          return this.give(T_NL, i, e);
        }
        if (isWs(c)) {
          this.pos = this.wsEnd(i);
          return 0;
        }
        if (c === 35) {
          this.pos = this.eol(i);
          return 0;
        }
        if (c === 37 && s.charCodeAt(i + 1) === 37 && s.charCodeAt(i + 2) !== 123) {
          this.pos = this.eol(i);
          return 0;
        }
        if ((e = this.kwWs(i, 'scale')) !== -1) {
          this.push(C_SCALE);
          return this.give(T_SCALE, i, e);
        }
        if (this.kw(i, 'acctitle')) {
          const k = this.wsEnd(i + 8);
          if (s.charCodeAt(k) === 58) {
            this.push(C_ACC_TITLE);
            return this.give(T_ACC_TITLE, i, this.wsEnd(k + 1));
          }
        }
        if (this.kw(i, 'accdescr')) {
          const k = this.wsEnd(i + 8);
          if (s.charCodeAt(k) === 58) {
            this.push(C_ACC_DESCR);
            return this.give(T_ACC_DESCR, i, this.wsEnd(k + 1));
          }
          if (s.charCodeAt(k) === 123) {
            this.push(C_ACC_DESCR_ML);
            this.pos = this.wsEnd(k + 1);
            return 0;
          }
        }
        return this.common(i, c, true);
      }
      case C_STRUCT: {
        if (this.skipBlankOrComment(i, c)) return 0;
        return this.common(i, c, false);
      }
      case C_STATE: {
        if (this.skipBlankOrComment(i, c)) return 0;
        const m = this.markerAt(i);
        if (m !== null) {
          this.pop();
          return this.give(m[0], i, m[1] + m[2]);
        }
        if (c === 34) {
          this.push(C_STATE_STRING);
          this.pos = i + 1;
          return 0;
        }
        {
          const k = this.wsEnd(i);
          if (this.kw(k, 'as') && isWs(this.code(k + 2))) {
            this.push(C_STATE_ID);
            return this.give(T_AS, i, this.wsEnd(k + 2));
          }
        }
        if (isWord(c)) {
          // rule 52 `\w+\s+\w+.*?\{`: mermaid throws "State name must be a single word"
          let a = i;
          while (isWord(this.code(a))) a++;
          const b = this.wsEnd(a);
          if (b > a && isWord(this.code(b)) && this.braceAfter(b)) throw UNSURE;
        }
        if (c !== 123 && c !== 10) {
          e = i;
          while (e < this.n) {
            const d = s.charCodeAt(e);
            if (d === 10 || d === 123 || isWs(d)) break;
            e++;
          }
          return this.give(T_COMPOSIT, i, e);
        }
        if (c === 10) {
          this.pop();
          this.pos = i + 1;
          return 0;
        }
        // `{`
        this.pop();
        this.push(C_STRUCT);
        return this.give(T_STRUCT_START, i, i + 1);
      }
      case C_STATE_STRING: {
        if (c === 34) {
          this.pop();
          this.pos = i + 1;
          return 0;
        }
        const q = s.indexOf('"', i);
        return this.give(T_STATE_DESCR, i, q === -1 ? this.n : q);
      }
      case C_STATE_ID: {
        e = i;
        while (e < this.n) {
          const d = s.charCodeAt(e);
          if (d === 10 || d === 123) break;
          e++;
        }
        if (e > i) e = this.splitComment(i, e);
        this.pop();
        return this.give(T_ID, i, e);
      }
      case C_NOTE: {
        if (this.kwB(i, 'left of')) {
          this.pop();
          this.push(C_NOTE_ID);
          return this.give(T_LEFT_OF, i, i + 7);
        }
        if (this.kwB(i, 'right of')) {
          this.pop();
          this.push(C_NOTE_ID);
          return this.give(T_RIGHT_OF, i, i + 8);
        }
        if (c === 34) {
          this.pop();
          this.push(C_FLOATING_NOTE);
          this.pos = i + 1;
          return 0;
        }
        throw UNSURE;
      }
      case C_NOTE_ID: {
        const k = this.wsEnd(i);
        e = k;
        while (e < this.n) {
          const d = s.charCodeAt(e);
          if (d === 58 || d === 45 || isWs(d)) break;
          e++;
        }
        if (e === k) throw UNSURE;
        e = this.splitComment(i, e);
        this.pop();
        this.push(C_NOTE_TEXT);
        return this.give(T_ID, i, e);
      }
      case C_NOTE_TEXT: {
        const k = this.wsEnd(i);
        if (s.charCodeAt(k) === 58) {
          e = k + 1;
          while (e < this.n) {
            const d = s.charCodeAt(e);
            if (d === 58 || d === 10 || d === 59) break;
            e++;
          }
          if (e > k + 1) {
            this.pop();
            return this.give(T_NOTE_TEXT, i, e);
          }
        }
        e = this.endNote(i);
        if (e === -1) throw UNSURE;
        this.pop();
        return this.give(T_NOTE_TEXT, i, e);
      }
      case C_FLOATING_NOTE: {
        const k = this.wsEnd(i);
        if (this.kw(k, 'as')) {
          this.pop();
          this.push(C_FLOATING_NOTE_ID);
          return this.give(T_AS, i, this.wsEnd(k + 2));
        }
        if (c === 34) {
          this.pos = i + 1;
          return 0;
        }
        const q = s.indexOf('"', i);
        return this.give(T_NOTE_TEXT, i, q === -1 ? this.n : q);
      }
      case C_FLOATING_NOTE_ID: {
        e = this.eol(i);
        if (e > i) e = this.splitComment(i, e);
        this.pop();
        return this.give(T_ID, i, e);
      }
      case C_SCALE: {
        if (c >= 48 && c <= 57) {
          e = i;
          while (e < this.n && s.charCodeAt(e) >= 48 && s.charCodeAt(e) <= 57) e++;
          return this.give(T_WIDTH, i, e);
        }
        if (isWs(c)) {
          const k = this.wsEnd(i);
          if (this.kwB(k, 'width')) {
            this.pop();
            this.pos = k + 5;
            return 0;
          }
        }
        throw UNSURE;
      }
      case C_ACC_TITLE:
      case C_ACC_DESCR:
        this.pop();
        return this.give(cond === C_ACC_TITLE ? T_ACC_TITLE_VALUE : T_ACC_DESCR_VALUE, i, this.eol(i));
      case C_ACC_DESCR_ML: {
        if (c === 125) {
          this.pop();
          this.pos = i + 1;
          return 0;
        }
        const q = s.indexOf('}', i);
        return this.give(T_ACC_DESCR_ML, i, q === -1 ? this.n : q);
      }
      case C_CLASSDEF: {
        if (this.kwWs(i, 'default') !== -1) return this.give(T_BAD, i, i + 7);
        e = i;
        while (isWord(this.code(e))) e++;
        if (e === i || !isWs(this.code(e))) throw UNSURE;
        this.pop();
        this.push(C_CLASSDEFID);
        return this.give(T_CLASSDEF_ID, i, this.wsEnd(e));
      }
      case C_CLASS: {
        e = i;
        while (isWord(this.code(e))) e++;
        if (e === i) throw UNSURE;
        for (;;) {
          if (this.code(e) !== 44) break;
          const m = this.wsEnd(e + 1);
          if (!isWord(this.code(m))) break;
          e = m;
          while (isWord(this.code(e))) e++;
        }
        this.pop();
        this.push(C_CLASS_STYLE);
        return this.give(T_CLASS_IDS, i, e);
      }
      case C_STYLE: {
        e = i;
        while (isWord(this.code(e)) || this.code(e) === 44) e++;
        if (e === i || !isWs(this.code(e))) throw UNSURE;
        this.pop();
        this.push(C_STYLEDEF_STYLES);
        return this.give(T_STYLE_IDS, i, this.wsEnd(e));
      }
      case C_CLASSDEFID:
      case C_CLASS_STYLE:
      case C_STYLEDEF_STYLES: {
        const t = cond === C_CLASSDEFID ? T_CLASSDEF_OPTS : cond === C_CLASS_STYLE ? T_CLASS_STYLE : T_STYLE_OPTS;
        this.pop();
        return this.give(t, i, this.eol(i));
      }
      default:
        throw UNSURE;
    }
  }

  /**
   * The rules INITIAL and struct share after their own first ones, in rule order:
   * classDef, class, style, state, (INITIAL: `{`; struct: direction, `}`, newline),
   * note, (INITIAL: headers, hide empty description), `[*]`, id, description, `-->`,
   * (struct: `--`), `:::`, (INITIAL: any other character is INVALID).
   */
  private common(i: number, c: number, initial: boolean): number {
    let e: number;
    if ((e = this.kwWs(i, 'classdef')) !== -1) {
      this.push(C_CLASSDEF);
      return this.give(T_CLASSDEF, i, e);
    }
    if ((e = this.kwWs(i, 'class')) !== -1) {
      this.push(C_CLASS);
      return this.give(T_CLASS, i, e);
    }
    if ((e = this.kwWs(i, 'style')) !== -1) {
      this.push(C_STYLE);
      return this.give(T_STYLE, i, e);
    }
    if ((e = this.kwWs(i, 'state')) !== -1) {
      this.push(C_STATE);
      this.pos = e;
      return 0;
    }
    if (initial) {
      if (c === 123) {
        this.pop();
        this.push(C_STRUCT);
        return this.give(T_STRUCT_START, i, i + 1);
      }
    } else {
      if ((e = this.directionAt(i)) !== -1) return this.give(T_DIRECTION, i, e);
      if (c === 125) {
        this.pop();
        return this.give(T_STRUCT_STOP, i, i + 1);
      }
      if (c === 10) {
        this.pos = i + 1;
        return 0;
      }
    }
    if ((e = this.kwWs(i, 'note')) !== -1) {
      this.push(C_NOTE);
      return this.give(T_NOTE, i, e);
    }
    if (initial) {
      if ((e = this.kwWs(i, 'statediagram')) !== -1) return this.give(T_SD, i, e);
      if ((e = this.kwWs(i, 'statediagram-v2')) !== -1) return this.give(T_SD, i, e);
      if (this.kwB(i, 'hide empty description')) return this.give(T_HIDE_EMPTY, i, i + 22);
    }
    if (c === 91 && this.s.startsWith('[*]', i)) return this.give(T_EDGE_STATE, i, i + 3);
    if ((e = this.idEnd(i)) !== -1) return this.give(T_ID, i, e);
    if ((e = this.descrEnd(i)) !== -1) return this.give(T_DESCR, i, e);
    if (this.s.startsWith('-->', i)) return this.give(T_ARROW, i, i + 3);
    if (!initial && this.s.startsWith('--', i)) return this.give(T_CONCURRENT, i, i + 2);
    if (this.s.startsWith(':::', i)) return this.give(T_STYLE_SEP, i, i + 3);
    if (initial) return this.give(T_BAD, i, i + 1);
    throw UNSURE;
  }
}

// ------------------------------------------------------------------ directions

const DIRECTION_TRIGGER = /direction\s+(?:tb|bt|rl|lr)/gi;
const PLAIN_DIRECTION = /direction[ \t]+(?:tb|bt|rl|lr)/iy;

/**
 * Every place where mermaid's `.*direction\s+(TB|BT|RL|LR)[^\n]*` rules could fire must
 * start its line (after blanks), with blanks only between `direction` and the value,
 * and be the only one on its line (else null): the rule then takes the whole line as a
 * direction from any token start before it, and never fires elsewhere. Returns, for each
 * such line, the offset of `direction` and the end of the line.
 */
function directionLines(s: string): number[] | null {
  const out: number[] = [];
  DIRECTION_TRIGGER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIRECTION_TRIGGER.exec(s)) !== null) {
    const at = m.index;
    let ls = at;
    while (ls > 0 && (s.charCodeAt(ls - 1) === 32 || s.charCodeAt(ls - 1) === 9)) ls--;
    if (ls > 0 && s.charCodeAt(ls - 1) !== 10) return null;
    PLAIN_DIRECTION.lastIndex = at;
    if (!PLAIN_DIRECTION.test(s)) return null;
    let le = s.indexOf('\n', at);
    if (le === -1) le = s.length;
    out.push(at, le);
    DIRECTION_TRIGGER.lastIndex = at + 9;
  }
  return out;
}

// ------------------------------------------------------------------ the grammar

/** Recursive descent over the tokens, with the database's bookkeeping. */
class Parser {
  private readonly lx: Lexer;
  private t = 0;
  /** ids of composite states (`state X { … }`, `state "…" as X { … }`) */
  private readonly groups = new Set<string>();
  /** how many non-empty descriptions each state id receives */
  private readonly descriptions = new Map<string, number>();

  constructor(lx: Lexer) {
    this.lx = lx;
  }

  /** the current token (a method, so that TypeScript does not narrow it across advances) */
  private cur(): number {
    return this.t;
  }
  private advance(): void {
    this.t = this.lx.next();
  }
  private text(): string {
    return this.lx.s.slice(this.lx.start, this.lx.end);
  }
  private expect(t: number): void {
    if (this.cur() !== t) throw UNSURE;
    this.advance();
  }
  private describe(id: string): void {
    this.descriptions.set(id, (this.descriptions.get(id) ?? 0) + 1);
  }

  run(): boolean {
    this.advance();
    while (this.cur() === T_NL) this.advance();
    this.expect(T_SD);
    this.document(0);
    for (const id of this.groups) if ((this.descriptions.get(id) ?? 0) >= 2) return false;
    return true;
  }

  private document(depth: number): void {
    for (;;) {
      switch (this.cur()) {
        case T_NL:
          this.advance();
          break;
        case T_EOF:
          if (depth !== 0) throw UNSURE;
          return;
        case T_STRUCT_STOP:
          if (depth === 0) throw UNSURE;
          this.advance();
          return;
        default:
          this.statement(depth);
      }
    }
  }

  /** idStatement: ID | EDGE_STATE, optionally followed by `:::` ID. Returns the ID's text, or null for `[*]`. */
  private idStatement(): string | null {
    let id: string | null;
    if (this.cur() === T_ID) id = this.text();
    else if (this.cur() === T_EDGE_STATE) id = null;
    else throw UNSURE;
    this.advance();
    if (this.cur() === T_STYLE_SEP) {
      this.advance();
      this.expect(T_ID);
    }
    return id;
  }

  private statement(depth: number): void {
    switch (this.cur()) {
      case T_ID:
      case T_EDGE_STATE: {
        const id = this.idStatement();
        if (this.cur() === T_DESCR) {
          // `[*] : text` describes a generated start/end state: outside the subset
          if (id === null) throw UNSURE;
          if (this.text().trim().slice(1).trim() !== '') this.describe(id);
          this.advance();
        } else if (this.cur() === T_ARROW) {
          this.advance();
          this.idStatement();
          if (this.cur() === T_DESCR) this.advance();
        }
        return;
      }
      case T_HIDE_EMPTY:
      case T_CONCURRENT:
      case T_DIRECTION:
      case T_ACC_DESCR_ML:
        this.advance();
        return;
      case T_SCALE:
        this.advance();
        this.expect(T_WIDTH);
        return;
      case T_FORK:
      case T_JOIN:
      case T_CHOICE: {
        // the id is what precedes the marker on the line, trimmed
        const s = this.lx.s;
        let a = this.lx.start;
        let b = this.lx.end - (this.cur() === T_CHOICE ? 10 : 8);
        while (a < b && isWs(s.charCodeAt(a))) a++;
        while (b > a && isWs(s.charCodeAt(b - 1))) b--;
        if (!isSafeId(s.slice(a, b))) throw UNSURE;
        this.advance();
        return;
      }
      case T_COMPOSIT: {
        const id = this.text();
        if (!isSafeId(id)) throw UNSURE;
        this.advance();
        if (this.cur() === T_STRUCT_START) this.body(id, depth);
        return;
      }
      case T_STATE_DESCR: {
        const descr = this.text();
        this.advance();
        this.expect(T_AS);
        if (this.cur() !== T_ID) throw UNSURE;
        const id = this.text().trim();
        if (!isSafeId(id)) throw UNSURE;
        this.advance();
        if (this.cur() === T_STRUCT_START) {
          // `state "…" as X { … }` keeps the description untrimmed
          if (descr !== '') this.describe(id);
          this.body(id, depth);
        } else if (descr.trim() !== '') this.describe(id);
        return;
      }
      case T_NOTE:
        this.advance();
        if (this.cur() === T_LEFT_OF || this.cur() === T_RIGHT_OF) {
          this.advance();
          this.expect(T_ID);
          this.expect(T_NOTE_TEXT);
        } else {
          this.expect(T_NOTE_TEXT);
          this.expect(T_AS);
          this.expect(T_ID);
        }
        return;
      case T_ACC_TITLE:
        this.advance();
        this.expect(T_ACC_TITLE_VALUE);
        return;
      case T_ACC_DESCR:
        this.advance();
        this.expect(T_ACC_DESCR_VALUE);
        return;
      case T_CLICK:
        this.advance();
        this.idStatement();
        if (this.cur() === T_STRING) {
          this.advance();
          this.expect(T_STRING);
        } else {
          this.expect(T_HREF);
          this.expect(T_STRING);
        }
        this.expect(T_NL);
        return;
      case T_CLASSDEF:
        this.advance();
        this.expect(T_CLASSDEF_ID);
        this.expect(T_CLASSDEF_OPTS);
        return;
      case T_STYLE:
        this.advance();
        this.expect(T_STYLE_IDS);
        this.expect(T_STYLE_OPTS);
        return;
      case T_CLASS:
        this.advance();
        this.expect(T_CLASS_IDS);
        this.expect(T_CLASS_STYLE);
        return;
      default:
        throw UNSURE;
    }
  }

  /** STRUCT_START document STRUCT_STOP of a composite state. */
  private body(id: string, depth: number): void {
    if (depth + 1 > MAX_DEPTH) throw UNSURE;
    this.groups.add(id);
    this.advance();
    this.document(depth + 1);
  }
}

// ------------------------------------------------------------------ entry point

/**
 * True only when mermaid 12.3.0's `mermaid.parse(text)` is certain to accept `text`
 * (a whole diagram text, as passed to mermaid.parse, detected as `stateDiagram`).
 * False means "not sure": the caller then asks mermaid itself.
 */
export function acceptsState(text: string): boolean {
  const s = prepare(text);
  if (s === null) return false;
  const dirLines = directionLines(s);
  if (dirLines === null) return false;
  try {
    return new Parser(new Lexer(s, dirLines)).run();
  } catch (e) {
    if (e === UNSURE) return false;
    throw e;
  }
}
