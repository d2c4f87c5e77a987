/**
 * A fast, sound recogniser for mermaid 12.3.0 class diagrams.
 *
 * `mermaid.parse` is slow on class diagrams (its class db deep-copies the config for
 * every statement). {@link acceptsClass} decides, in linear time and without mermaid,
 * whether `mermaid.parse(text)` is certain to accept a text detected as `classDiagram`
 * (12.3.0 registers one id, `classDiagram`, for both `classDiagram` and
 * `classDiagram-v2` headers). It recognises a well-understood subset and answers false
 * ("not sure") for everything else; the caller then asks mermaid.
 *
 * What mermaid does, and what this file mirrors:
 *
 * 1. Preprocessing (`preprocessDiagram`): `\r\n?` → `\n`; an HTML-attribute rewrite
 *    (`="…"` → `='…'` inside `<tag …>`; any `="` makes us answer false); a leading
 *    `---` front-matter block is cut off and loaded with js-yaml (JSON schema, as
 *    mermaid does) — we accept only an unindented block whose `title` is a scalar, with
 *    no `displayMode` and a `config` limited to verified settings (other keys are never
 *    read); `%%{…}%%` directives (we answer false); whole-line `%%` comments are
 *    removed; the rest is trimmed at the start. U+2028/U+2029 (line starts for the
 *    comment regex) make us answer false.
 * 2. `encodeEntities` rewrites `#name;` entities and drops a `;` on some `style` /
 *    `classDef` lines: they all need a `#` and a `;` on one line, which makes us answer
 *    false. Then `\n` is appended.
 * 3. The jison lexer: first matching rule wins, with a stack of start conditions
 *    (INITIAL, class, class-body, namespace, namespace-body, plus short-lived string,
 *    generic, backquote, callback and accessibility states). {@link lex} reproduces the
 *    rules in their order for the states and characters of the subset and gives up on
 *    anything else (tokens the grammar does not know, lexical errors, odd corners).
 *    Notable rules: `.*direction\s+(TB|BT|RL|LR)[^\n]*` is tried first at every INITIAL
 *    position (we accept such text only on plain `direction XX` lines); keywords end at
 *    an ASCII word boundary (`note\b`, `link\b`, `o\b` is an aggregation arrow…);
 *    whitespace is skipped in the statement states, so `Foo Bar` is the class `FooBar`.
 * 4. The grammar (LALR(1), no conflicts in the parts used here), recognised by a
 *    recursive descent over the tokens, and the class db's semantic failures: an
 *    annotation statement `<<x>> C` throws unless class `C` already exists (classes come
 *    into being through `class C`, relations — one side only for a lollipop — and
 *    `C : member`); member text that the db's `ClassMember` takes for a method but
 *    cannot parse throws too (see {@link memberOk}). Class names are restricted to
 *    characters mermaid's sanitiser leaves alone, so the db's repeated sanitising cannot
 *    make a lookup miss.
 */
import { isWordChar as isWord, isWs } from '../js-chars.js';
import { removeCommentLines } from './comments.js';
import yaml from 'js-yaml';

// ------------------------------------------------------------------ tokens

const CLASS_DIAGRAM = 1;
const NEWLINE = 2;
const EOF = 3;
const SQS = 4;
const SQE = 5;
const STR = 6;
const DOT = 7;
const GENERIC = 8;
const LABEL = 9;
const STRUCT_START = 10;
const STRUCT_STOP = 11;
const NAMESPACE = 12;
const STYLE_SEP = 13;
const ANN_START = 14;
const ANN_END = 15;
const CLASS = 16;
const MEMBER = 17;
const NOTE_FOR = 18;
const NOTE = 19;
const CLASSDEF = 20;
const ALPHA = 21;
const COMMA = 22;
const DIRECTION = 23;
const AGGREGATION = 24;
const EXTENSION = 25;
const COMPOSITION = 26;
const DEPENDENCY = 27;
const LOLLIPOP = 28;
const LINE = 29;
const DOTTED_LINE = 30;
const CALLBACK = 31;
const LINK = 32;
const LINK_TARGET = 33;
const CLICK = 34;
const CALLBACK_NAME = 35;
const CALLBACK_ARGS = 36;
const HREF = 37;
const STYLE = 38;
const CSSCLASS = 39;
const COLON = 40;
const BRKT = 41;
const PCT = 42;
const MINUS = 43;
const UNICODE_TEXT = 44;
const BQUOTE_STR = 45;
const ACC_TITLE = 46;
const ACC_TITLE_VALUE = 47;
const ACC_DESCR = 48;
const ACC_DESCR_VALUE = 49;
const ACC_DESCR_ML_VALUE = 50;

