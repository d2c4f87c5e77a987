import type { PhrasingContent } from 'mdast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { classifyCharacter } from 'micromark-util-classify-character';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { LineIndex } from '../lines.js';

/** Thrown where the fast reader does not handle the input exactly; the caller parses with micromark. */
export class Decline extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Decline';
  }
}

/** A line of inline content: file offsets, without container prefixes or indentation. */
export interface Segment {
  start: number;
  end: number;
}

// Inline tokens before nesting: text pieces, attention runs and finished nodes.
interface TextTok {
  k: 'text';
  value: string;
  start: number;
  end: number;
}
interface RunTok {
  k: 'run';
  marker: number;
  start: number;
  end: number;
  open: boolean;
  close: boolean;
}
interface NodeTok {
  k: 'node';
  node: PhrasingContent;
  start: number;
  end: number;
}
interface BracketTok {
  k: 'bracket';
  image: boolean;
  start: number;
  end: number;
  /** No longer a possible link start (a link formed after it, or its `]` found no link). */
  balanced: boolean;
  inactive: boolean;
}
type Tok = TextTok | RunTok | NodeTok | BracketTok;

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const LITERAL_TRIGGER = /@|www\.|:\/\//i;

/**
 * Parses inline content (CommonMark plus what GFM adds, minus what declines)
 * into mdast phrasing nodes with file positions, as micromark and
 * mdast-util-from-markdown would.
 */
export function parseInline(text: string, segments: Segment[], defined: Set<string>, lines: LineIndex, inTable = false): PhrasingContent[] {
  return new InlineParser(text, segments, defined, lines, inTable).parse();
}

class InlineParser {
  private readonly v: string;
  /** Virtual offset at which each segment starts. */
  private readonly vStarts: number[] = [];
  private readonly segments: Segment[];
  private readonly defined: Set<string>;
  private readonly lines: LineIndex;
  private readonly inTable: boolean;
  private toks: Tok[] = [];
  /** Which of emphasis and strikethrough occurred first (micromark resolves the content in that order). */
  private firstRun: 'tilde' | 'attention' | null = null;
  /** Whether GFM literal autolinks may occur in this content (it has `@`, `www.` or `://`). */
  private readonly literals: boolean;
  /** Unclosed `[` and `![`, innermost last (balanced ones are dropped when met). */
  private readonly openers: BracketTok[] = [];

