/**
 * Validation with mermaid's own `mermaid.parse`, loaded lazily (with a jsdom
 * shim) the first time it is needed, and mapping of its errors back to offsets
 * in the original text.
 */
import type { Span } from '../../model/position.js';
import type { MappedText } from '../detect.js';
import { matchFrontMatter } from '../detect.js';
import type { DiagramProblem } from './common.js';
import { endOfContent, lineColToOffset, parserInput, showToken, toOriginal, widen } from './common.js';
import { langiumErrorProblems } from './langium.js';

type Mermaid = (typeof import('mermaid'))['default'];
let mermaidPromise: Promise<Mermaid> | undefined;

/** Loads mermaid once, installing a jsdom window/document if the process has none. */
export function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    if (g['document'] === undefined) {
      const { JSDOM } = await import('jsdom');
      const { window } = new JSDOM('');
      g['window'] ??= window;
      g['document'] ??= window.document;
      g['Option'] ??= window.Option;
    }
    const mermaid = (await import('mermaid')).default;
    mermaid.initialize({ startOnLoad: false });
    return mermaid;
  })();
  return mermaidPromise;
}

/** Whether mermaid has been requested (for tests that check lazy loading). */
export function mermaidRequested(): boolean {
  return mermaidPromise !== undefined;
}

interface JisonHash {
  text?: string;
  token?: string | null;
  line?: number;
  loc?: { first_line: number; last_line: number; first_column: number; last_column: number };
  expected?: string[];
}

/** Runs mermaid.parse on the original text; returns [] when mermaid accepts it. */
export async function validateWithMermaid(text: string, type: string, keywordSpan: Span | null): Promise<DiagramProblem[]> {
  const mermaid = await loadMermaid();
  try {
    await mermaid.parse(text);
    return [];
  } catch (e) {
    return [mermaidErrorProblem(e, text, type, keywordSpan)];
  }
}

export function mermaidErrorProblem(e: unknown, text: string, type: string, keywordSpan: Span | null): DiagramProblem {
  const err = e as Error & { hash?: JisonHash; result?: unknown; mark?: { line: number; column: number }; reason?: string };
  if (err && typeof err === 'object' && 'result' in err && err.result && typeof err.result === 'object' && 'parserErrors' in err.result) {
    const input = parserInput(text, type);
    const problems = langiumErrorProblems(err as never, input, text);
    if (problems[0]) return problems[0];
  }
  if (err?.name === 'YAMLException' && err.mark) {
    return { kind: 'syntax', message: `Invalid front matter YAML: ${err.reason ?? firstLine(err.message)}`, span: yamlSpan(text, err.mark) };
  }
  if (err?.name === 'UnknownDiagramError') {
    return { kind: 'unknown-diagram', message: 'Unknown diagram type', span: keywordSpan ?? { start: 0, end: 0 } };
  }
  const message = String(err?.message ?? err);
  if (err?.hash && /^(Parse|Lexical) error on line/.test(message)) {
    const input = parserInput(text, type);
    return jisonProblem(message, err.hash, input, text);
  }
  const chevrotain = chevrotainProblem(message, text, type);
  if (chevrotain) return chevrotain;
  return { kind: 'semantic', message: firstLine(message), span: guessSpan(message, text, keywordSpan) };
}

/**
 * Errors of diagrams with hand-written chevrotain parsers (e.g. usecase):
 * "…: Expecting: … but found: 'x' at line L, column C [start,end)", offsets into the parsed text.
 */
function chevrotainProblem(message: string, text: string, type: string): DiagramProblem | undefined {
  const m = /^([\s\S]*?)Expecting:?\s*(?:one of these possible Token sequences:)?([\s\S]*?)\s*but found:? '([\s\S]*?)' at line \d+, column \d+ \[(\d+),(\d+)\)/.exec(message);
  if (!m) return undefined;
  const input = parserInput(text, type);
  const start = Number(m[4]);
  const end = Number(m[5]);
  const alts = [...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((a) => a[1]!.trim());
  const single = /token of type '([^']*)'/.exec(m[2]!)?.[1];
  const expected = single ? [single] : [...new Set(alts)].slice(0, 8);
  const found = m[3] === '' ? 'end of input' : showToken(m[3]!);
  const span = m[3] === '' ? endOfContent(input, text) : toOriginal(input, start, Math.max(start + 1, end), text);
  const exp = expected.length === 0 ? '' : expected.length === 1 ? `; expected ${expected[0]}` : `; expected one of ${expected.join(', ')}`;
  return { kind: 'syntax', message: `Unexpected ${found}${exp}`, span };
}

function firstLine(s: string): string {
  return s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s;
}