// lexer start conditions kept on the stack (the short-lived ones are handled inline)
const S_INITIAL = 0;
const S_CLASS = 1;
const S_CLASS_BODY = 2;
const S_NAMESPACE = 3;
const S_NAMESPACE_BODY = 4;

// ------------------------------------------------------------------ characters



/**
 * Letters that mermaid's UNICODE_TEXT rule takes one at a time: a subset of its table
 * (Latin-1 and Latin Extended, Greek, Cyrillic, kana, CJK, Hangul).
 */
const UNICODE_RANGES: readonly number[] = [
  0xc0, 0xd6, 0xd8, 0xf6, 0xf8, 0x2c1, 0x388, 0x38a, 0x38c, 0x38c, 0x38e, 0x3a1, 0x3a3, 0x3f5, 0x400, 0x481,
  0x48a, 0x527, 0x3041, 0x3096, 0x30a1, 0x30fa, 0x4e00, 0x9fcc, 0xac00, 0xd7a3,
];
function isUnicodeLetter(c: number): boolean {
  for (let i = 0; i < UNICODE_RANGES.length; i += 2) {
    if (c >= UNICODE_RANGES[i]! && c <= UNICODE_RANGES[i + 1]!) return true;
  }
  return false;
}

/** Characters allowed inside `` `…` `` class names (kept unchanged by mermaid's sanitiser). */
function isBackquoteChar(c: number): boolean {
  return isWord(c) || c === 32 || c === 45 || c === 46 || c === 33 || c === 63 || c === 44 || c === 40 || c === 41 || c === 47;
}

/** Characters allowed inside a `~generic~`. */
function isGenericChar(c: number): boolean {
  return isWord(c) || c === 32 || c === 44 || c === 46 || c === 91 || c === 93;
}

/** Keywords of rules `<*>` 50–58 that end at a word boundary. */
function isStarKeyword(w: string): boolean {
  return w === 'cssClass' || w === 'callback' || w === 'link' || w === 'click' || w === 'note' || w === 'href';
}

// ------------------------------------------------------------------ preprocessing

const CLASS_CONFIG_BOOLEANS = new Set(['hideEmptyMembersBox', 'hierarchicalNamespaces', 'useMaxWidth']);
const THEMES = new Set(['default', 'base', 'dark', 'forest', 'neutral']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The front-matter YAML loads (as mermaid loads it) to settings known not to break parsing. */
function frontMatterOk(body: string): boolean {
  let doc: unknown;
  try {
    doc = yaml.load(body, { schema: yaml.JSON_SCHEMA });
  } catch {
    return false;
  }
  if (doc === null || doc === undefined) return true;
  if (!isPlainObject(doc)) return false;
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'title') {
      if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
    } else if (key === 'config') {
      if (!isPlainObject(value)) return false;
      for (const [ck, cv] of Object.entries(value)) {
        if (ck === 'class') {
          if (!isPlainObject(cv)) return false;
          for (const [k, v] of Object.entries(cv)) {
            if (!CLASS_CONFIG_BOOLEANS.has(k) || typeof v !== 'boolean') return false;
          }
        } else if (ck === 'theme') {
          if (typeof cv !== 'string' || !THEMES.has(cv)) return false;
        } else {
          return false;
        }
      }
    } else if (key === 'displayMode' || key === '__proto__') {
      return false;
    }
    // mermaid reads nothing else from the front matter
  }
  return true;
}

/**
 * The text mermaid hands to the class parser (without the `\n` it appends), or null when
 * preprocessing leaves the subset.
 */
