/**
 * Mermaid's text preprocessing before the flowchart grammar sees the text, reproduced
 * step by step with an offset map back to the original text:
 *
 * 1. CRLF/CR → LF; inside `<tag ...>` attribute values `="x"` become `='x'`.
 * 2. YAML front matter (`---` ... `---`) is cut off (its `title` kept).
 * 3. `%%{ ... }%%` directives are removed.
 * 4. Whole-line `%%` comments are removed, then leading blank space.
 * 5. Entity codes: on a `style`/`classDef` line with `:...#...;` the last `;` is dropped;
 *    `#name;` / `#123;` become mermaid's placeholders (`ﬂ°name¶ß`, `ﬂ°°123¶ß`).
 * 6. A newline is appended; whitespace between `}` and a newline is removed.
 */

import yaml from 'js-yaml';
import { isWs } from './chars.js';
import type { FlowchartError } from './types.js';

interface Layer {
  outStart: number[];
  inStart: number[];
  inLen: number[];
}

export class OffsetMap {
  /**
   * Errors found while preprocessing (invalid front matter YAML), in original offsets. They
   * travel with the map because the parser is handed the preprocessed text and this map; it
   * reports them before its own.
   */
  readonly errors: FlowchartError[] = [];
  /** Layers from the original text to the final one, in application order. */
  private readonly layers: Layer[] = [];
  private shift = 0;

  addLayer(layer: Layer | null): void {
    if (layer) this.layers.push(layer);
  }

  /** A pure cut of the first `n` characters, expressed as a layer. */
  addCut(n: number): void {
    if (n > 0) this.layers.push({ outStart: [0], inStart: [n], inLen: [Number.MAX_SAFE_INTEGER] });
  }

  get identity(): boolean {
    return this.layers.length === 0 && this.shift === 0;
  }

  toOriginal(pos: number): number {
    let p = pos;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i] as Layer;
      const starts = l.outStart;
      let lo = 0;
      let hi = starts.length - 1;
      if (hi < 0 || p < (starts[0] as number)) continue;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= p) lo = mid;
        else hi = mid - 1;
      }
      const delta = p - (starts[lo] as number);
      p = (l.inStart[lo] as number) + Math.min(delta, l.inLen[lo] as number);
    }
    return p;
  }
}

/**
 * Replace every match of a global regex, recording segments. Returns `null` as layer
 * when nothing matched (the text is unchanged).
 */
function rewrite(
  text: string,
  re: RegExp,
  replacer: (m: RegExpExecArray) => string,
): { text: string; layer: Layer | null } {
  re.lastIndex = 0;
  let m = re.exec(text);
  if (!m) return { text, layer: null };
  const outStart: number[] = [];
  const inStart: number[] = [];
  const inLen: number[] = [];
  const parts: string[] = [];
  let last = 0;
  let outPos = 0;
  while (m) {
    const start = m.index;
    const end = start + m[0].length;
    const rep = replacer(m);
    if (m[0].length === 0) re.lastIndex++;
    if (rep === m[0]) {
      // unchanged: stays inside the current copied segment
      m = re.exec(text);
      continue;
    }
    if (start > last) {
      outStart.push(outPos);
      inStart.push(last);
      inLen.push(start - last);
      parts.push(text.slice(last, start));
      outPos += start - last;
    }
    outStart.push(outPos);
    inStart.push(start);
    inLen.push(end - start);
    parts.push(rep);
    outPos += rep.length;
    last = end;
    m = re.exec(text);
  }
  if (parts.length === 0) return { text, layer: null };
  outStart.push(outPos);
  inStart.push(last);
  inLen.push(Number.MAX_SAFE_INTEGER);
  parts.push(text.slice(last));
  return { text: parts.join(''), layer: { outStart, inStart, inLen } };
}

export interface FrontMatter {
  /** Span of the whole block in the original text. */
  start: number;
  end: number;
  title?: string;
  /** Raw YAML body. */
  body: string;
  /** Set when js-yaml cannot load the body (mermaid then rejects the diagram). */
  error?: FlowchartError;
}

export interface Preprocessed {
  /** The text the flowchart grammar parses. */
  text: string;
  map: OffsetMap;
  frontMatter: FrontMatter | null;
  /** Whether mermaid's detector would pick a flowchart for this text. */
  detected: boolean;
  /** `flowchart.inheritDir` as mermaid's configuration ends up with it (front matter `config:` and `%%{init}%%`). */
  inheritDir: boolean;
}

const isWsChar = (ch: string | undefined): boolean => ch !== undefined && isWs(ch.charCodeAt(0));
const isLineBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r';

