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

interface Layer {
  outStart: number[];
  inStart: number[];
  inLen: number[];
}

export class OffsetMap {
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
    if (start > last) {
      outStart.push(outPos);
      inStart.push(last);
      inLen.push(start - last);
      parts.push(text.slice(last, start));
      outPos += start - last;
    }
    const rep = replacer(m);
    outStart.push(outPos);
    inStart.push(start);
    inLen.push(end - start);
    parts.push(rep);
    outPos += rep.length;
    last = end;
    if (m[0].length === 0) re.lastIndex++;
    m = re.exec(text);
  }
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
}

export interface Preprocessed {
  /** The text the flowchart grammar parses. */
  text: string;
  map: OffsetMap;
  frontMatter: FrontMatter | null;
  /** Whether mermaid's detector would pick a flowchart for this text. */
  detected: boolean;
}

const isWsChar = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);
const isLineBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r';

/** mermaid's front matter matcher (indent-aware, closing fence may be the last one). */
function matchFrontMatter(text: string): { body: string; length: number } | undefined {
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
      if (matchEnd !== -1) return { body: text.slice(bodyStart, i), length: matchEnd + 1 };
    }
    idx = text.indexOf(closingFence, idx + 1);
  }
  return undefined;
}

function frontMatterTitle(body: string): string | undefined {
  const m = /^title:[ \t]*(.*?)[ \t]*$/m.exec(body);
  if (!m) return undefined;
  let v = m[1] ?? '';
  if ((v.startsWith('"') && v.endsWith('"') && v.length >= 2) || (v.startsWith("'") && v.endsWith("'") && v.length >= 2)) {
    v = v.slice(1, -1);
  }
  return v === '' ? undefined : v;
}

const DIRECTIVE_RE = /%%\{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!\}%%).|\r?\n)*))?\s*(?:\}%%)?/gi;

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
  const fm = matchFrontMatter(text);
  if (fm) {
    const start = map.toOriginal(0);
    const end = map.toOriginal(fm.length);
    const title = frontMatterTitle(fm.body);
    frontMatter = title === undefined ? { start, end, body: fm.body } : { start, end, body: fm.body, title };
    text = text.slice(fm.length);
    map.addCut(fm.length);
  }
  // 3. directives
  if (text.indexOf('%%{') >= 0 || /%%\{/i.test(text)) {
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
    while (k < text.length && /\s/.test(text[k] as string)) k++;
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
  if (text.indexOf('style') >= 0 || text.indexOf('classDef') >= 0) {
    for (const re of [/style.*:\S*#.*;/g, /classDef.*:\S*#.*;/g]) {
      const r = rewrite(text, re, (m) => m[0].slice(0, -1));
      text = r.text;
      map.addLayer(r.layer);
    }
  }
  if (text.indexOf('#') >= 0) {
    const r = rewrite(text, /#\w+;/g, (m) => {
      const inner = m[0].slice(1, -1);
      return /^\+?\d+$/.test(inner) ? 'ﬂ°°' + inner + '¶ß' : 'ﬂ°' + inner + '¶ß';
    });
    text = r.text;
    map.addLayer(r.layer);
  }
  // 6. trailing newline; `}` + blanks + newline
  text += '\n';
  if (text.indexOf('}') >= 0) {
    const r = rewrite(text, /\}\s*\n/g, () => '}\n');
    text = r.text;
    map.addLayer(r.layer);
  }
  return { text, map, frontMatter, detected };
}
