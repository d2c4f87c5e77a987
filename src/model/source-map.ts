import { lineStarts } from '../markdown/lines.js';
import type { Point, Position, Span } from './position.js';
import type { LineMap } from './types.js';

/**
 * Converts offsets in a diagram's own text to file points, using the line map
 * the document model records for each diagram. Exact for fences inside lists
 * and blockquotes, where every file line carries a prefix the diagram text
 * does not have.
 */
export class DiagramSourceMap {
  private readonly textLineStarts: number[];
  private readonly lineMap: LineMap;

  constructor(text: string, lineMap: LineMap) {
    this.lineMap = lineMap;
    this.textLineStarts = lineStarts(text);
  }

  /** File point of a 0-based offset into the diagram text. */
  point(offset: number): Point {
    const s = this.textLineStarts;
    let lo = 0;
    let hi = Math.min(s.length, this.lineMap.length) - 1;
    if (hi < 0) return { line: 1, column: 1, offset: 0 };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const base = this.lineMap[lo] as Point;
    const col = offset - (s[lo] as number);
    return { line: base.line, column: base.column + col, offset: base.offset + col };
  }

  /** File position of a span of the diagram text. */
  position(span: Span): Position {
    return { start: this.point(span.start), end: this.point(span.end) };
  }
}
