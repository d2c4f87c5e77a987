import type { Position } from '../model/position.js';
import { LineIndex } from '../markdown/lines.js';
import { createColors, type Colors, type Style } from './color.js';

/*
 * Code frames: the source line of a finding with a gutter of line numbers and
 * a `^~~~` marker under the span. Display columns, not UTF-16 code units,
 * place the marker: tabs expand to tab stops, East Asian wide characters and
 * emoji take two columns, combining marks and other zero-width characters
 * none, control characters show as their Control Pictures.
 */

// Ranges of code points with East_Asian_Width W or F, and emoji shown as
// emoji by default (Emoji_Presentation): two terminal columns. Inclusive
// pairs, sorted, condensed from Unicode 16's EastAsianWidth.txt.
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2630, 0x2637], [0x2648, 0x2653], [0x267f, 0x267f], [0x268a, 0x268f],
  [0x2693, 0x2693], [0x26a1, 0x26a1], [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce],
  [0x26d4, 0x26d4], [0x26ea, 0x26ea], [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd],
  [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755],
  [0x2757, 0x2757], [0x2795, 0x2797], [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50],
  [0x2b55, 0x2b55], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60],
  [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x16ff0, 0x16ff1], [0x17000, 0x18cff], [0x18d00, 0x18d08],
  [0x1aff0, 0x1b2ff], [0x1d300, 0x1d376], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], [0x1f200, 0x1f202], [0x1f210, 0x1f23b], [0x1f240, 0x1f248], [0x1f250, 0x1f251],
  [0x1f260, 0x1f265], [0x1f300, 0x1f320], [0x1f32d, 0x1f335], [0x1f337, 0x1f37c], [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca], [0x1f3cf, 0x1f3d3], [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440], [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a], [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f], [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7], [0x1f6dc, 0x1f6df], [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc], [0x1f7e0, 0x1f7eb], [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff], [0x1fa70, 0x1fa7c], [0x1fa80, 0x1fa89], [0x1fa8f, 0x1fac6], [0x1face, 0x1fadc],
  [0x1fadf, 0x1fae9], [0x1faf0, 0x1faf8], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid] as readonly [number, number];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff\u200b]$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

/**
 * Terminal columns of one code point: 0 for combining marks, format
 * characters (ZWJ, variation selectors…) and medial Hangul jamo, 2 for East
 * Asian wide/fullwidth characters and emoji, else 1. Control characters count
 * 1: code frames show them as Control Pictures.
 */
export function charWidth(cp: number): 0 | 1 | 2 {
  if (cp < 0x300) return 1;
  const ch = String.fromCodePoint(cp);
  if (ZERO_WIDTH.test(ch)) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Terminal columns of a string (no tabs or escape sequences expected); an emoji made wide by U+FE0F counts 2. */
export function stringWidth(text: string): number {
  let width = 0;
  const cps = [...text];
  for (let i = 0; i < cps.length; i++) width += cellWidth(cps, i);
  return width;
}

function cellWidth(cps: readonly string[], i: number): number {
  const ch = cps[i] as string;
  const cp = ch.codePointAt(0) ?? 0;
  const w = charWidth(cp);
  // A text-style pictograph followed by VARIATION SELECTOR-16 is drawn as a wide emoji.
  if (w === 1 && cps[i + 1] === '\ufe0f' && PICTOGRAPHIC.test(ch)) return 2;
  return w;
}

/** One displayed piece of a line: a code point, or a tab expanded to spaces. */
interface Cell {
  /** UTF-16 index of the code point in the line. */
  index: number;
  /** Display column (0-based) where the cell starts. */
  col: number;
  width: number;
  /** UTF-16 code units of the code point. */
  length: number;
  text: string;
}

function toCells(line: string, tabWidth: number): Cell[] {
  const cells: Cell[] = [];
  const cps = [...line];
  let index = 0;
  let col = 0;
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i] as string;
    const cp = ch.codePointAt(0) ?? 0;
    let text = ch;
    let width: number;
    if (ch === '\t') {
      width = tabWidth - (col % tabWidth);
      text = ' '.repeat(width);
    } else if (cp < 0x20 || cp === 0x7f) {
      text = String.fromCodePoint(cp === 0x7f ? 0x2421 : 0x2400 + cp);
      width = 1;
    } else if (cp >= 0x80 && cp < 0xa0) {
      text = '\ufffd';
      width = 1;
    } else {
      width = cellWidth(cps, i);
    }
    cells.push({ index, col, width, length: ch.length, text });
    index += ch.length;
    col += width;
  }
  return cells;
}