/** Maps a js-yaml mark (relative to the front-matter body) to the original text. */
function yamlSpan(text: string, mark: { line: number; column: number }): Span {
  const normalized = text.replace(/\r\n?/g, '\n');
  const fm = matchFrontMatter(normalized);
  if (!fm) return widen({ start: 0, end: 0 }, text);
  // front-matter lines are the original ones with the indent removed; count lines in the original
  const bodyLine0 = normalized.slice(0, fm.bodyStart).split('\n').length - 1;
  const origLines = text.split(/\r\n?|\n/);
  let offset = 0;
  let lineLen = 0;
  let rest = text;
  const targetLine = bodyLine0 + mark.line;
  for (let l = 0; l < targetLine && l < origLines.length; l++) {
    const m = /\r\n?|\n/.exec(rest);
    if (!m) break;
    offset += m.index + m[0].length;
    rest = rest.slice(m.index + m[0].length);
  }
  lineLen = /^[^\r\n]*/.exec(rest)![0].length;
  const col = Math.min(mark.column + fm.indent.length, lineLen);
  const start = offset + col;
  const end = lineLen > col ? offset + lineLen : start;
  return widen({ start, end: Math.max(start, end) }, text);
}

/** A jison "Parse error"/"Lexical error" turned into a one-line message and an exact span. */
function jisonProblem(message: string, hash: JisonHash, input: MappedText, original: string): DiagramProblem {
  const parsed = input.text;
  if (message.startsWith('Lexical error')) {
    const at = lexicalErrorOffset(message, hash, parsed);
    const span = toOriginal(input, at, at + 1, original);
    const ch = parsed[at] ?? '';
    return { kind: 'syntax', message: `Unrecognized text starting with ${showToken(ch)}`, span };
  }
  const expected = (hash.expected ?? []).map((s) => s.replace(/^'(.*)'$/, '$1'));
  const expectedText = expected.length ? `; expected ${listOr(expected.map((x) => `'${x}'`))}` : '';
  const tokenName = hash.token ?? '';
  const tokText = hash.text ?? '';
  if (tokenName === 'EOF' || tokText === '') {
    const span = endOfContent(input, original);
    return { kind: 'syntax', message: `Unexpected end of input${expectedText}`, span };
  }
  // hash.loc is the last shifted token; the offending (lookahead) token is hash.text after it.
  const loc = hash.loc;
  const from = loc ? lineColToOffset(parsed, loc.last_line - 1, loc.last_column) : 0;
  let at = parsed.indexOf(tokText, from);
  if (at === -1 && hash.line !== undefined) at = parsed.indexOf(tokText, lineColToOffset(parsed, hash.line, 0));
  if (at === -1) at = parsed.indexOf(tokText);
  let span: Span;
  if (at === -1) span = endOfContent(input, original);
  else {
    const tokenEnd = at + tokText.length;
    // a token may run to the end of the line: do not include the line break in the span
    const trimmedEnd = at + tokText.replace(/[\s]+$/, '').length;
    span = toOriginal(input, at, Math.max(at + 1, Math.min(tokenEnd, trimmedEnd)), original);
  }
  const found = tokText === '\n' || tokText.trim() === '' ? showToken('\n') : showToken(tokText.trim());
  const kind = tokenName && tokenName !== tokText && !/^'/.test(tokenName) ? ` (${tokenName})` : '';
  return { kind: 'syntax', message: `Unexpected ${found}${kind}${expectedText}`, span };
}

function listOr(items: string[]): string {
  const shown = items.slice(0, 10);
  const more = items.length > shown.length ? `, … (${items.length - shown.length} more)` : '';
  if (shown.length === 1) return shown[0]!;
  return `one of ${shown.join(', ')}${more}`;
}

/**
 * jison lexical errors give only the line; their message shows the last 20
 * consumed characters and the next 20 (line breaks removed) around a pointer.
 */
function lexicalErrorOffset(message: string, hash: JisonHash, parsed: string): number {
  const lines = message.split('\n');
  const shown = lines[1] ?? '';
  const pointer = (lines[2] ?? '').indexOf('^');
  const line0 = hash.line ?? 0;
  const lineStart = lineColToOffset(parsed, line0, 0);
  if (pointer >= 0) {
    let past = shown.slice(0, pointer);
    let next = shown.slice(pointer);
    if (past.startsWith('...')) past = past.slice(3);
    if (next.endsWith('...')) next = next.slice(0, -3);
    const flat = (s: string) => s.replace(/\n/g, '');
    const nextNl = parsed.indexOf('\n', lineStart);
    const lineEnd = nextNl === -1 ? parsed.length : nextNl;
    for (let p = lineStart; p <= lineEnd; p++) {
      if (flat(parsed.slice(0, p)).endsWith(past) && flat(parsed.slice(p)).startsWith(next)) return p;
    }
    for (let p = 0; p <= parsed.length; p++) {
      if (flat(parsed.slice(0, p)).endsWith(past) && flat(parsed.slice(p)).startsWith(next)) return p;
    }
  }
  return lineStart;
}

/** Best-effort span for errors thrown by a diagram's db: a quoted name from the message, else the keyword. */
function guessSpan(message: string, text: string, keywordSpan: Span | null): Span {
  const names = [...message.matchAll(/["'`[]([^"'`\]\n]{1,80})["'`\]]/g)].map((m) => m[1]!);
  const bodyStart = keywordSpan?.end ?? 0;
  const candidates = names.flatMap((n) => [n, ...n.split(/\s+/).reverse()]).filter((n) => n.length > 0);
  for (const name of candidates) {
    const re = new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
    re.lastIndex = bodyStart;
    const m = re.exec(text);
    if (m) return { start: m.index, end: m.index + name.length };
  }
  return keywordSpan ?? widen({ start: 0, end: 0 }, text);
}