function parserText(raw: string): string | null {
  let text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  // the tag-attribute rewrite only changes text containing `="`
  if (text.indexOf('="') !== -1) return null;
  if (text.indexOf('%%{') !== -1) return null;
  // U+2028/U+2029 start lines for the `^` of mermaid's comment-stripping regex
  if (text.indexOf('\u2028') !== -1 || text.indexOf('\u2029') !== -1) return null;
  // front matter: `^[ \t]*---` opens one when a closing fence follows
  let k = 0;
  while (k < text.length && isWs(text.charCodeAt(k)) && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
  if (text.startsWith('---', k)) {
    if (k !== 0) return null;
    const firstNl = text.indexOf('\n');
    if (firstNl === -1 || !/^---[ \t]*$/.test(text.slice(0, firstNl))) return null;
    let ls = firstNl + 1;
    let bodyEnd = -1;
    let after = -1;
    while (ls < text.length) {
      let le = text.indexOf('\n', ls);
      if (le === -1) le = text.length;
      if (text.startsWith('---', ls)) {
        if (le === text.length || !/^---[ \t]*$/.test(text.slice(ls, le))) return null;
        bodyEnd = ls - 1;
        after = le + 1;
        break;
      }
      ls = le + 1;
    }
    if (bodyEnd < firstNl + 1) return null; // no closing fence, or an empty body
    if (!frontMatterOk(text.slice(firstNl + 1, bodyEnd))) return null;
    text = text.slice(after);
  }
  return removeCommentLines(text).trimStart();
}

/**
 * Lines with both `#` and `;` are what `encodeEntities` may rewrite; and every place
 * where the lexer's `.*direction\s+(TB|BT|RL|LR)` rule can fire must be a plain
 * `direction XX` line. Returns, for each such line, its start and the offset of its
 * `direction` (ascending), or null.
 */
function scanLines(text: string): number[] | null {
  const n = text.length;
  if (text.indexOf(';') !== -1 && text.indexOf('#') !== -1) {
    let hash = false;
    let semi = false;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        hash = false;
        semi = false;
      } else if (c === 35) {
        if (semi) return null;
        hash = true;
      } else if (c === 59) {
        if (hash) return null;
        semi = true;
      }
    }
  }
  // pairs: line start, offset of `direction`
  const dirs: number[] = [];
  let from = 0;
  for (;;) {
    const d = text.indexOf('direction', from);
    if (d === -1) break;
    from = d + 9;
    let j = from;
    while (j < n && isWs(text.charCodeAt(j))) j++;
    if (j === from) continue;
    const two = text.slice(j, j + 2);
    if (two !== 'TB' && two !== 'BT' && two !== 'RL' && two !== 'LR') continue;
    const ls = text.lastIndexOf('\n', d) + 1;
    let le = text.indexOf('\n', d);
    if (le === -1) le = n;
    if (!/^[ \t]*direction[ \t]+(?:TB|BT|RL|LR)[ \t]*$/.test(text.slice(ls, le))) return null;
    dirs.push(ls, d);
  }
  return dirs;
}

// ------------------------------------------------------------------ lexer

interface Tokens {
  kinds: number[];
  values: string[];
}

