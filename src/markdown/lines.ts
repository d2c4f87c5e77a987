import type { Point } from '../model/position.js';

/**
 * Line index of a text: where each line starts, for offset → point
 * conversion in O(log n). Lines end at `\n`, `\r\n` or a lone `\r`, as in
 * CommonMark.
 */
export class LineIndex {
  /** Offset at which each line starts; `starts[0]` is 0. */
  readonly starts: number[];
  readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line index containing `offset`. */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line: line + 1, column: clamped - (this.starts[line] as number) + 1, offset: clamped };
  }

  /** Text of a 1-based line, without its line ending. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next;
    if (next !== undefined) {
      if (this.text.charCodeAt(end - 1) === 10) end--;
      if (this.text.charCodeAt(end - 1) === 13) end--;
    }
    return this.text.slice(start, end);
  }

  /** Offset just past the last character of a 1-based line (before its line ending). */
  lineEnd(line: number): number {
    const start = this.starts[line - 1] ?? this.text.length;
    return start + this.lineText(line).length;
  }
}

/** Splits a text into lines at `\n`, `\r\n` or `\r`, without the endings. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Offset at which each line of a text starts (lines end at `\n`, `\r\n` or `\r`). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
