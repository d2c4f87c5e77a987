import { describe, expect, test } from 'vitest';
import { createColors, shouldUseColor, stripAnsi } from '../../src/report/color.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('shouldUseColor', () => {
  test('follows the stream without environment overrides', () => {
    expect(shouldUseColor(tty, {})).toBe(true);
    expect(shouldUseColor(pipe, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
  });

  test('NO_COLOR set and non-empty turns colour off', () => {
    expect(shouldUseColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: 'anything' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: '' })).toBe(true);
  });

  test('FORCE_COLOR=0 turns colour off, any other value on, over NO_COLOR and the stream', () => {
    expect(shouldUseColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '3' })).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(shouldUseColor(tty, { FORCE_COLOR: '0', NO_COLOR: '' })).toBe(false);
  });
});

describe('createColors', () => {
  test('wraps text in SGR sequences only when enabled', () => {
    const on = createColors(true);
    const off = createColors(false);
    expect(on.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(on.bold(on.underline('x'))).toBe('\u001b[1m\u001b[4mx\u001b[24m\u001b[22m');
    expect(on.red('')).toBe('');
    expect(off.red('x')).toBe('x');
    expect(stripAnsi(on.yellow(on.dim('a')) + on.blue('b'))).toBe('ab');
  });
});