/** The token stream the jison lexer produces for `src` (text + `\n`), or null. */
function lex(src: string, dirs: number[]): Tokens | null {
  const kinds: number[] = [];
  const values: string[] = [];
  const stack: number[] = [S_INITIAL];
  const n = src.length;
  let p = 0;
  let dirIdx = 0;
  const push = (k: number, v: string): void => {
    kinds.push(k);
    values.push(v);
  };
  /** A token whose value is the source text at p: pushed, and p moved past it. */
  const pushText = (k: number, v: string): void => {
    push(k, v);
    p += v.length;
  };

  /** Rule `<*>["]`: the string state; `[^"]*` is STR. No token for `""`. */
  const readString = (): boolean => {
    const close = scanTo(p + 1, 34);
    if (close === -1) return false;
    if (close > p + 1) push(STR, src.slice(p + 1, close));
    p = close + 1;
    return true;
  };

  /** The offset of the first `stop` character from q on this line, or -1 (end of line or text first). */
  const scanTo = (q: number, stop: number): number => {
    for (let e = q; e < n; e++) {
      const d = src.charCodeAt(e);
      if (d === stop) return e;
      if (d === 10) return -1;
    }
    return -1;
  };

  /** The word run at p, and its `\w+` length. */
  const wordAt = (q: number): string => {
    let e = q;
    while (e < n && isWord(src.charCodeAt(e))) e++;
    return src.slice(q, e);
  };

  /**
   * Rules `<*>` 50–58 at the start of the generic / backquote states, which win over
   * the content rule: a keyword, `<<`, `>>`, `"` there.
   */
  const specialAtContentStart = (q: number): boolean => {
    const c = src.charCodeAt(q);
    if (c === 34) return true;
    if ((c === 60 && src.charCodeAt(q + 1) === 60) || (c === 62 && src.charCodeAt(q + 1) === 62)) return true;
    return isWord(c) && isStarKeyword(wordAt(q));
  };

  /** The rules shared by the statement states (`<*>` rules from 50 on), at p. */
  const common = (state: number): boolean => {
    const c = src.charCodeAt(p);
    const c1 = src.charCodeAt(p + 1);
    if (isWord(c)) {
      const w = wordAt(p);
      let kind = ALPHA;
      let len = w.length;
      if (state === S_INITIAL) {
        if (w === 'classDiagram') {
          kind = CLASS_DIAGRAM;
          if (src.startsWith('-v2', p + 12) && !isWord(src.charCodeAt(p + 15))) len = 15;
        } else if (w === 'style') kind = STYLE;
        else if (w === 'classDef') kind = CLASSDEF;
      }
      if (kind === ALPHA) {
        if ((state === S_INITIAL || state === S_NAMESPACE || state === S_NAMESPACE_BODY) && w === 'namespace') {
          kind = NAMESPACE;
        } else if ((state === S_INITIAL || state === S_NAMESPACE_BODY) && w === 'class') {
          kind = CLASS;
        } else if (w === 'cssClass') kind = CSSCLASS;
        else if (w === 'callback') kind = CALLBACK;
        else if (w === 'link') kind = LINK;
        else if (w === 'click') kind = CLICK;
        else if (w === 'note') {
          if (src.startsWith(' for', p + 4) && !isWord(src.charCodeAt(p + 8))) {
            kind = NOTE_FOR;
            len = 8;
          } else kind = NOTE;
        } else if (w === 'href') kind = HREF;
        else if (w === '_self' || w === '_blank' || w === '_parent' || w === '_top') kind = LINK_TARGET;
        else if (w === 'o') kind = AGGREGATION;
      }
      push(kind, src.slice(p, p + len));
      p += len;
      if (kind === NAMESPACE) stack.push(S_NAMESPACE);
      else if (kind === CLASS) stack.push(S_CLASS);
      return true;
    }
    switch (c) {
      case 60: // <
        if (c1 === 60) pushText(ANN_START, '<<');
        else if (c1 === 124) pushText(EXTENSION, '<|');
        else pushText(DEPENDENCY, '<');
        return true;
      case 62: // >
        if (c1 === 62) {
          pushText(ANN_END, '>>');
        } else {
          pushText(DEPENDENCY, '>');
        }
        return true;
      case 124: // |
        if (c1 !== 62) return false;
        pushText(EXTENSION, '|>');
        return true;
      case 42: // *
        pushText(COMPOSITION, '*');
        return true;
      case 40: // (
        if (c1 !== 41) return false;
        pushText(LOLLIPOP, '()');
        return true;
      case 45: // -
        if (c1 === 45) {
          pushText(LINE, '--');
        } else {
          pushText(MINUS, '-');
        }
        return true;
      case 46: // .
        if (c1 === 46) {
          pushText(DOTTED_LINE, '..');
        } else {
          pushText(DOT, '.');
        }
        return true;
      case 58: {
        // :  LABEL is `:[^:\n;]+`, then `:::`, then (INITIAL only) `:`
        let e = p + 1;
        while (e < n) {
          const d = src.charCodeAt(e);
          if (d === 58 || d === 10 || d === 59) break;
          e++;
        }
        if (e > p + 1) {
          pushText(LABEL, src.slice(p, e));
        } else if (c1 === 58 && src.charCodeAt(p + 2) === 58) {
          pushText(STYLE_SEP, ':::');
        } else if (state === S_INITIAL) {
          pushText(COLON, ':');
        } else return false;
        return true;
      }
      case 126: {
        // ~  the generic state
        const q = p + 1;
        if (src.charCodeAt(q) === 126) {
          p = q + 1;
          return true;
        }
        if (specialAtContentStart(q)) return false;
        let e = q;
        while (e < n && isGenericChar(src.charCodeAt(e))) e++;
        if (src.charCodeAt(e) !== 126) return false;
        push(GENERIC, src.slice(q, e));
        p = e + 1;
        return true;
      }
      case 96: {
        // `  the backquote state
        const q = p + 1;
        if (src.charCodeAt(q) === 96) {
          p = q + 1;
          return true;
        }
        if (specialAtContentStart(q) || src.charCodeAt(q) === 126) return false;
        let e = q;
        while (e < n && isBackquoteChar(src.charCodeAt(e))) e++;
        if (src.charCodeAt(e) !== 96) return false;
        // no leading/trailing blanks: they would not survive the sanitiser unchanged
        if (src.charCodeAt(q) === 32 || src.charCodeAt(e - 1) === 32) return false;
        push(BQUOTE_STR, src.slice(q, e));
        p = e + 1;
        return true;
      }
      case 37: // %
        pushText(PCT, '%');
        return true;
      case 91: // [
        pushText(SQS, '[');
        return true;
      case 93: // ]
        pushText(SQE, ']');
        return true;
      case 44: // ,
        if (state !== S_INITIAL) return false;
        pushText(COMMA, ',');
        return true;
      case 35: // #
        if (state !== S_INITIAL) return false;
        pushText(BRKT, '#');
        return true;
      default:
        if (isUnicodeLetter(c)) {
          push(UNICODE_TEXT, src[p]!);
          p += 1;
          return true;
        }
        return false;
    }
  };

  /** Whitespace at p in a statement state: NEWLINE through the run's last `\n`, else skipped. */
  const whitespace = (): boolean => {
    let e = p;
    let lastNl = -1;
    while (e < n) {
      const d = src.charCodeAt(e);
      if (!isWs(d)) break;
      if (d === 10) lastNl = e;
      e++;
    }
    if (lastNl === -1) {
      p = e;
      return false;
    }
    push(NEWLINE, '\n');
    p = lastNl + 1;
    return true;
  };

  while (p < n) {
    const state = stack[stack.length - 1]!;
    const c = src.charCodeAt(p);
    if (state === S_CLASS_BODY) {
      if (c === 125) {
        push(STRUCT_STOP, '}');
        stack.pop();
        p += 1;
      } else if (c === 10) {
        p += 1;
      } else if (c === 34 || c === 123 || (c === 91 && src.startsWith('[*]', p))) {
        return null;
      } else {
        let e = p;
        while (e < n) {
          const d = src.charCodeAt(e);
          if (d === 10 || d === 123 || d === 125) break;
          e++;
        }
        if (src.charCodeAt(e) === 123) return null;
        push(MEMBER, src.slice(p, e));
        p = e;
      }
      continue;
    }
    if (state === S_INITIAL) {
      // rules 0-3: `.*direction\s+XX[^\n]*`
      while (dirIdx < dirs.length && dirs[dirIdx + 1]! < p) dirIdx += 2;
      if (dirIdx < dirs.length && p >= dirs[dirIdx]!) {
        push(DIRECTION, '');
        const le = src.indexOf('\n', dirs[dirIdx + 1]!);
        p = le === -1 ? n : le;
        dirIdx += 2;
        continue;
      }
      if (c === 37) {
        if (src.charCodeAt(p + 1) === 37) return null; // a `%%` comment inside a line
      } else if (c === 97 && src.startsWith('acc', p)) {
        const w = wordAt(p);
        if (w === 'accTitle' || w === 'accDescr') {
          let q = p + 8;
          while (q < n && isWs(src.charCodeAt(q))) q++;
          const d = src.charCodeAt(q);
          if (d === 58) {
            // `accTitle\s*:\s*`, then `[^\n]*`
            push(w === 'accTitle' ? ACC_TITLE : ACC_DESCR, w);
            q += 1;
            while (q < n && isWs(src.charCodeAt(q))) q++;
            // an empty value only happens at the end of the text, where jison's lexer then
            // answers `$end` instead of the grammar's EOF token: mermaid rejects that
            if (q >= n) return null;
            let e = src.indexOf('\n', q);
            if (e === -1) e = n;
            push(w === 'accTitle' ? ACC_TITLE_VALUE : ACC_DESCR_VALUE, src.slice(q, e));
            p = e;
            continue;
          }
          if (d === 123 && w === 'accDescr') {
            // `accDescr\s*{\s*`, then `}` pops, else `[^}]*`
            q += 1;
            while (q < n && isWs(src.charCodeAt(q))) q++;
            const close = src.indexOf('}', q);
            if (close === -1) return null;
            if (close > q) push(ACC_DESCR_ML_VALUE, src.slice(q, close));
            p = close + 1;
            continue;
          }
        }
      } else if (c === 99 && src.startsWith('call', p) && isWs(src.charCodeAt(p + 4))) {
        // `call[\s]+`: callback_name (`\(\s*\)` pops, `\(` opens the arguments, `[^(]*`)
        let q = p + 4;
        while (q < n && isWs(src.charCodeAt(q))) q++;
        const open = scanTo(q, 40);
        if (open === -1) return null;
        if (open > q) push(CALLBACK_NAME, src.slice(q, open));
        const close = scanTo(open, 41);
        if (close === -1) return null;
        const args = src.slice(open + 1, close);
        if (args.trim() !== '') push(CALLBACK_ARGS, args);
        p = close + 1;
        continue;
      } else if (c === 91 && src.startsWith('[*]', p)) {
        return null;
      }
    }
    if (state === S_NAMESPACE_BODY && c === 125) {
      push(STRUCT_STOP, '}');
      stack.pop();
      p += 1;
      continue;
    }
    if (c === 34) {
      if (!readString()) return null;
      continue;
    }
    if (isWs(c)) {
      if (whitespace() && (state === S_CLASS || state === S_NAMESPACE)) stack.pop();
      continue;
    }
    if (state === S_CLASS || state === S_NAMESPACE) {
      if (c === 125) return null;
      if (c === 123) {
        push(STRUCT_START, '{');
        stack.push(state === S_CLASS ? S_CLASS_BODY : S_NAMESPACE_BODY);
        p += 1;
        continue;
      }
    }
    if (state === S_NAMESPACE_BODY && c === 91 && src.startsWith('[*]', p)) return null;
    if (!common(state)) return null;
  }
  if (stack.length !== 1) return null;
  push(EOF, '');
  return { kinds, values };
}

