import type { Span } from '../../model/position.js';
import type { DetectedType, MappedText } from '../detect.js';
import { encodeForParser, mapSpan, preprocessDiagram } from '../detect.js';

export interface DiagramProblem {
  message: string;
  span: Span;
  kind: 'syntax' | 'semantic' | 'unknown-diagram';
}

/** Diagram ids whose mermaid db sets `preserveCommentsWhenParsing`: mermaid parses them with comment lines kept. */
const PRESERVE_COMMENTS = new Set(['agentflow', 'eventmodeling']);

/** The exact text mermaid 12.3.0 hands to the diagram's parser, mapped to the original text. */
export function parserInput(text: string, type: string): MappedText {
  const pre = preprocessDiagram(text);
  return encodeForParser(PRESERVE_COMMENTS.has(type) ? pre.withComments : pre.cleaned);
}

/** 1-based line and 0-based column of an offset in a text. */
export function offsetToLineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart };
}

/** Offset of a (0-based line, 0-based column) position in a text, clamped to the line. */
export function lineColToOffset(text: string, line0: number, column: number): number {
  let offset = 0;
  for (let l = 0; l < line0; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl === -1 ? text.length : nl;
  return Math.min(offset + Math.max(0, column), lineEnd);
}

/** A span of the derived text mapped to the original; empty spans are widened to one character when possible. */
export function toOriginal(mt: MappedText, start: number, end: number, original: string): Span {
  const span = mapSpan(mt, start, end);
  return widen(span, original);
}

export function widen(span: Span, original: string): Span {
  if (span.end > span.start) return span;
  if (span.start < original.length && original[span.start] !== '\n' && original[span.start] !== '\r') {
    return { start: span.start, end: span.start + 1 };
  }
  return span;
}

/** Span of the last non-whitespace character of a derived text (for "unexpected end of input"). */
export function endOfContent(mt: MappedText, original: string): Span {
  const trimmed = mt.text.trimEnd();
  if (trimmed.length === 0) return widen(mapSpan(mt, 0, 0), original);
  return mapSpan(mt, trimmed.length - 1, trimmed.length);
}

/** Shows a token for a message: quoted, with line breaks named. */
export function showToken(s: string): string {
  if (s === '' || s === undefined) return 'end of input';
  if (s === '\n' || s === '\r\n') return 'end of line';
  return `'${s.replace(/\r?\n/g, '\\n').slice(0, 40)}'`;
}

export function lineOf(original: string, offset: number): number {
  return offsetToLineCol(original, offset).line;
}

export function unknownDiagramProblem(text: string, detected: DetectedType): DiagramProblem {
  const start = Math.min(detected.bodyOffset, text.length);
  const word = /^[^\s;:{([]*/.exec(text.slice(start))?.[0] ?? '';
  const span = widen({ start, end: start + word.length }, text);
  const message =
    word.length > 0
      ? `Unknown diagram type '${word.slice(0, 40)}': expected a diagram keyword such as 'flowchart', 'sequenceDiagram' or 'classDiagram'`
      : 'Empty diagram: expected a diagram keyword such as \'flowchart\', \'sequenceDiagram\' or \'classDiagram\'';
  return { message, span, kind: 'unknown-diagram' };
}
