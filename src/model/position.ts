/**
 * Positions follow unist: 1-based `line` and `column`, 0-based `offset`,
 * always in the coordinates of the file being linted.
 */
export interface Point {
  /** 1-based line number. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like unist. */
  column: number;
  /** 0-based offset into the file's text (after BOM removal). */
  offset: number;
}

/** A half-open range `[start, end)` in file coordinates. */
export interface Position {
  start: Point;
  end: Point;
}

/**
 * A half-open range `[start, end)` of 0-based offsets into a *diagram's own text*
 * (the content of a fence). Parsers produce spans; the document model turns them
 * into file {@link Position}s with the diagram's source map.
 */
export interface Span {
  start: number;
  end: number;
}
