import { describe, expect, test } from 'vitest';
import { charWidth, codeFrame, stringWidth } from '../../src/report/code-frame.js';
import { createColors } from '../../src/report/color.js';
import { find, span } from './helpers.js';

const frame = (text: string, needle: string, options = {}) => codeFrame(text, find(text, needle), options).join('\n');

describe('widths', () => {
  test('East Asian wide characters and emoji take two columns, marks none', () => {
    expect(charWidth('a'.codePointAt(0)!)).toBe(1);
    expect(charWidth('漢'.codePointAt(0)!)).toBe(2);
    expect(charWidth('한'.codePointAt(0)!)).toBe(2);
    expect(charWidth('ｶ'.codePointAt(0)!)).toBe(1); // halfwidth katakana
    expect(charWidth('Ａ'.codePointAt(0)!)).toBe(2); // fullwidth Latin
    expect(charWidth('😀'.codePointAt(0)!)).toBe(2);
    expect(charWidth(0x301)).toBe(0); // combining acute
    expect(charWidth(0x200d)).toBe(0); // ZWJ
    expect(stringWidth('e\u0301')).toBe(1);
    expect(stringWidth('日本語')).toBe(6);
    expect(stringWidth('❤\ufe0f')).toBe(2);
    expect(stringWidth('❤')).toBe(1);
    expect(stringWidth('👩‍💻')).toBe(4);
    expect(stringWidth('𠀋')).toBe(2); // astral CJK
  });
});

describe('codeFrame', () => {
  test('marks the span under the line, with the line number in a gutter', () => {
    const text = 'first\nA --> B\n';
    expect(frame(text, '-->')).toBe(['2 | A --> B', '  |   ^~~'].join('\n'));
  });

  test('an empty span gets a single caret, also past the end of the line', () => {
    const text = 'x\n  A -->\n';
    expect(codeFrame(text, span(text, 4)).join('\n')).toBe(['2 |   A -->', '  |   ^'].join('\n'));
    expect(codeFrame(text, span(text, 9)).join('\n')).toBe(['2 |   A -->', '  |        ^'].join('\n'));
  });

  test('the gutter is as wide as the line number', () => {
    const text = `${'\n'.repeat(11)}needle here\n`;
    expect(frame(text, 'here')).toBe(['12 | needle here', '   |        ^~~~'].join('\n'));
  });

  test('a span over several lines is marked to the end of its first line', () => {
    const text = 'a\nstart of it\nand more\n';
    const at = text.indexOf('of');
    expect(codeFrame(text, span(text, at, text.indexOf('more'))).join('\n')).toBe(['2 | start of it', '  |       ^~~~~'].join('\n'));
  });

  test('tabs expand to tab stops and the marker stays aligned', () => {
    const text = '\tA\t-->\tB\n';
    expect(frame(text, '-->')).toBe(['1 |     A   --> B', '  |         ^~~'].join('\n'));
    expect(frame(text, '-->', { tabWidth: 8 })).toBe(['1 |         A       -->     B', '  |                 ^~~'].join('\n'));
  });

  test('CJK characters count two columns', () => {
    const text = '漢字 --> 終わり\n';
    expect(frame(text, '終わり')).toBe(['1 | 漢字 --> 終わり', '  |          ^~~~~~'].join('\n'));
    expect(frame(text, '漢字')).toBe(['1 | 漢字 --> 終わり', '  | ^~~~'].join('\n'));
  });

  test('emoji (surrogate pairs, ZWJ sequences) count two columns each', () => {
    const text = 'A[😀 👩‍💻] --> B\n';
    expect(frame(text, '-->')).toBe(['1 | A[😀 👩‍💻] --> B', '  |            ^~~'].join('\n'));
    expect(frame(text, '😀')).toBe(['1 | A[😀 👩‍💻] --> B', '  |   ^~'].join('\n'));
  });

  test('CRLF and lone CR line endings are not shown', () => {
    const text = 'one\r\ntwo --> x\r\nthree\rfour\r\n';
    expect(frame(text, '-->')).toBe(['2 | two --> x', '  |     ^~~'].join('\n'));
    expect(frame(text, 'four')).toBe(['4 | four', '  | ^~~~'].join('\n'));
  });

  test('a BOM is not part of the first line (positions count after it)', () => {
    const body = 'A --> B\n';
    expect(codeFrame(`\ufeff${body}`, find(body, 'B')).join('\n')).toBe(['1 | A --> B', '  |       ^'].join('\n'));
  });

  test('control characters show as Control Pictures', () => {
    const text = 'a\u0000b\u001bc\n';
    expect(frame(text, 'c')).toBe(['1 | a␀b␛c', '  |     ^'].join('\n'));
  });

  test('long lines are windowed around the span with ellipses', () => {
    const text = `${'a'.repeat(200)}TARGET${'b'.repeat(200)}\n`;
    const lines = codeFrame(text, find(text, 'TARGET'), { maxWidth: 40 });
    expect(lines).toEqual([`1 | …${'a'.repeat(10)}TARGET${'b'.repeat(22)}…`, `  | ${' '.repeat(11)}^~~~~~`]);
    // Near the start: no left ellipsis.
    const head = codeFrame(text, span(text, 2, 4), { maxWidth: 40 });
    expect(head).toEqual([`1 | ${'a'.repeat(39)}…`, '  |   ^~']);
    // Near the end: no right ellipsis, the window ends with the line.
    const tail = codeFrame(text, span(text, text.length - 2, text.length - 1), { maxWidth: 40 });
    expect(tail).toEqual([`1 | …${'b'.repeat(39)}`, `  | ${' '.repeat(39)}^`]);
  });

  test('windowing respects wide characters', () => {
    const text = `${'漢'.repeat(100)}X${'字'.repeat(100)}\n`;
    const [src, marker] = codeFrame(text, find(text, 'X'), { maxWidth: 40 });
    expect(stringWidth(src!.slice(4))).toBeLessThanOrEqual(40);
    expect(src!.slice(4).startsWith('…')).toBe(true);
    expect(src!.slice(4).endsWith('…')).toBe(true);
    // The caret sits under the X.
    const caret = marker!.indexOf('^') - 4;
    const before = src!.slice(4, 4 + src!.slice(4).indexOf('X'));
    expect(caret).toBe(stringWidth(before));
  });

  test('a span running past a window is cut at its edge', () => {
    const text = `${'a'.repeat(10)}${'b'.repeat(300)}\n`;
    const [src, marker] = codeFrame(text, span(text, 10, 310), { maxWidth: 30 });
    expect(src).toBe(`1 | …${'a'.repeat(7)}${'b'.repeat(21)}…`);
    expect(marker).toBe(`  | ${' '.repeat(8)}^${'~'.repeat(20)}`);
  });

  test('a line outside the text has no frame', () => {
    expect(codeFrame('one\n', { start: { line: 5, column: 1, offset: 99 }, end: { line: 5, column: 1, offset: 99 } })).toEqual([]);
  });

  test('colours the gutter and the marker when asked', () => {
    const colors = createColors(true);
    const [src, marker] = codeFrame('A --> B\n', span('A --> B\n', 2, 5), { colors, markerStyle: colors.red });
    expect(src).toBe('\u001b[2m1 |\u001b[22m A --> B');
    expect(marker).toBe('\u001b[2m  |\u001b[22m   \u001b[31m^~~\u001b[39m');
  });
});