  constructor(text: string, segments: Segment[], defined: Set<string>, lines: LineIndex, inTable: boolean) {
    this.inTable = inTable;
    this.segments = segments;
    this.defined = defined;
    this.lines = lines;
    let v = '';
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i] as Segment;
      this.vStarts.push(v.length);
      v += text.slice(s.start, s.end);
      if (i < segments.length - 1) v += text.charCodeAt(s.end) === 13 && text.charCodeAt(s.end + 1) === 10 ? '\r\n' : text.charAt(s.end);
    }
    this.v = v;
    this.literals = LITERAL_TRIGGER.test(v);
    if (v.includes('[^')) throw new Decline('footnote');
  }

  /** File offset of a virtual offset. */
  private real(at: number): number {
    const starts = this.vStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return (this.segments[lo] as Segment).start + (at - (starts[lo] as number));
  }

  private pos(start: number, end: number): NonNullable<PhrasingContent['position']> {
    return { start: this.lines.point(this.real(start)), end: this.lines.point(this.real(end)) };
  }

  parse(): PhrasingContent[] {
    const v = this.v;
    const n = v.length;
    let i = 0;
    let textStart = 0;
    const flush = (to: number): void => {
      if (to > textStart) this.pushText(v.slice(textStart, to), textStart, to);
    };
    while (i < n) {
      const c = v.charCodeAt(i);
      if (this.literals && LITERAL_START[c] === 1) {
        const end = this.literal(i, flush);
        if (end > 0) {
          i = end;
          textStart = i;
          continue;
        }
      }
      switch (c) {
        case 92: {
          // \
          const d = v.charCodeAt(i + 1);
          if (d === 10 || d === 13) {
            flush(i);
            this.hardBreak(i, i + 1);
            i = this.afterEol(i + 1);
            while (v.charCodeAt(i) === 32) i++;
            textStart = i;
            continue;
          }
          if (i + 1 < n && ASCII_PUNCT.test(v.charAt(i + 1))) {
            flush(i);
            this.pushText(v.charAt(i + 1), i, i + 2);
            i += 2;
            textStart = i;
            continue;
          }
          i++;
          continue;
        }
        case 96: {
          // `
          if (i > 0 && v.charCodeAt(i - 1) === 96 && !this.escapedBacktick(i - 1)) {
            i++;
            continue;
          }
          flush(i);
          textStart = i;
          const end = this.codeSpan(i);
          if (end > 0) {
            i = end;
            textStart = i;
            continue;
          }
          while (i < n && v.charCodeAt(i) === 96) i++;
          continue;
        }
        case 42:
        case 95: {
          flush(i);
          let j = i;
          while (j < n && v.charCodeAt(j) === c) j++;
          this.run(c, i, j);
          i = j;
          textStart = i;
          continue;
        }
        case 126: {
          // GFM strikethrough: runs of one or two tildes; longer runs are text.
          let j = i;
          while (j < n && v.charCodeAt(j) === 126) j++;
          if (j - i <= 2) {
            flush(i);
            this.run(126, i, j);
            textStart = j;
          }
          i = j;
          continue;
        }
        case 33:
          if (v.charCodeAt(i + 1) === 91) {
            flush(i);
            this.bracket(true, i, i + 2);
            i += 2;
            textStart = i;
            continue;
          }
          i++;
          continue;
        case 91:
          flush(i);
          this.bracket(false, i, i + 1);
          i++;
          textStart = i;
          continue;
        case 93: {
          flush(i);
          const end = this.labelEnd(i);
          if (end > 0) i = end;
          else {
            this.pushText(']', i, i + 1);
            i++;
          }
          textStart = i;
          continue;
        }
        case 60: {
          const end = this.angle(i, flush);
          if (end > 0) {
            i = end;
            textStart = i;
            continue;
          }
          i++;
          continue;
        }
        case 38: {
          const ref = this.reference(i);
          if (ref) {
            flush(i);
            this.pushText(ref.value, i, ref.end);
            i = ref.end;
            textStart = i;
            continue;
          }
          i++;
          continue;
        }
        case 10:
        case 13: {
          // Line ending: trailing spaces go; two or more make a hard break.
          let s = i;
          while (s > textStart && v.charCodeAt(s - 1) === 32) s--;
          const spaces = i - s;
          if (s > textStart && v.charCodeAt(s - 1) === 9) throw new Decline('tab before line ending');
          flush(s);
          let after = this.afterEol(i);
          // The next line's indentation is in the stream (code spans keep it) but not in text.
          const lineStart = after;
          while (v.charCodeAt(after) === 32) after++;
          if (v.charCodeAt(after) === 9) throw new Decline('tab at line start');
          if (spaces >= 2) this.hardBreak(s, lineStart);
          else this.pushText(v.slice(i, lineStart), i, lineStart);
          i = after;
          textStart = i;
          continue;
        }
        default:
          i++;
      }
    }
    // Trailing spaces of the content are not text.
    let end = n;
    while (end > textStart && (v.charCodeAt(end - 1) === 32 || v.charCodeAt(end - 1) === 9)) end--;
    flush(end);
    return this.finish(this.toks, true);
  }

  private afterEol(i: number): number {
    return this.v.charCodeAt(i) === 13 && this.v.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }

  private escapedBacktick(at: number): boolean {
    // Whether the backtick at `at` is escaped: an odd number of backslashes before it.
    let k = at;
    let slashes = 0;
    while (k > 0 && this.v.charCodeAt(k - 1) === 92) {
      k--;
      slashes++;
    }
    return slashes % 2 === 1;
  }

  private pushText(value: string, start: number, end: number): void {
    const last = this.toks[this.toks.length - 1];
    if (last && last.k === 'text' && last.end === start) {
      last.value += value;
      last.end = end;
    } else this.toks.push({ k: 'text', value, start, end });
  }

  private hardBreak(start: number, end: number): void {
    this.toks.push({ k: 'node', node: { type: 'break', position: this.pos(start, end) }, start, end });
  }

  private run(marker: number, start: number, end: number): void {
    const v = this.v;
    const before = classifyCharacter(start > 0 ? v.charCodeAt(start - 1) : null);
    const after = classifyCharacter(end < v.length ? v.charCodeAt(end) : null);
    // GFM makes `~` an attention marker: an emphasis run may open before one and close after one.
    const tildeAfter = marker !== 126 && v.charCodeAt(end) === 126;
    const tildeBefore = marker !== 126 && v.charCodeAt(start - 1) === 126;
    const open = !after || (after === 2 && !!before) || tildeAfter;
    const close = !before || (before === 2 && !!after) || tildeBefore;
    this.firstRun ??= marker === 126 ? 'tilde' : 'attention';
    this.toks.push({
      k: 'run',
      marker,
      start,
      end,
      open: marker === 95 ? open && (!!before || !close) : open,
      close: marker === 95 ? close && (!!after || !open) : close,
    });
  }

  /** A code span starting at `at`; returns its end or 0. */
  private codeSpan(at: number): number {
    const v = this.v;
    let j = at;
    while (j < v.length && v.charCodeAt(j) === 96) j++;
    const size = j - at;
    // No closing run of this size after an earlier failed search: none after this one either.
    if (this.noCloser.has(size)) return 0;
    let k = j;
    while (k < v.length) {
      if (v.charCodeAt(k) !== 96) {
        k++;
        continue;
      }
      let e = k;
      while (e < v.length && v.charCodeAt(e) === 96) e++;
      if (e - k === size) {
        let value = v.slice(j, k);
        if (value.includes('\r')) throw new Decline('CR in code span');
        const pad = (ch: string | undefined): boolean => ch === ' ' || ch === '\n';
        if (value.length > 2 && pad(value[0]) && pad(value[value.length - 1]) && /[^ \n]/.test(value)) value = value.slice(1, -1);
        // mdast-util-gfm-table: an escaped pipe in code in a table cell loses its backslash.
        if (this.inTable) value = value.replace(/\\\|/g, '|');
        this.toks.push({ k: 'node', node: { type: 'inlineCode', value, position: this.pos(at, e) }, start: at, end: e });
        return e;
      }
      k = e;
    }
    this.noCloser.add(size);
    return 0;
  }
  private readonly noCloser = new Set<number>();

  // -------------------------------------------------------------------------
  // GFM literal autolinks, as micromark-extension-gfm-autolink-literal's
  // tokenizers find them: tried at every character that can start one (an
  // e-mail address first, then `www.`, then `http(s)://`), never while a
  // `[` or `![` is open.
  // -------------------------------------------------------------------------

  private literal(at: number, flush: (to: number) => void): number {
    const v = this.v;
    const c = v.charCodeAt(at);
    const previous = at > 0 ? v.charCodeAt(at - 1) : null;
    if (this.openers.some((o) => !o.balanced)) return 0;
    let end = 0;
    let url = '';
    if (gfmAtext(c) && !(previous === 47 || (previous !== null && gfmAtext(previous)))) {
      end = this.email(at);
      if (end > 0) url = 'mailto:' + v.slice(at, end);
    }
    if (end === 0 && (c === 87 || c === 119) && previousWww(previous)) {
      end = this.www(at);
      if (end > 0) url = 'http://' + v.slice(at, end);
    }
    if (end === 0 && (c === 72 || c === 104) && !(previous !== null && asciiAlpha(previous))) {
      end = this.protocol(at);
      if (end > 0) url = v.slice(at, end);
    }
    if (end === 0) return 0;
    flush(at);
    if (/[\r\n]/.test(v.slice(at, end))) throw new Decline('line ending in a literal');
    this.pushLink(url, at, end, at, end);
    return end;
  }

  /** A link whose text is the source from `textStart` to `textEnd` (autolinks and literals). */
  private pushLink(url: string, start: number, end: number, textStart: number, textEnd: number): void {
    const text = { type: 'text' as const, value: this.v.slice(textStart, textEnd), position: this.pos(textStart, textEnd) };
    this.toks.push({ k: 'node', node: { type: 'link', title: null, url, children: [text], position: this.pos(start, end) }, start, end });
  }

  private email(at: number): number {
    const v = this.v;
    let i = at;
    while (i < v.length && gfmAtext(v.charCodeAt(i))) i++;
    if (v.charCodeAt(i) !== 64 /* @ */) return 0;
    i++;
    let data = false;
    let dot = false;
    for (;;) {
      const c = v.charCodeAt(i);
      if (c === 46) {
        // A dot not followed by a letter or digit ends the address before it.
        if (!asciiAlphanumeric(v.charCodeAt(i + 1))) break;
        dot = true;
        i++;
        continue;
      }
      if (c === 45 || c === 95 || asciiAlphanumeric(c)) {
        data = true;
        i++;
        continue;
      }
      break;
    }
    return data && dot && asciiAlpha(v.charCodeAt(i - 1)) ? i : 0;
  }

  private www(at: number): number {
    const v = this.v;
    for (let k = 0; k < 3; k++) {
      const c = v.charCodeAt(at + k);
      if (c !== 87 && c !== 119) return 0;
    }
    if (v.charCodeAt(at + 3) !== 46 || at + 4 >= v.length) return 0;
    return this.domainAndPath(at);
  }

  private protocol(at: number): number {
    const v = this.v;
    let i = at;
    while (i < v.length && i - at < 5 && asciiAlpha(v.charCodeAt(i))) i++;
    const scheme = v.slice(at, i).toLowerCase();
    if (v.charCodeAt(i) !== 58 || (scheme !== 'http' && scheme !== 'https')) return 0;
    if (v.charCodeAt(i + 1) !== 47 || v.charCodeAt(i + 2) !== 47) return 0;
    i += 3;
    if (i >= v.length) return 0;
    const c = v.charCodeAt(i);
    if (c < 32 || c === 127 || classifyCharacter(c) !== undefined) return 0;
    return this.domainAndPath(i);
  }

  /** A literal's domain and path from `at`: their end, or 0 without a valid domain. */
  private domainAndPath(at: number): number {
    const domainEnd = this.domain(at);
    return domainEnd < 0 ? 0 : this.path(domainEnd);
  }

  /** A literal's domain from `at`: its end, or -1. */
  private domain(at: number): number {
    const v = this.v;
    let i = at;
    let underscoreLast = false;
    let underscoreLastLast = false;
    let seen = false;
    for (;;) {
      const c = i < v.length ? v.charCodeAt(i) : null;
      if (c === 46 || c === 95) {
        if (this.trail(i)) break;
        if (c === 95) underscoreLast = true;
        else {
          underscoreLastLast = underscoreLast;
          underscoreLast = false;
        }
        i++;
        continue;
      }
      if (c === null || (c !== 45 && classifyCharacter(c) !== undefined)) break;
      seen = true;
      i++;
    }
    return underscoreLast || underscoreLastLast || !seen ? -1 : i;
  }

  /** A literal's path from `at` (may be empty): its end. */
  private path(at: number): number {
    const v = this.v;
    let i = at;
    let open = 0;
    let close = 0;
    for (;;) {
      const c = i < v.length ? v.charCodeAt(i) : null;
      if (c === 40) {
        open++;
        i++;
        continue;
      }
      if (c === 41 && close < open) {
        close++;
        i++;
        continue;
      }
      if (c !== null && PATH_TRAIL_START[c] === 1) {
        if (this.trail(i)) return i;
        if (c === 41) close++;
        i++;
        continue;
      }
      if (c === null || classifyCharacter(c) === 1) return i;
      i++;
    }
  }

  /** Whether trailing punctuation from `at` ends the literal (it is followed by a blank, `<` or the end). */
  private trail(at: number): boolean {
    const v = this.v;
    let i = at;
    for (;;) {
      const c = i < v.length ? v.charCodeAt(i) : null;
      if (c !== null && TRAIL[c] === 1) {
        i++;
        continue;
      }
      if (c === 38) {
        i++;
        if (!asciiAlpha(v.charCodeAt(i))) return false;
        while (asciiAlpha(v.charCodeAt(i))) i++;
        if (v.charCodeAt(i) !== 59) return false;
        i++;
        continue;
      }
      if (c === 93) {
        i++;
        const d = i < v.length ? v.charCodeAt(i) : null;
        if (d === null || d === 40 || d === 91 || classifyCharacter(d) === 1) return true;
        continue;
      }
      return c === 60 || c === null || classifyCharacter(c) === 1;
    }
  }

  /** `<…>`: an autolink or inline HTML; returns the end or 0. */
  private angle(at: number, flush: (to: number) => void): number {
    const v = this.v;
    const rest = v.slice(at, at + 2048);
    const uri = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\0- <>\x7f]*)>/.exec(rest);
    if (uri) {
      flush(at);
      const end = at + uri[0].length;
      this.pushLink(uri[1] as string, at, end, at + 1, end - 1);
      return end;
    }
    const email = /^<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/.exec(rest);
    if (email) {
      flush(at);
      const end = at + email[0].length;
      this.pushLink(`mailto:${email[1] as string}`, at, end, at + 1, end - 1);
      return end;
    }
    const html = inlineHtml(rest);
    if (html > 0) {
      flush(at);
      const end = at + html;
      const value = v.slice(at, end);
      if (value.includes('\r')) throw new Decline('CR in inline HTML');
      this.toks.push({ k: 'node', node: { type: 'html', value, position: this.pos(at, end) }, start: at, end });
      return end;
    }
    if (/^<[!?]/.test(rest)) throw new Decline('inline HTML form');
    return 0;
  }

  /** A backslash escape of ASCII punctuation or a character reference at `at`: what it stands for, and its end. */
  private escapeOrReference(at: number): { value: string; end: number } | null {
    const v = this.v;
    const c = v.charCodeAt(at);
    if (c === 92 && at + 1 < v.length && ASCII_PUNCT.test(v.charAt(at + 1))) return { value: v.charAt(at + 1), end: at + 2 };
    return c === 38 ? this.reference(at) : null;
  }

  /** A character reference at `at` (`&amp;`, `&#35;`, `&#x23;`). */
  private reference(at: number): { value: string; end: number } | null {
    const rest = this.v.slice(at, at + 40);
    let m = /^&#[xX]([0-9a-fA-F]{1,6});/.exec(rest);
    if (m) return { value: decodeNumericCharacterReference(m[1] as string, 16), end: at + m[0].length };
    m = /^&#([0-9]{1,7});/.exec(rest);
    if (m) return { value: decodeNumericCharacterReference(m[1] as string, 10), end: at + m[0].length };
    m = /^&([a-zA-Z][a-zA-Z0-9]{0,30});/.exec(rest);
    if (m) {
      const value = decodeNamedCharacterReference(m[1] as string);
      if (value === false) return null;
      return { value, end: at + m[0].length };
    }
    return null;
  }

  /** A `]` at `at`: closes a link or image when one can end here; returns the end of what it consumed or 0. */
  private bracket(image: boolean, start: number, end: number): void {
    const t: BracketTok = { k: 'bracket', image, start, end, balanced: false, inactive: false };
    this.toks.push(t);
    this.openers.push(t);
  }

  private labelEnd(at: number): number {
    const toks = this.toks;
    const openers = this.openers;
    while (openers.length > 0 && (openers[openers.length - 1] as BracketTok).balanced) openers.pop();
    const open = openers[openers.length - 1];
    if (!open) return 0;
    if (open.inactive) {
      open.balanced = true;
      return 0;
    }
    const v = this.v;
    const label = v.slice(open.end, at);
    // Without definitions nothing is a reference (and long labels are not normalized for nothing).
    const defined = this.defined.size > 0 && this.defined.has(normalizeIdentifier(label));
    let after = at + 1;
    let url: string | null = null;
    let reference: { kind: 'full' | 'collapsed' | 'shortcut'; label: string } | null = null;
    const next = v.charCodeAt(after);
    if (next === 40) {
      const res = this.resource(after);
      if (res) {
        url = res.url;
        after = res.end;
      } else if (defined) reference = { kind: 'shortcut', label };
    } else if (next === 91) {
      const full = /^\[((?:[^\\[\]]|\\.){1,999})\]/.exec(v.slice(after, after + 1004));
      if (full && /[^ \t\r\n]/.test(full[1] as string) && this.defined.has(normalizeIdentifier(full[1] as string))) {
        reference = { kind: 'full', label: full[1] as string };
        after += full[0].length;
      } else if (defined && v.charCodeAt(after + 1) === 93) {
        reference = { kind: 'collapsed', label };
        after += 2;
      } else if (full && !/[^ \t\r\n]/.test(full[1] as string)) {
        open.balanced = true;
        return 0;
      }
    } else if (defined) reference = { kind: 'shortcut', label };
    if (url === null && reference === null) {
      open.balanced = true;
      return 0;
    }
    if (reference && /\\/.test(reference.label)) throw new Decline('escape in reference label');
    // Content between the opener and here, with emphasis resolved inside.
    openers.pop();
    const opener = toks.lastIndexOf(open);
    const inner = toks.splice(opener);
    inner.shift();
    const children = this.finish(inner, false);
    const position = this.pos(open.start, after);
    let node: PhrasingContent;
    if (open.image) {
      const alt = children.map(plainText).join('');
      if (reference) {
        node = { type: 'imageReference', identifier: normalizeIdentifier(reference.label).toLowerCase(), label: reference.label, referenceType: reference.kind, alt, position };
      } else node = { type: 'image', title: null, url: url as string, alt, position };
    } else {
      if (reference) {
        node = { type: 'linkReference', identifier: normalizeIdentifier(reference.label).toLowerCase(), label: reference.label, referenceType: reference.kind, children: children as never, position };
      } else node = { type: 'link', title: null, url: url as string, children: children as never, position };
      // No link inside a link: earlier link openers can no longer start one.
      for (let k = openers.length - 1; k >= 0; k--) {
        const t = openers[k] as BracketTok;
        if (t.image) continue;
        if (t.inactive) break;
        t.inactive = true;
      }
    }
    toks.push({ k: 'node', node, start: open.start, end: after });
    return after;
  }

  /** `(destination "title")` at `at`; null when it is not one. */
  private resource(at: number): { url: string; end: number } | null {
    const v = this.v;
    let i = at + 1;
    i = this.skipSpace(i);
    let url = '';
    if (v.charCodeAt(i) === 41) return { url, end: i + 1 };
    if (v.charCodeAt(i) === 60) {
      let j = i + 1;
      let raw = '';
      for (;;) {
        const c = v.charCodeAt(j);
        if (j >= v.length || c === 10 || c === 13 || c === 60) return null;
        if (c === 62) break;
        const decoded = this.escapeOrReference(j);
        if (decoded) {
          raw += decoded.value;
          j = decoded.end;
          continue;
        }
        raw += v.charAt(j);
        j++;
      }
      url = raw;
      i = j + 1;
    } else {
      let depth = 0;
      let j = i;
      let raw = '';
      for (;;) {
        const c = v.charCodeAt(j);
        if (j >= v.length || c <= 32 || c === 127) break;
        const decoded = this.escapeOrReference(j);
        if (decoded) {
          raw += decoded.value;
          j = decoded.end;
          continue;
        }
        if (c === 40) {
          depth++;
          if (depth > 32) return null;
        } else if (c === 41) {
          if (depth === 0) break;
          depth--;
        }
        raw += v.charAt(j);
        j++;
      }
      if (j === i || depth !== 0) return null;
      url = raw;
      i = j;
    }
    const beforeTitle = i;
    i = this.skipSpace(i);
    const q = v.charCodeAt(i);
    if (i > beforeTitle && (q === 34 || q === 39 || q === 40)) {
      const close = q === 40 ? 41 : q;
      let j = i + 1;
      for (;;) {
        if (j >= v.length) return null;
        const c = v.charCodeAt(j);
        if (c === 92) {
          j += 2;
          continue;
        }
        if (c === close) break;
        if (q === 40 && c === 40) return null;
        if (c === 10 || c === 13) throw new Decline('multi-line title');
        j++;
      }
      if (/[&\\]/.test(v.slice(i, j))) throw new Decline('escape in title');
      i = this.skipSpace(j + 1);
    }
    if (v.charCodeAt(i) !== 41) return null;
    return { url, end: i + 1 };
  }

  /** Blanks and line endings from `i` (a tab declines). */
  private skipSpace(i: number): number {
    const v = this.v;
    for (;;) {
      const c = v.charCodeAt(i);
      if (c === 32) i++;
      else if (c === 9) throw new Decline('tab in link');
      else if (c === 10 || c === 13) i = this.afterEol(i);
      else return i;
    }
  }


  /**
   * Resolves emphasis in a token list (micromark's algorithm: each closer, in
   * order, takes the nearest opener of its marker) and turns it into nodes.
   */
  private finish(toks: Tok[], top: boolean): PhrasingContent[] {
    const list = toks.slice();
    // micromark resolves the whole content with each resolver in the order its construct first
    // occurred; inside a span (link text, emphasis, strikethrough) strikethrough comes first.
    if (top && this.firstRun === 'attention') {
      this.attention(list);
      this.strikethrough(list);
    } else {
      this.strikethrough(list);
      this.attention(list);
    }
    return this.nodes(list);
  }

  /** Emphasis and strong: each closing run, in order, takes the nearest opening run that may pair with it. */
  private attention(list: Tok[]): void {
    // Opening runs of each marker (`*`, `_`) before `i`: a closer with none to look back for
    // skips the scan (micromark scans anyway; same result, no quadratic time on `a* a* a*`).
    const openers = [0, 0];
    const slot = (marker: number): number => (marker === 42 ? 0 : 1);
    const isOpener = (t: Tok): boolean => t.k === 'run' && t.open && t.marker !== 126;
    for (let i = 0; i < list.length; i++) {
      const closer = list[i] as Tok;
      if (closer.k === 'run' && closer.close && closer.marker !== 126 && (openers[slot(closer.marker)] as number) > 0) {
        const next = this.closeAttention(list, i, openers, slot, isOpener);
        if (next !== null) {
          i = next;
          continue;
        }
      }
      if (isOpener(closer)) (openers[slot((closer as RunTok).marker)] as number)++;
    }
  }

  /** Pairs the closing run at `i` with the nearest opener that may take it; the index to go on from, or null. */
  private closeAttention(list: Tok[], i: number, openers: number[], slot: (m: number) => number, isOpener: (t: Tok) => boolean): number | null {
    const closer = list[i] as RunTok;
    for (let j = i - 1; j >= 0; j--) {
      const opener = list[j] as Tok;
      if (opener.k !== 'run' || !opener.open || opener.marker !== closer.marker) continue;
      const openSize = opener.end - opener.start;
      const closeSize = closer.end - closer.start;
      if ((opener.close || closer.open) && closeSize % 3 && !((openSize + closeSize) % 3)) continue;
      const use = openSize > 1 && closeSize > 1 ? 2 : 1;
      const inner = list.slice(j + 1, i);
      for (const t of inner) if (isOpener(t)) (openers[slot((t as RunTok).marker)] as number)--;
      const children = this.finish(inner, false);
      const start = opener.end - use;
      const end = closer.start + use;
      const node: PhrasingContent =
        use === 2
          ? { type: 'strong', children: children as never, position: this.pos(start, end) }
          : { type: 'emphasis', children: children as never, position: this.pos(start, end) };
      const group: NodeTok = { k: 'node', node, start, end };
      opener.end -= use;
      closer.start += use;
      const replacement: Tok[] = [];
      if (opener.end > opener.start) replacement.push(opener);
      else (openers[slot(opener.marker)] as number)--;
      replacement.push(group);
      const closerLeft = closer.end > closer.start;
      if (closerLeft) replacement.push(closer);
      list.splice(j, i - j + 1, ...replacement);
      // Go on with what is left of the closer, else after the group.
      return j + replacement.length - (closerLeft ? 2 : 1);
    }
    return null;
  }

  /** GFM strikethrough: each closing run, in order, takes the nearest opening run of its size. */
  private strikethrough(list: Tok[]): void {
    for (let i = 0; i < list.length; i++) {
      const closer = list[i] as Tok;
      if (closer.k !== 'run' || !closer.close || closer.marker !== 126) continue;
      for (let j = i - 1; j >= 0; j--) {
        const opener = list[j] as Tok;
        if (opener.k !== 'run' || !opener.open || opener.marker !== 126 || opener.end - opener.start !== closer.end - closer.start) continue;
        const children = this.finish(list.slice(j + 1, i), false);
        const node: PhrasingContent = { type: 'delete', children: children as never, position: this.pos(opener.start, closer.end) };
        list.splice(j, i - j + 1, { k: 'node', node, start: opener.start, end: closer.end });
        i = j;
        break;
      }
    }
  }

  /** Tokens to nodes: runs and unmatched brackets become text, adjacent text merges. */
  private nodes(toks: Tok[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    let pending: TextTok | null = null;
    const flush = (): void => {
      if (pending) out.push({ type: 'text', value: pending.value, position: this.pos(pending.start, pending.end) });
      pending = null;
    };
    const addText = (value: string, start: number, end: number): void => {
      if (pending) {
        pending.value += value;
        pending.end = end;
      } else pending = { k: 'text', value, start, end };
    };
    for (const t of toks) {
      if (t.k === 'text') addText(t.value, t.start, t.end);
      else if (t.k === 'run' || t.k === 'bracket') addText(this.v.slice(t.start, t.end), t.start, t.end);
      else {
        flush();
        out.push(t.node);
      }
    }
    flush();
    return out;
  }
}

function asciiAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function asciiAlphanumeric(c: number): boolean {
  return asciiAlpha(c) || (c >= 48 && c <= 57);
}

function gfmAtext(c: number): boolean {
  return c === 43 || c === 45 || c === 46 || c === 95 || asciiAlphanumeric(c);
}

function previousWww(c: number | null): boolean {
  return c === null || c === 40 || c === 42 || c === 95 || c === 91 || c === 93 || c === 126 || c === 32 || c === 9 || c === 10 || c === 13;
}

const charTable = (chars: string): Uint8Array => {
  const t = new Uint8Array(128);
  for (const ch of chars) t[ch.charCodeAt(0)] = 1;
  return t;
};
/** Characters at which micromark tries a literal autolink (an e-mail address starts at any of them). */
const LITERAL_START = charTable('+-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
/** Punctuation inside a path that may be trailing punctuation. */
const PATH_TRAIL_START = charTable(`!"&')*,.:;<?]_~`);
/** Trailing punctuation (`&`, `]` handled apart). */
const TRAIL = charTable(`!"')*,.:;?_~`);

/** mdast-util-to-string of phrasing content (image alt text included). */
function plainText(node: PhrasingContent): string {
  if ('value' in node) return node.value;
  if ('alt' in node) return node.alt ?? '';
  if ('children' in node) return (node.children as PhrasingContent[]).map(plainText).join('');
  return '';
}

/**
 * Whether text outside links still holds what GFM's autolink-literal
 * transform (run after parsing, on text nodes) may turn into a link.
 */
export function mayNeedLiteralTransform(nodes: PhrasingContent[]): boolean {
  for (const node of nodes) {
    if (node.type === 'text') {
      if (LITERAL_TRIGGER.test(node.value)) return true;
    } else if (node.type !== 'link' && node.type !== 'linkReference' && 'children' in node) {
      if (mayNeedLiteralTransform(node.children as PhrasingContent[])) return true;
    }
  }
  return false;
}

const ATTRIBUTE = String.raw`(?:\s+[a-zA-Z_:][a-zA-Z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?)`;
const OPEN_TAG = new RegExp(String.raw`^<[a-zA-Z][a-zA-Z0-9-]*${ATTRIBUTE}*\s*\/?>`);
const CLOSING_TAG = /^<\/[a-zA-Z][a-zA-Z0-9-]*\s*>/;

/** Length of the inline HTML at the start of `rest`, or 0 (tags and plain comments; other forms decline). */
function inlineHtml(rest: string): number {
  const open = OPEN_TAG.exec(rest);
  if (open) return open[0].length;
  const close = CLOSING_TAG.exec(rest);
  if (close) return close[0].length;
  if (rest.startsWith('<!--')) {
    if (rest.startsWith('<!-->') || rest.startsWith('<!--->')) throw new Decline('short comment');
    const end = rest.indexOf('-->', 4);
    if (end < 0) throw new Decline('long or unclosed comment');
    return end + 3;
  }
  return 0;
}