/** mermaid's front matter matcher (indent-aware, closing fence may be the last one). */
function matchFrontMatter(text: string): { indent: string; body: string; bodyStart: number; length: number } | undefined {
  let cursor = 0;
  while (cursor < text.length && isWsChar(text[cursor]) && !isLineBreak(text[cursor])) cursor++;
  const indent = text.slice(0, cursor);
  if (!text.startsWith('---', cursor)) return undefined;
  const openingEnds: number[] = [];
  for (let i = cursor + 3; i < text.length && isWsChar(text[i]); i++) {
    if (isLineBreak(text[i])) openingEnds.push(i);
  }
  const firstOpening = openingEnds[0];
  if (firstOpening === undefined) return undefined;
  const closingFence = `${indent}---`;
  const lastLineBreakInWs = (from: number): number => {
    let index = -1;
    for (let i = from; i < text.length && isWsChar(text[i]); i++) if (isLineBreak(text[i])) index = i;
    return index;
  };
  const closingEnd = (i: number): number =>
    isLineBreak(text[i]) && text.startsWith(closingFence, i + 1) ? lastLineBreakInWs(i + 1 + closingFence.length) : -1;
  let lastClosingFence = -1;
  // only positions right before a fence can qualify: scan the fence occurrences
  let idx = text.indexOf(closingFence, firstOpening + 1);
  while (idx >= 0) {
    if (idx - 1 >= firstOpening + 1 && closingEnd(idx - 1) !== -1) lastClosingFence = idx - 1;
    idx = text.indexOf(closingFence, idx + 1);
  }
  if (lastClosingFence === -1) return undefined;
  let openingEnd = firstOpening;
  for (const candidate of openingEnds) if (candidate < lastClosingFence) openingEnd = candidate;
  const bodyStart = openingEnd + 1;
  idx = text.indexOf(closingFence, bodyStart);
  while (idx >= 0 && idx - 1 <= lastClosingFence) {
    const i = idx - 1;
    if (i >= bodyStart) {
      const matchEnd = closingEnd(i);
      if (matchEnd !== -1) return { indent, body: text.slice(bodyStart, i), bodyStart, length: matchEnd + 1 };
    }
    idx = text.indexOf(closingFence, idx + 1);
  }
  return undefined;
}

/**
 * mermaid's `extractFrontMatter`: the body, with the fence's indentation removed from each
 * line, is loaded with js-yaml's JSON schema (a YAML error fails `mermaid.parse`); a truthy
 * `title` of a mapping is kept as `title.toString()`.
 */
function readFrontMatter(
  text: string,
  fm: { indent: string; body: string; bodyStart: number },
  map: OffsetMap,
): { title?: string; config?: unknown; error?: FlowchartError } {
  const lines = fm.indent ? fm.body.split('\n') : null;
  const yamlBody = lines ? lines.map((l) => (l.startsWith(fm.indent) ? l.slice(fm.indent.length) : l)).join('\n') : fm.body;
  let parsed: unknown;
  try {
    parsed = yaml.load(yamlBody, { schema: yaml.JSON_SCHEMA });
  } catch (e) {
    if (!(e instanceof yaml.YAMLException)) throw e;
    // js-yaml's line/column are in the de-indented body: back to the text, then to the original
    const line = e.mark?.line ?? 0;
    const column = e.mark?.column ?? 0;
    let pos = fm.bodyStart;
    const bodyEnd = fm.bodyStart + fm.body.length;
    for (let l = 0; l < line && pos < bodyEnd; l++) {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 || nl >= bodyEnd ? bodyEnd : nl + 1;
    }
    if (lines && text.startsWith(fm.indent, pos)) pos += fm.indent.length;
    pos = Math.min(pos + column, bodyEnd);
    const start = map.toOriginal(pos);
    const end = pos < bodyEnd ? map.toOriginal(pos + 1) : start;
    const error: FlowchartError = {
      message: `Invalid YAML in the front matter: ${e.reason} (mermaid loads front matter with js-yaml and fails on it)`,
      span: { start, end: Math.max(end, start) },
      kind: 'syntax',
    };
    const found = text.slice(pos, text.indexOf('\n', pos) < 0 ? undefined : text.indexOf('\n', pos)).trim();
    if (found) error.found = found.length > 24 ? found.slice(0, 24) + '…' : found;
    return { error };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const title = (parsed as Record<string, unknown>)['title'];
  const config = (parsed as Record<string, unknown>)['config'];
  return { ...(title ? { title: String(title) } : {}), ...(config ? { config } : {}) };
}

const DIRECTIVE_RE = /%%\{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!\}%%).|\r?\n)*))?\s*(?:\}%%)?/gi;