/** Display column of a UTF-16 index of the line; an index inside a cell (a surrogate pair) rounds to the cell's start, or its end when `roundUp`. */
function colOf(cells: readonly Cell[], total: number, index: number, roundUp: boolean): number {
  for (const c of cells) {
    if (index < c.index + c.length) return index === c.index || !roundUp ? c.col : c.col + c.width;
  }
  return total;
}

export interface CodeFrameOptions {
  /** Tab stops every this many columns (default 4). */
  tabWidth?: number;
  /** Most display columns of source text shown; longer lines are windowed around the span with `…` (default 100). */
  maxWidth?: number;
  /** Styles for the gutter; default no colour. */
  colors?: Colors;
  /** Style of the marker (e.g. the severity's colour); default none. */
  markerStyle?: Style;
}

/**
 * The frame of `position` in `source` (the file's text; a leading BOM is
 * ignored, as positions count after it): the span's first line with its line
 * number and a marker line under the span. A span over several lines is
 * marked from its start to the end of its first line. Returns the frame's
 * lines without newlines, or `[]` when the line is not in the source.
 */
export function codeFrame(source: string, position: Position, options: CodeFrameOptions = {}): string[] {
  const tabWidth = Math.max(1, options.tabWidth ?? 4);
  const maxWidth = Math.max(10, options.maxWidth ?? 100);
  const colors = options.colors ?? createColors(false);
  const markerStyle = options.markerStyle ?? ((s: string) => s);
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const index = new LineIndex(text);
  const lineNo = position.start.line;
  if (lineNo < 1 || lineNo > index.lineCount) return [];
  const line = index.lineText(lineNo);
  const cells = toCells(line, tabWidth);
  const last = cells[cells.length - 1];
  const total = last ? last.col + last.width : 0;

  const startIndex = Math.min(Math.max(0, position.start.column - 1), line.length);
  const endIndex = position.end.line === lineNo ? Math.min(Math.max(startIndex, position.end.column - 1), line.length) : line.length;
  const from = colOf(cells, total, startIndex, false);
  const to = Math.max(from + 1, colOf(cells, total, endIndex, true));

  // Window long lines around the start of the span.
  let shown = cells;
  let left = '';
  let right = '';
  let shift = 0;
  if (total > maxWidth) {
    const context = Math.floor(maxWidth / 4);
    let winStart = Math.max(0, Math.min(from - context, total + 1 - maxWidth));
    const leftCut = winStart > 0;
    const room = maxWidth - (leftCut ? 1 : 0);
    const rightCut = winStart + room < total;
    const winEnd = winStart + room - (rightCut ? 1 : 0);
    shown = cells.filter((c) => c.col >= winStart && c.col + c.width <= winEnd);
    const first = shown[0];
    winStart = first ? first.col : winStart;
    left = leftCut ? '…' : '';
    right = rightCut ? '…' : '';
    shift = winStart - left.length;
  }
  const visibleEnd = shown.length ? (shown[shown.length - 1] as Cell).col + (shown[shown.length - 1] as Cell).width - shift : left.length;
  const markFrom = Math.max(left.length, from - shift);
  const markTo = Math.max(markFrom + 1, Math.min(to - shift, right ? visibleEnd : Number.POSITIVE_INFINITY));
  const marker = `^${'~'.repeat(markTo - markFrom - 1)}`;

  const gutterWidth = String(lineNo).length;
  const sourceText = left + shown.map((c) => c.text).join('') + right;
  return [
    `${colors.dim(`${String(lineNo).padStart(gutterWidth)} |`)}${sourceText ? ` ${sourceText}` : ''}`,
    `${colors.dim(`${' '.repeat(gutterWidth)} |`)} ${' '.repeat(markFrom)}${markerStyle(marker)}`,
  ];
}