// ------------------------------------------------------------------ grammar

/** The db's key for a class name (`splitClassNameAndType(...).className`). */
function classKey(name: string): string {
  const t = name.indexOf('~');
  return t > 0 ? name.slice(0, t) : name;
}

function isAlphaNum(k: number | undefined): boolean {
  return k === ALPHA || k === UNICODE_TEXT || k === MINUS;
}

function relationType(k: number | undefined): boolean {
  return k === AGGREGATION || k === EXTENSION || k === COMPOSITION || k === DEPENDENCY || k === LOLLIPOP;
}

function styleComponent(k: number | undefined): boolean {
  return k === ALPHA || k === COLON || k === BRKT || k === STYLE || k === PCT || k === LABEL;
}

/**
 * The class db turns member text into a `ClassMember`, which throws for a "method" (a
 * `)` after the first character) that its `(.+)\((.*)\)` regex cannot match. `label`
 * members (`C : text`) are run through mermaid's sanitiser (DOMPurify) before that test,
 * so for them we accept only text the sanitiser cannot restructure (no `<`, no `&`), or
 * text it cannot turn into a method (no `&`, no parentheses).
 * Body members are tested raw and sanitised afterwards; text before the first `<`
 * survives the sanitiser, so the method's parentheses must lie there.
 */