/** Whether `/\}\s*\n/` could change the text: some `}` followed by whitespace other than one lone `\n`. */
function braceBeforeSpace(text: string): boolean {
  for (let k = text.indexOf('}'); k >= 0; k = text.indexOf('}', k + 1)) {
    const c = text.charCodeAt(k + 1);
    if (isWs(c) && (c !== 10 || isWs(text.charCodeAt(k + 2)))) return true;
  }
  return false;
}

export function preprocess(original: string): Preprocessed {
  const map = new OffsetMap();
  let text = original;
  // 1. line endings
  if (text.indexOf('\r') >= 0) {
    const r = rewrite(text, /\r\n?/g, () => '\n');
    text = r.text;
    map.addLayer(r.layer);
  }
  if (text.indexOf('="') >= 0) {
    // length-preserving: `="x"` → `='x'` inside tags
    text = text.replace(/<(\w+)([^>]*)>/g, (_m, tag: string, attrs: string) => '<' + tag + attrs.replace(/="([^"]*)"/g, "='$1'") + '>');
  }
  // 2. front matter
  let frontMatter: FrontMatter | null = null;
  let frontMatterConfig: unknown;
  const fm = matchFrontMatter(text);
  if (fm) {
    const start = map.toOriginal(0);
    const end = map.toOriginal(fm.length);
    const { title, config, error } = readFrontMatter(text, fm, map);
    frontMatterConfig = config;
    frontMatter = { start, end, body: fm.body };
    if (title !== undefined) frontMatter.title = title;
    if (error) {
      frontMatter.error = error;
      map.errors.push(error);
    }
    text = text.slice(fm.length);
    map.addCut(fm.length);
  }
  const inheritDir = readInheritDir(frontMatterConfig, text.indexOf('%%{') >= 0 ? detectInit(text) : undefined);
  // 3. directives
  if (text.indexOf('%%{') >= 0) {
    const r = rewrite(text, DIRECTIVE_RE, () => '');
    text = r.text;
    map.addLayer(r.layer);
  }
  // 4. comments
  if (text.indexOf('%%') >= 0) {
    const r = rewrite(text, /^\s*%%(?!\{)[^\n]+\n?/gm, () => '');
    text = r.text;
    map.addLayer(r.layer);
  }
  {
    let k = 0;
    while (k < text.length && isWs(text.charCodeAt(k))) k++;
    if (k > 0) {
      text = text.slice(k);
      map.addCut(k);
    }
  }
  // detection (the detector sees the text without front matter, directives and comments)
  let detectText = text;
  const fm2 = matchFrontMatter(detectText);
  if (fm2) detectText = detectText.slice(fm2.length);
  const detected = /^\s*(graph|flowchart)/.test(detectText);
  // 5. entity encoding
  // both rules need `style`/`classDef`, a `#` and a `;` (after the `#`)
  const hash = text.indexOf('#');
  if (hash >= 0 && text.indexOf(';', hash) >= 0 && (text.indexOf('style') >= 0 || text.indexOf('classDef') >= 0)) {
    for (const re of [/style.*:\S*#.*;/g, /classDef.*:\S*#.*;/g]) {
      const r = rewrite(text, re, (m) => m[0].slice(0, -1));
      text = r.text;
      map.addLayer(r.layer);
    }
  }
  if (hash >= 0) {
    const r = rewrite(text, /#\w+;/g, (m) => {
      const inner = m[0].slice(1, -1);
      return /^\+?\d+$/.test(inner) ? 'ﬂ°°' + inner + '¶ß' : 'ﬂ°' + inner + '¶ß';
    });
    text = r.text;
    map.addLayer(r.layer);
  }
  // 6. trailing newline; `}` + blanks + newline
  text += '\n';
  if (braceBeforeSpace(text)) {
    const r = rewrite(text, /\}\s*\n/g, () => '}\n');
    text = r.text;
    map.addLayer(r.layer);
  }
  return { text, map, frontMatter, detected, inheritDir };
}

