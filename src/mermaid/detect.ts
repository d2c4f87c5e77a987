/**
 * Diagram-type detection that reproduces mermaid 12.3.0 (`mermaid.detectType`)
 * without loading mermaid, plus the preprocessing mermaid applies before it
 * parses a diagram, with every transformed character mapped back to its offset
 * in the original text.
 *
 * Behaviour mirrored from mermaid 12.3.0 (`mermaid.core.mjs`):
 * - `detectType`: strip one front-matter block, remove `%%{…}%%` directives,
 *   strip `%%` comments, then run the registered detectors in registration order.
 * - `preprocessDiagram` (what `mermaid.parse` feeds the diagram parser):
 *   normalise line endings, extract front matter, remove directives, drop
 *   comment lines, trim leading whitespace, encode `#entity;` sequences and
 *   append a newline.
 */
import type { Span } from '../model/position.js';
import yaml from 'js-yaml';

export interface DetectedType {
  /** mermaid's diagram id as `mermaid.detectType` returns it, or null when mermaid would throw UnknownDiagramError. */
  type: string | null;
  /** the header keyword as written, e.g. 'graph', 'flowchart', 'sequenceDiagram', 'stateDiagram-v2' */
  keyword: string | null;
  /** span of the keyword in the ORIGINAL text */
  keywordSpan: Span | null;
  /** where the body starts after front matter, directives and comment lines (offset into original text) */
  bodyOffset: number;
  /** front matter as found: span and parsed title/config when it is valid YAML; an error message when it is not */
  frontMatter?: { span: Span; title?: string; config?: unknown; error?: string };
  /** %%{init: ...}%% directives found, with spans */
  directives: { span: Span; text: string }[];
}

// ---------------------------------------------------------------------------
// Mapped text: a string whose every character remembers its original offset.
// ---------------------------------------------------------------------------

/** A derived text with, for every character, the offset it came from in the original text. */
export interface MappedText {
  text: string;
  /** `map[i]` is the original offset of `text[i]`; `map[text.length]` is the original end. */
  map: number[];
}

export function identityMapped(text: string): MappedText {
  const map = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  return { text, map };
}

export function sliceMapped(mt: MappedText, start: number, end = mt.text.length): MappedText {
  return { text: mt.text.slice(start, end), map: mt.map.slice(start, end + 1) };
}

/** A piece of replacement text; `from` is the index inside the match its first char comes from (chars map 1:1 from there). */
export interface Piece {
  text: string;
  from?: number;
}

/**
 * Like `String.prototype.replace` with a global regex, keeping the offset map.
 * The callback returns pieces; a piece without `from` maps all its chars to the match start.
 */
