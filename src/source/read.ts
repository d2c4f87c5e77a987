import { readFileSync, statSync } from 'node:fs';

/**
 * A problem with an input file that stops it from being read: the CLI prints
 * it as one line, `file:line:column: message`, and exits 2.
 */
export class SourceError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;

  constructor(file: string, message: string, line = 1, column = 1) {
    super(message);
    this.name = 'SourceError';
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** `file:line:column: message` */
  format(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** How many leading bytes are checked for NUL, as git does to call a file binary. */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Reads a text file as UTF-8. Throws {@link SourceError} for a missing file, a
 * directory, a binary file or bytes that are not UTF-8, naming where.
 */
export function readSourceFile(file: string): string {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new SourceError(file, 'is a directory, expected a file');
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError(file, describeIoError(err));
  }
  return decodeSource(bytes, file);
}

/** Decodes file bytes as UTF-8, rejecting binary data and invalid sequences with their position. */
export function decodeSource(bytes: Uint8Array, file: string): string {
  const nul = bytes.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul >= 0) {
    const { line, column } = lineColumnOfByte(bytes, nul);
    throw new SourceError(file, 'binary file (NUL byte), expected UTF-8 text', line, column);
  }
  try {
    // The native decoder checks the bytes; where it refuses them, find the first bad byte for the message.
    return strictUtf8.decode(bytes);
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(bytes));
    const { line, column } = lineColumnOfByte(bytes, bad);
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new SourceError(file, `invalid UTF-8 (byte 0x${hex}), expected UTF-8 text; re-save the file as UTF-8`, line, column);
  }
}

// ignoreBOM: a byte-order mark is kept as text (the model records and strips it).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function describeIoError(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a directory, expected a file';
    default:
      return `cannot read file${code ? ` (${code})` : ''}`;
  }
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (d < min || d > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset, for error messages. */
function lineColumnOfByte(b: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (b[i] === 10 || (b[i] === 13 && b[i + 1] !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(b.subarray(lineStart, index));
  return { line, column: prefix.length + 1 };
}