// ------------------------------------------------------------------ configuration

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const DIRECTIVE_WITHOUT_OPEN = /\s*(?:(\w+)(?=:):|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const COMMENT_WITHOUT_DIRECTIVES = new RegExp(`[%]{2}(?![{]${DIRECTIVE_WITHOUT_OPEN.source})(?=[}][%]{2}).*\n`, 'ig');
const INIT_TYPE = /(?:init\b)|(?:initialize\b)/;

/** mermaid's `sanitizeDirective` as far as it matters here: `__…`, `…proto…`, `…constr…` and null entries go. */
function sanitizeDirective(args: unknown): void {
  if (typeof args !== 'object' || args === null) return;
  if (Array.isArray(args)) {
    args.forEach(sanitizeDirective);
    return;
  }
  const o = args as JsonObject;
  for (const key of Object.keys(o)) {
    if (key.startsWith('__') || key.includes('proto') || key.includes('constr') || o[key] === null || o[key] === undefined) {
      delete o[key];
      continue;
    }
    if (typeof o[key] === 'object') sanitizeDirective(o[key]);
  }
}

/** mermaid's `assignWithDepth` (utils), used to merge several init directives. */
function assignWithDepth(dst: unknown, src: unknown, depth = 2): unknown {
  if (Array.isArray(src) && !Array.isArray(dst)) {
    for (const s of src) assignWithDepth(dst, s, depth);
    return dst;
  } else if (Array.isArray(src) && Array.isArray(dst)) {
    for (const s of src) if (!dst.includes(s)) dst.push(s);
    return dst;
  }
  if (dst === undefined || dst === null || depth <= 0) {
    if (dst !== undefined && dst !== null && typeof dst === 'object' && typeof src === 'object') return Object.assign(dst, src);
    return src;
  }
  if (src !== undefined && src !== null && typeof dst === 'object' && typeof src === 'object') {
    const d = dst as Record<string, unknown>;
    for (const [key, value] of Object.entries(src)) {
      if (typeof value === 'object') {
        if (value === null) continue;
        if (d[key] === undefined) d[key] = Array.isArray(value) ? [] : {};
        if (typeof d[key] === 'object') d[key] = assignWithDepth(d[key], value, depth - 1);
      } else if (typeof d[key] !== 'object') {
        d[key] = value;
      }
    }
  }
  return dst;
}

/**
 * mermaid's `detectInit` on the text after front matter: every `%%{init: …}%%` /
 * `%%{initialize: …}%%` directive (single quotes read as double quotes), JSON-parsed; one
 * unparsable directive drops them all; several are merged; a `config` key moves to the
 * diagram type's key.
 */
function detectInit(text: string): unknown {
  const t = text.trim().replace(COMMENT_WITHOUT_DIRECTIVES, '').replace(/'/gm, '"');
  const re = new RegExp(DIRECTIVE_RE.source, 'gi');
  const found: unknown[] = [];
  try {
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      if (m.index === re.lastIndex) re.lastIndex++;
      if (INIT_TYPE.test(m[1] ?? '') || INIT_TYPE.test(m[2] ?? '')) {
        found.push(m[3] ? m[3].trim() : m[4] ? (JSON.parse(m[4].trim()) as unknown) : null);
      }
    }
  } catch {
    return undefined;
  }
  if (found.length === 0) return undefined;
  let results: unknown;
  if (found.length === 1) {
    results = found[0];
  } else {
    sanitizeDirective(found);
    results = assignWithDepth({}, found);
  }
  if (!isObject(results)) return results || undefined;
  if (results['config'] !== undefined) {
    const type = /^\s*flowchart-elk/.test(t.replace(DIRECTIVE_RE, '').replace(/\s*%%.*\n/gm, '\n')) ? 'flowchart-elk' : 'flowchart';
    results[type] = results['config'];
    delete results['config'];
  }
  return results;
}

/** lodash's `merge` for JSON values (es-toolkit/compat, mermaid's `cleanAndMerge`). */
function merge(dst: unknown, src: unknown): unknown {
  if (!isObject(src) && !Array.isArray(src)) return src === undefined ? dst : src;
  if (Array.isArray(src)) {
    const out: unknown[] = Array.isArray(dst) ? [...(dst as unknown[])] : [];
    src.forEach((v, i) => (out[i] = merge(out[i], v)));
    return out;
  }
  const out: Record<string, unknown> = isObject(dst) ? { ...dst } : {};
  for (const [k, v] of Object.entries(src)) out[k] = merge(out[k], v);
  return out;
}

/**
 * Whether mermaid's FlowDB sees a truthy `flowchart.inheritDir`: front matter `config:`
 * merged with the init directives (which win), sanitised (null entries and strings with
 * `<`, `>` or `url(data:` are dropped) and assigned over the defaults (`false`), where a
 * value that is an object does not replace the default.
 */
function readInheritDir(frontMatterConfig: unknown, directive: unknown): boolean {
  const merged = merge(merge({}, isObject(frontMatterConfig) ? frontMatterConfig : {}), isObject(directive) ? directive : {});
  if (!isObject(merged)) return false;
  const flowchart = merged['flowchart'];
  if (!isObject(flowchart)) return false;
  const v = flowchart['inheritDir'];
  if (v === null || v === undefined || typeof v === 'object') return false;
  if (typeof v === 'string' && (v.includes('<') || v.includes('>') || v.includes('url(data:'))) return false;
  return Boolean(v);
}