export function replaceMapped(
  mt: MappedText,
  re: RegExp,
  replacer: (m: RegExpExecArray) => Piece[],
): MappedText {
  const flags = re.flags.includes('g') ? re.flags : re.flags + 'g';
  const rx = new RegExp(re.source, flags);
  let out = '';
  const map: number[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = rx.exec(mt.text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    for (let i = last; i < start; i++) map.push(mt.map[i]!);
    out += mt.text.slice(last, start);
    for (const piece of replacer(m)) {
      for (let i = 0; i < piece.text.length; i++) {
        const src = piece.from === undefined ? start : Math.min(start + piece.from + i, mt.text.length);
        map.push(mt.map[src]!);
      }
      out += piece.text;
    }
    last = end;
    if (m[0].length === 0) rx.lastIndex++;
  }
  for (let i = last; i < mt.text.length; i++) map.push(mt.map[i]!);
  out += mt.text.slice(last);
  map.push(mt.map[mt.text.length]!);
  return { text: out, map };
}

/** Maps a span of a derived text back to the original text. */
export function mapSpan(mt: MappedText, start: number, end: number): Span {
  const clamp = (i: number) => Math.max(0, Math.min(i, mt.text.length));
  const s = clamp(start);
  const e = Math.max(s, clamp(end));
  const origStart = mt.map[s]!;
  // the end maps to just after the last included character
  const origEnd = e > s ? Math.min(mt.map[e - 1]! + 1, mt.map[mt.text.length]!) : origStart;
  return { start: origStart, end: Math.max(origStart, origEnd) };
}

// ---------------------------------------------------------------------------
// Front matter, directives, comments (same semantics as mermaid 12.3.0)
// ---------------------------------------------------------------------------

/** mermaid's directive regex (`%%{init: …}%%`, `%%{wrap}%%`). */
export const DIRECTIVE_REGEX =
  /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;

const WS = /\s/;
const isWs = (c: string | undefined) => c !== undefined && WS.test(c);
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

export interface FrontMatterMatch {
  indent: string;
  body: string;
  /** offset of the body inside the text */
  bodyStart: number;
  /** length of the whole front-matter block including trailing blank lines */
  length: number;
}

/** Finds a leading `---` front-matter block the way mermaid does (same fence and blank-line rules). */
export function matchFrontMatter(text: string): FrontMatterMatch | undefined {
  let cursor = 0;
  while (cursor < text.length && isWs(text[cursor]) && !isBreak(text[cursor])) cursor++;
  const indent = text.slice(0, cursor);
  if (!text.startsWith('---', cursor)) return undefined;
  // candidate ends of the opening fence: line breaks in the whitespace run after '---'
  const openingEnds: number[] = [];
  for (let i = cursor + 3; i < text.length && isWs(text[i]); i++) {
    if (isBreak(text[i])) openingEnds.push(i);
  }
  const firstOpening = openingEnds[0];
  if (firstOpening === undefined) return undefined;
  const fence = indent + '---';
  const closingEndAt = (i: number): number => {
    if (!isBreak(text[i]) || !text.startsWith(fence, i + 1)) return -1;
    let found = -1;
    for (let j = i + 1 + fence.length; j < text.length && isWs(text[j]); j++) {
      if (isBreak(text[j])) found = j;
    }
    return found;
  };
  let lastClosing = -1;
  for (let i = firstOpening + 1; i < text.length; i++) {
    if (closingEndAt(i) !== -1) lastClosing = i;
  }
  if (lastClosing === -1) return undefined;
  let openingEnd = firstOpening;
  for (const c of openingEnds) if (c < lastClosing) openingEnd = c;
  const bodyStart = openingEnd + 1;
  for (let i = bodyStart; i <= lastClosing; i++) {
    const end = closingEndAt(i);
    if (end !== -1) return { indent, body: text.slice(bodyStart, i), bodyStart, length: end + 1 };
  }
  return undefined;
}

/** mermaid's detectType comment stripping: everything from `%%` to the end of its line, with the whitespace before it. */
export function stripAnyCommentsMapped(mt: MappedText): MappedText {
  const text = mt.text;
  let out = '';
  const map: number[] = [];
  let consumed = 0;
  let searchFrom = 0;
  while (searchFrom < text.length) {
    const marker = text.indexOf('%%', searchFrom);
    if (marker === -1) break;
    const lineEnd = text.indexOf('\n', marker);
    if (lineEnd === -1) break;
    let start = marker;
    while (start > consumed && isWs(text[start - 1])) start--;
    out += text.slice(consumed, start) + '\n';
    for (let i = consumed; i < start; i++) map.push(mt.map[i]!);
    map.push(mt.map[lineEnd]!);
    consumed = lineEnd + 1;
    searchFrom = consumed;
  }
  out += text.slice(consumed);
  for (let i = consumed; i <= text.length; i++) map.push(mt.map[i]!);
  return { text: out, map };
}

// ---------------------------------------------------------------------------
// Detectors, in mermaid 12.3.0's registration order (mermaid.core build).
// ---------------------------------------------------------------------------

interface Detector {
  id: string;
  /** returns the index and text of the keyword when the detector fires */
  match: (text: string) => { index: number; keyword: string } | null;
}

const KEYWORD_TAIL = /[\w-]*/y;

/** Builds a detector from mermaid's regex; the keyword is the match extended over word chars and hyphens. */
function rx(id: string, re: RegExp): Detector {
  return {
    id,
    match(text) {
      const m = re.exec(text);
      if (!m) return null;
      const lead = /^\s*/.exec(m[0])![0].length;
      const index = m.index + lead;
      KEYWORD_TAIL.lastIndex = m.index + m[0].length;
      const tail = KEYWORD_TAIL.exec(text)?.[0] ?? '';
      return { index, keyword: m[0].slice(lead) + tail };
    },
  };
}

const DETECTORS: readonly Detector[] = [
  {
    id: 'error',
    match(text) {
      if (text.toLowerCase().trim() !== 'error') return null;
      const index = text.search(/\S/);
      return { index, keyword: text.slice(index, index + 5) };
    },
  },
  {
    id: '---',
    match(text) {
      if (!text.toLowerCase().trimStart().startsWith('---')) return null;
      const index = text.length - text.trimStart().length;
      return { index, keyword: '---' };
    },
  },
  rx('flowchart-elk', /^\s*flowchart-elk/),
  rx('mindmap', /^\s*mindmap/),
  rx('architecture', /^\s*architecture/),
  rx('agentflow', /^\s*agentflow-beta\b/),
  // mermaid's regex: only the first alternative is anchored, the others match anywhere
  rx('c4', /^\s*C4Context|C4Container|C4Component|C4Dynamic|C4Deployment/),
  rx('kanban', /^\s*kanban/),
  rx('classDiagram', /^\s*classDiagram/),
  rx('er', /^\s*erDiagram/),
  rx('gantt', /^\s*gantt/),
  rx('info', /^\s*info/),
  rx('pie', /^\s*pie/),
  rx('requirement', /^\s*requirement(Diagram)?/),
  rx('sequence', /^\s*sequenceDiagram/),
  rx('swimlane', /^\s*swimlane-beta\b/),
  rx('flowchart-v2', /^\s*(graph|flowchart)/),
  rx('timeline', /^\s*timeline/),
  rx('gitGraph', /^\s*gitGraph/),
  rx('stateDiagram', /^\s*stateDiagram/),
  rx('journey', /^\s*journey/),
  rx('quadrantChart', /^\s*quadrantChart/),
  rx('sankey', /^\s*sankey(-beta)?/),
  rx('packet', /^\s*packet(-beta)?/),
  rx('xychart', /^\s*xychart(-beta)?/),
  rx('block', /^\s*block(-beta)?/),
  rx('eventmodeling', /^\s*eventmodeling/),
  rx('treeView', /^\s*treeView-beta/),
  rx('radar', /^\s*radar-beta/),
  rx('ishikawa', /^\s*ishikawa(-beta)?\b/i),
  rx('treemap', /^\s*treemap/),
  rx('railroad', /^\s*railroad-beta/i),
  rx('railroadEbnf', /^\s*railroad-ebnf-beta/i),
  rx('railroadAbnf', /^\s*railroad-abnf-beta/i),
  rx('railroadPeg', /^\s*railroad-peg-beta/i),
  rx('venn', /^\s*venn-beta/),
  rx('wardley', /^\s*wardley-beta/i),
  rx('cynefin', /^\s*cynefin-beta(?:[\s:]|$)/),
  rx('usecase', /^\s*usecase-beta(?:\s|$)/),
];

/** Every diagram id mermaid 12.3.0 (core build) registers a detector for, in detection order. */
export const MERMAID_DIAGRAM_IDS: readonly string[] = DETECTORS.map((d) => d.id);

// ---------------------------------------------------------------------------
// Front-matter YAML
// ---------------------------------------------------------------------------

function frontMatterInfo(
  fm: FrontMatterMatch,
): { span: Span; title?: string; config?: unknown; error?: string } {
  const span = { start: 0, end: fm.length };
  const body = fm.indent
    ? fm.body
        .split('\n')
        .map((l) => (l.startsWith(fm.indent) ? l.slice(fm.indent.length) : l))
        .join('\n')
    : fm.body;
  let doc: unknown;
  try {
    // mermaid reads front matter with js-yaml's JSON schema; so do we, for the same verdicts.
    doc = yaml.load(body.replace(/\r\n?/g, '\n'), { schema: yaml.JSON_SCHEMA });
  } catch (err) {
    return { span, error: (err as Error).message.split('\n')[0] ?? 'invalid YAML' };
  }
  const obj = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  const out: { span: Span; title?: string; config?: unknown } = { span };
  if (obj['title']) out.title = String(obj['title']);
  if (obj['config']) out.config = obj['config'];
  return out;
}

// ---------------------------------------------------------------------------
// detectDiagramType
// ---------------------------------------------------------------------------

/** Detects the diagram type of one mermaid block exactly as `mermaid.detectType` (12.3.0) does. */
export function detectDiagramType(text: string): DetectedType {
  let mt = identityMapped(text);
  const fm = matchFrontMatter(text);
  const result: DetectedType = { type: null, keyword: null, keywordSpan: null, bodyOffset: text.length, directives: [] };
  if (fm) {
    result.frontMatter = frontMatterInfo(fm);
    mt = sliceMapped(mt, fm.length);
  }
  const dirRe = new RegExp(DIRECTIVE_REGEX.source, 'gi');
  for (let m = dirRe.exec(mt.text); m !== null; m = dirRe.exec(mt.text)) {
    if (m[0].length === 0) {
      dirRe.lastIndex++;
      continue;
    }
    result.directives.push({ span: mapSpan(mt, m.index, m.index + m[0].length), text: m[0] });
  }
  mt = replaceMapped(mt, DIRECTIVE_REGEX, () => []);
  mt = stripAnyCommentsMapped(mt);
  const first = mt.text.search(/\S/);
  if (first !== -1) result.bodyOffset = mt.map[first]!;
  for (const d of DETECTORS) {
    const hit = d.match(mt.text);
    if (hit) {
      result.type = d.id;
      result.keyword = hit.keyword;
      result.keywordSpan = mapSpan(mt, hit.index, hit.index + hit.keyword.length);
      break;
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// preprocessDiagram (what mermaid.parse hands to the diagram parser)
// ---------------------------------------------------------------------------

export interface Preprocessed {
  /** front matter as mermaid extracts it (after line-ending normalisation) */
  frontMatter?: FrontMatterMatch;
  /** text after front matter and directives, comments kept (mermaid's `withComments`) */
  withComments: MappedText;
  /** mermaid's `cleaned` text: comment lines dropped, leading whitespace trimmed */
  cleaned: MappedText;
}

/** Reproduces mermaid 12.3.0's `preprocessDiagram`, keeping offsets into the original text. */
export function preprocessDiagram(text: string): Preprocessed {
  let mt = identityMapped(text);
  mt = replaceMapped(mt, /\r\n?/g, () => [{ text: '\n' }]);
  mt = replaceMapped(mt, /<(\w+)([^>]*)>/g, (m) => {
    const tag = m[1]!;
    const attrs = m[2]!.replace(/="([^"]*)"/g, "='$1'");
    // same length: map character by character
    return [{ text: '<' + tag + attrs + '>', from: 0 }];
  });
  const fm = matchFrontMatter(mt.text);
  const out: Partial<Preprocessed> = {};
  if (fm) {
    out.frontMatter = fm;
    mt = sliceMapped(mt, fm.length);
  }
  mt = replaceMapped(mt, DIRECTIVE_REGEX, () => []);
  const withComments = mt;
  let cleaned = replaceMapped(withComments, /^\s*%%(?!{)[^\n]+\n?/gm, () => []);
  const lead = cleaned.text.length - cleaned.text.trimStart().length;
  cleaned = sliceMapped(cleaned, lead);
  return { ...out, withComments, cleaned };
}

/** mermaid's `encodeEntities` followed by the `+ "\n"` that `Diagram.fromText` appends. */
export function encodeForParser(mt: MappedText): MappedText {
  let r = replaceMapped(mt, /style.*:\S*#.*;/g, (m) => [{ text: m[0].slice(0, -1), from: 0 }]);
  r = replaceMapped(r, /classDef.*:\S*#.*;/g, (m) => [{ text: m[0].slice(0, -1), from: 0 }]);
  r = replaceMapped(r, /#\w+;/g, (m) => {
    const inner = m[0].slice(1, -1);
    const prefix = /^\+?\d+$/.test(inner) ? '\uFB02\xB0\xB0' : '\uFB02\xB0';
    const semi = m[0].length - 1;
    return [{ text: prefix }, { text: inner, from: 1 }, { text: '\xB6', from: semi }, { text: '\xDF', from: semi }];
  });
  return {
    text: r.text + '\n',
    map: [...r.map.slice(0, r.text.length), r.map[r.text.length]!, r.map[r.text.length]!],
  };
}