function memberOk(raw: string, sanitizedFirst: boolean): boolean {
  const s = raw.trim();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 0x7f || c === 0x2028 || c === 0x2029) return false;
  }
  if (sanitizedFirst && (s.indexOf('<') !== -1 || s.indexOf('&') !== -1)) {
    // the sanitiser cannot make up a `)` (no entities, no parentheses to keep): an attribute
    return s.indexOf('&') === -1 && s.indexOf('(') === -1 && s.indexOf(')') === -1;
  }
  if (s.startsWith('<<') && s.endsWith('>>')) return true; // an annotation
  if (s.indexOf(')') <= 0) return true; // an attribute
  let limit = s.indexOf('<');
  if (limit === -1) limit = s.length;
  const open = s.indexOf('(', 1);
  if (open === -1 || open >= limit) return false;
  const close = s.indexOf(')', open + 1);
  return close !== -1 && close < limit;
}

/** Recursive descent over the grammar's statements, with the class db's semantic checks. */
function parse(tokens: Tokens): boolean {
  const { kinds, values } = tokens;
  const classes = new Set<string>();
  let i = 0;

  const take = (k: number): boolean => {
    if (kinds[i] !== k) return false;
    i++;
    return true;
  };

  /** className: alphaNum (className | DOT className | GENERICTYPE)? | BQUOTE_STR GENERICTYPE? */
  const className = (): string | null => {
    let name = '';
    for (;;) {
      const k = kinds[i];
      if (k === BQUOTE_STR) {
        name += values[i]!;
        i++;
        if (kinds[i] === GENERIC) {
          name += '~' + values[i]! + '~';
          i++;
        }
        return name;
      }
      if (!isAlphaNum(k)) return null;
      name += values[i]!;
      i++;
      const next = kinds[i];
      if (next === GENERIC) {
        name += '~' + values[i]! + '~';
        i++;
        return name;
      }
      if (next === DOT) {
        name += '.';
        i++;
        continue;
      }
      if (isAlphaNum(next) || next === BQUOTE_STR) continue;
      return name;
    }
  };

  /** namespaceName: alphaNum (DOT? namespaceName)? | BQUOTE_STR */
  const namespaceName = (): boolean => {
    for (;;) {
      const k = kinds[i];
      if (k === BQUOTE_STR) {
        i++;
        return true;
      }
      if (!isAlphaNum(k)) return false;
      i++;
      if (kinds[i] === DOT) {
        i++;
        continue;
      }
      if (isAlphaNum(kinds[i]) || kinds[i] === BQUOTE_STR) continue;
      return true;
    }
  };

  const members = (): boolean => {
    if (kinds[i] !== MEMBER) return false;
    while (kinds[i] === MEMBER) {
      if (!memberOk(values[i]!, false)) return false;
      i++;
    }
    return true;
  };

  const classStatement = (): boolean => {
    if (!take(CLASS)) return false;
    const name = className();
    if (name === null) return false;
    if (take(SQS) && !(take(STR) && take(SQE))) return false;
    classes.add(classKey(name));
    if (take(STYLE_SEP)) {
      if (!isAlphaNum(kinds[i])) return false;
      i++;
      if (take(STRUCT_START)) return members() && take(STRUCT_STOP);
      return true;
    }
    if (take(ANN_START)) {
      if (!isAlphaNum(kinds[i])) return false;
      i++;
      if (!take(ANN_END)) return false;
    }
    if (take(STRUCT_START)) {
      if (take(STRUCT_STOP)) return true;
      return members() && take(STRUCT_STOP);
    }
    return true;
  };

  const noteStatement = (): boolean => {
    if (take(NOTE)) return take(STR);
    if (take(NOTE_FOR)) return className() !== null && take(STR);
    return false;
  };

  const namespaceStatement = (): boolean => {
    if (!take(NAMESPACE) || !namespaceName()) return false;
    if (take(SQS) && !(take(STR) && take(SQE))) return false;
    if (!take(STRUCT_START)) return false;
    take(NEWLINE);
    for (;;) {
      const k = kinds[i];
      let ok: boolean;
      if (k === CLASS) ok = classStatement();
      else if (k === NOTE || k === NOTE_FOR) ok = noteStatement();
      else if (k === NAMESPACE) ok = namespaceStatement();
      else return false;
      if (!ok) return false;
      if (take(STRUCT_STOP)) return true;
      if (!take(NEWLINE)) return false;
      if (take(STRUCT_STOP)) return true;
    }
  };

  /** stylesOpt: style (COMMA style)*, style: styleComponent+ */
  const stylesOpt = (): boolean => {
    for (;;) {
      if (!styleComponent(kinds[i])) return false;
      while (styleComponent(kinds[i])) i++;
      if (!take(COMMA)) return true;
    }
  };

  const relationOrMember = (): boolean => {
    const id1 = className();
    if (id1 === null) return false;
    const k = kinds[i];
    if (k === LABEL) {
      // `C : member` adds the class
      if (!memberOk(values[i]!.slice(1), true)) return false;
      i++;
      classes.add(classKey(id1));
      return true;
    }
    if (k === NEWLINE || k === EOF) return true; // a bare class name: no effect
    take(STR);
    let type1 = 0;
    if (relationType(kinds[i])) type1 = kinds[i]!;
    if (type1 !== 0) i++;
    if (!take(LINE) && !take(DOTTED_LINE)) return false;
    let type2 = 0;
    if (relationType(kinds[i])) type2 = kinds[i]!;
    if (type2 !== 0) i++;
    take(STR);
    const id2 = className();
    if (id2 === null) return false;
    take(LABEL);
    // the db adds only the class side of a lollipop
    if (type1 === LOLLIPOP && type2 === 0) classes.add(classKey(id2));
    else if (type2 === LOLLIPOP && type1 === 0) classes.add(classKey(id1));
    else {
      classes.add(classKey(id1));
      classes.add(classKey(id2));
    }
    return true;
  };

  const statement = (): boolean => {
    const k = kinds[i];
    switch (k) {
      case ALPHA:
      case UNICODE_TEXT:
      case MINUS:
      case BQUOTE_STR:
        return relationOrMember();
      case CLASS:
        return classStatement();
      case ANN_START: {
        i++;
        if (!isAlphaNum(kinds[i])) return false;
        i++;
        if (!take(ANN_END)) return false;
        const name = className();
        // the db throws when the class does not exist yet
        return name !== null && classes.has(classKey(name));
      }
      case NOTE:
      case NOTE_FOR:
        return noteStatement();
      case NAMESPACE:
        return namespaceStatement();
      case DIRECTION:
      case ACC_DESCR_ML_VALUE:
        i++;
        return true;
      case ACC_TITLE:
        i++;
        return take(ACC_TITLE_VALUE);
      case ACC_DESCR:
        i++;
        return take(ACC_DESCR_VALUE);
      case STYLE:
        i++;
        return take(ALPHA) && stylesOpt();
      case CLASSDEF:
        i++;
        if (!take(ALPHA)) return false;
        while (take(COMMA)) if (!take(ALPHA)) return false;
        return stylesOpt();
      case CSSCLASS:
        i++;
        return take(STR) && take(ALPHA);
      case CALLBACK:
        i++;
        if (className() === null || !take(STR)) return false;
        take(STR);
        return true;
      case LINK:
        i++;
        if (className() === null || !take(STR)) return false;
        take(STR);
        take(LINK_TARGET);
        return true;
      case CLICK:
        i++;
        if (className() === null) return false;
        if (take(CALLBACK_NAME)) {
          take(CALLBACK_ARGS);
          take(STR);
          return true;
        }
        if (!take(HREF) || !take(STR)) return false;
        take(STR);
        take(LINK_TARGET);
        return true;
      default:
        return false;
    }
  };

  // graphConfig: CLASS_DIAGRAM NEWLINE statements EOF
  if (!take(CLASS_DIAGRAM) || !take(NEWLINE)) return false;
  for (;;) {
    if (!statement()) return false;
    if (take(EOF)) return true;
    if (!take(NEWLINE)) return false;
    if (take(EOF)) return true;
  }
}

// ------------------------------------------------------------------ entry point

/**
 * True only when mermaid 12.3.0's `mermaid.parse(text)` is certain to accept `text` (a
 * whole diagram text, as passed to mermaid.parse). False means "not sure": the caller
 * then asks mermaid itself.
 */
export function acceptsClass(text: string): boolean {
  const body = parserText(text);
  if (body === null) return false;
  if (!body.startsWith('classDiagram')) return false;
  const dirs = scanLines(body);
  if (dirs === null) return false;
  const tokens = lex(body + '\n', dirs);
  return tokens !== null && parse(tokens);
}
