import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSource, firstInvalidUtf8, readSourceFile, SourceError } from '../../src/source/read.js';
import { fixture } from '../helpers/paths.js';

const errorOf = (fn: () => unknown): SourceError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SourceError) return e;
    throw e;
  }
  throw new Error('expected a SourceError');
};

describe('readSourceFile', () => {
  it('reads UTF-8 text, keeping a BOM for the model to see', () => {
    expect(readSourceFile(fixture('edge', 'bom.md')).charCodeAt(0)).toBe(0xfeff);
    expect(readSourceFile(fixture('edge', 'empty.md'))).toBe('');
  });

  it('names the file and position of a NUL byte in a binary file', () => {
    expect(errorOf(() => readSourceFile(fixture('edge', 'binary.md'))).format()).toBe(
      `${fixture('edge', 'binary.md')}:3:1: binary file (NUL byte), expected UTF-8 text`,
    );
  });

  it('names the line and column of the first byte that is not UTF-8', () => {
    const e = errorOf(() => readSourceFile(fixture('edge', 'invalid-utf8.md')));
    expect([e.line, e.column]).toEqual([3, 4]);
    expect(e.message).toContain('0xE9');
  });

  it('reports a missing file, a directory and a symlink loop in one line each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-read-'));
    expect(errorOf(() => readSourceFile(join(dir, 'nope.md'))).message).toBe('no such file');
    expect(errorOf(() => readSourceFile(dir)).message).toBe('is a directory, expected a file');
    symlinkSync(join(dir, 'loop-b.md'), join(dir, 'loop-a.md'));
    symlinkSync(join(dir, 'loop-a.md'), join(dir, 'loop-b.md'));
    expect(errorOf(() => readSourceFile(join(dir, 'loop-a.md'))).message).toBe('too many levels of symbolic links');
  });

  it('accepts tabs and CRLF as ordinary text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-read-'));
    writeFileSync(join(dir, 't.md'), '#\tTitle\r\n');
    expect(readSourceFile(join(dir, 't.md'))).toBe('#\tTitle\r\n');
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x61, 0x62], -1],
    [[0xe2, 0x80, 0x94], -1],
    [[0x61, 0xc0, 0x80], 1],
    [[0xed, 0xa0, 0x80], 0],
    [[0xf0, 0x9f, 0xa7], 0],
    [[0x61, 0xff], 1],
  ])('%j → %i', (bytes, index) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(index);
  });

  it('refuses exactly the byte strings the strict decoder refuses, at the first byte the decoder cannot take', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xe2, 0x80, 0x94, 0xed, 0xa0, 0xf0, 0x9f, 0xf4, 0x90, 0xc2)), { maxLength: 24 });
    fc.assert(
      fc.property(bytes, (list) => {
        const b = Uint8Array.from(list);
        let ok = true;
        try {
          strict.decode(b);
        } catch {
          ok = false;
        }
        const bad = firstInvalidUtf8(b);
        expect(bad === -1).toBe(ok);
        // Everything before the reported byte decodes.
        if (bad > 0) expect(() => strict.decode(b.subarray(0, bad))).not.toThrow();
      }),
      { numRuns: 5000, seed: 3 },
    );
  });

  it('agrees with a strict decoder on the seed', () => {
    const bytes = readFileSync(fixture('000_307887c9c13ce1ed.md'));
    expect(firstInvalidUtf8(bytes)).toBe(-1);
    expect(decodeSource(bytes, 'seed')).toBe(bytes.toString('utf8'));
  });
});
