/**
 * Windows-1252 / Latin-1 helpers for recognising UTF-8 text that was decoded
 * with the wrong charset ("mojibake": `â€”` for `—`).
 */

/** Unicode code points of Windows-1252 bytes 0x80–0x9F; -1 where the byte is undefined. */
const HIGH = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017d, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, -1, 0x017e, 0x0178,
];

const REVERSE = new Map<number, number>();
HIGH.forEach((cp, i) => {
  if (cp >= 0) REVERSE.set(cp, 0x80 + i);
});

/** Bytes 0x80–0x9F that Windows-1252 leaves undefined (decoders drop or replace them). */
export const UNDEFINED_CP1252_BYTES: readonly number[] = HIGH.flatMap((cp, i) => (cp < 0 ? [0x80 + i] : []));

/**
 * The byte a character came from if the text was decoded as Windows-1252
 * (falling back to Latin-1 for C1 controls), or -1 when no byte gives it.
 */
export function cp1252Byte(codePoint: number): number {
  if (codePoint < 0x80) return codePoint;
  if (codePoint >= 0xa0 && codePoint <= 0xff) return codePoint;
  if (codePoint >= 0x80 && codePoint <= 0x9f) return codePoint; // Latin-1 decoding of a C1 byte
  return REVERSE.get(codePoint) ?? -1;
}

/** Number of bytes a UTF-8 sequence starting with `lead` has, or 0 when `lead` cannot start one. */
export function utf8SequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** True for a UTF-8 continuation byte. */
export function isContinuationByte(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

// ignoreBOM: a byte-order mark among the bytes is text to keep, not a signature to drop.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8 (keeping a byte-order mark), or returns null when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * True when `token` looks like an emoji or symbol whose UTF-8 bytes were decoded
 * as Windows-1252: every character maps back to a byte, the first is a lead
 * byte of a 3- or 4-byte sequence (symbols and emoji) and the rest are
 * continuation bytes. Sequences that lost an undefined byte count too.
 */
export function isMojibakeSymbol(token: string): boolean {
  if (token.length < 2) return false;
  const first = cp1252Byte(token.codePointAt(0) ?? 0);
  if (first < 0xe2 || utf8SequenceLength(first) < 3) return false;
  for (let i = 1; i < token.length; i++) {
    const b = cp1252Byte(token.charCodeAt(i));
    if (b < 0) return false;
    // A later sequence may start inside the token (emoji + variation selector).
    if (!isContinuationByte(b) && utf8SequenceLength(b) < 3) return false;
  }
  return true;
}

/** How plausible a decoded character is as the original of mojibake. */
type Plausibility =
  /** Distinctive on its own: Latin-1 and Latin Extended-A letters, punctuation, symbols, emoji. */
  | 'strong'
  /** Letters of other scripts (Greek, Cyrillic, CJK…): alone, only from telling bytes. */
  | 'weak'
  /** A variation selector: only right after an emoji. */
  | 'selector'
  /** A combining accent (decomposed text): only right after a letter. */
  | 'mark';

const UNLIKELY = /[\p{Cc}\p{Cn}\p{Co}\p{Cs}]/u;
const EMOJI = /\p{Emoji}/u;
const LETTER = /\p{L}/u;
const CAPITAL = /\p{Lu}/u;

/**
 * Windows-1252 bytes of characters that follow letters in ordinary text: no-break
 * space, guillemets, quotes, dashes, ellipsis, bullet, ™, °, ·.
 */
const TYPOGRAPHIC = new Set([0xa0, 0xab, 0xbb, 0x82, 0x84, 0x85, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x9b, 0xb0, 0xb7]);

/**
 * How plausible `char` (one code point) is as the original text, or null when
 * it cannot be: controls, unassigned and private-use code points, and the
 * Latin Extended-B / IPA block, which is what an accented capital followed by
 * a curly quote (`É’`) would decode to.
 */
function plausibility(char: string): Plausibility | null {
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0xa0 || UNLIKELY.test(char)) return null;
  if (cp >= 0x0180 && cp <= 0x02ff) return null;
  if (cp >= 0x0300 && cp <= 0x036f) return 'mark';
  if (cp === 0xfe0e || cp === 0xfe0f) return 'selector';
  if (cp >= 0xfe00 && cp <= 0xfe1f) return null; // other selectors, vertical forms
  if (cp <= 0x017f || cp === 0xfeff) return 'strong';
  if (cp >= 0x2000 && cp <= 0x2bff && !(cp >= 0x2800 && cp <= 0x28ff)) return 'strong'; // not Braille
  if (cp >= 0x1f000 && cp <= 0x1faff) return 'strong';
  return 'weak';
}

/** One UTF-8 sequence found decoded as Windows-1252 / Latin-1. */
interface Sequence {
  start: number;
  end: number;
  /** Bytes recovered from the characters. */
  bytes: number[];
  /** Number of bytes the sequence lacks (lost in decoding). */
  lost: number;
  /** What the sequence may have been: one string when it is complete. */
  candidates: string[];
  /** Damage on its own, without other sequences beside it. */
  strong: boolean;
}

/** A maximal run of damaged text. */
export interface MojibakeRun {
  /** Offsets `[start, end)` of the damaged text. */
  start: number;
  end: number;
  /** The damaged text as it stands. */
  text: string;
  /** The original text when every byte was recovered; null when bytes were lost. */
  repair: string | null;
  /** When bytes were lost: what the text may have been (empty when there are too many possibilities). */
  candidates: string[];
  /** Number of bytes lost in decoding. */
  lostBytes: number;
  /** The charset the UTF-8 bytes were read as. */
  charset: 'Windows-1252' | 'Latin-1';
  /** How many times the text went through the wrong decoding (2 for double-encoded text). */
  passes: number;
}

/** At most this many possible originals are named; more means the text must be retyped. */
const MAX_CANDIDATES = 3;
const MAX_COMBINATIONS = 256;

/** Byte lists of length `n` keeping `present` in order (lead first) and filling the gaps with undefined bytes. */
function fillLost(present: number[], n: number): number[][] {
  const out: number[][] = [];
  const walk = (acc: number[], rest: number): void => {
    if (acc.length === n) {
      if (rest === present.length) out.push(acc);
      return;
    }
    const next = present[rest];
    if (next !== undefined) walk([...acc, next], rest + 1);
    // The lead is always present (no lead byte is undefined in Windows-1252).
    if (acc.length > 0 && n - acc.length > present.length - rest) {
      for (const b of UNDEFINED_CP1252_BYTES) walk([...acc, b], rest);
    }
  };
  walk([], 0);
  return out;
}

/** Parses the sequence whose lead character is at `i`, or returns null. */
function parseSequence(text: string, i: number): Sequence | null {
  const lead = cp1252Byte(text.charCodeAt(i));
  const n = utf8SequenceLength(lead);
  if (n === 0) return null;
  const bytes = [lead];
  let j = i + 1;
  while (bytes.length < n && j < text.length) {
    const b = cp1252Byte(text.charCodeAt(j));
    if (!isContinuationByte(b)) break;
    bytes.push(b);
    j++;
  }
  if (bytes.length === n) {
    const s = decodeUtf8Strict(Uint8Array.from(bytes));
    const p = s === null ? null : plausibility(s);
    if (s === null || p === null) return null;
    const capitalBefore = CAPITAL.test(text.charAt(i - 1));
    if (p === 'weak' || p === 'mark') {
      // Another script's letter (or an accent) is telling on its own only where the bytes are not
      // what follows a word ending in an accented letter: French spacing (`é »`), quotes, dashes
      // (`ß“`, `AQUÍ”`), and not after a capital (`NAÏ…`).
      const telling = bytes.slice(1).some((b) => !TYPOGRAPHIC.has(b)) && !(n === 2 && capitalBefore);
      return { start: i, end: j, bytes, lost: 0, candidates: [s], strong: telling };
    }
    // `Ä` and `Å` end capitalised words ("PÅ”"): after a capital, Latin Extended-A is not telling.
    return { start: i, end: j, bytes, lost: 0, candidates: [s], strong: !((lead === 0xc4 || lead === 0xc5) && capitalBefore) };
  }
  // A lone lead (`Ã` in "SÃO") is ordinary text: at least one continuation byte must follow.
  if (bytes.length < 2) return null;
  const candidates = new Set<string>();
  for (const filled of fillLost(bytes, n)) {
    const s = decodeUtf8Strict(Uint8Array.from(filled));
    if (s !== null && plausibility(s) !== null) candidates.add(s);
  }
  if (candidates.size === 0) return null;
  const someStrong = [...candidates].some((c) => plausibility(c) !== 'weak');
  // Alone, a truncated sequence is damage only when it is one of the telltale
  // prefixes: `â€` (general punctuation, mostly `”`) or `ðŸ` (emoji), or has 3 bytes.
  const telltale = bytes.length >= 3 || (bytes[0] === 0xe2 && bytes[1] === 0x80) || (bytes[0] === 0xf0 && bytes[1] === 0x9f);
  return { start: i, end: j, bytes, lost: n - bytes.length, candidates: [...candidates], strong: someStrong && telltale };
}

/** Keeps the candidates that fit after `before` (the possible preceding characters). */
function fitting(candidates: string[], before: string[]): string[] {
  return candidates.filter((c) => {
    const p = plausibility(c);
    if (p === 'selector') return before.some((b) => EMOJI.test(lastChar(b)));
    if (p === 'mark') return before.some((b) => LETTER.test(lastChar(b)));
    return true;
  });
}

function lastChar(s: string): string {
  const chars = [...s];
  return chars[chars.length - 1] ?? '';
}

/** Possible originals of a run of sequences: combinations whose selectors and marks follow what they need. */
function combinations(seqs: Sequence[], before: string): string[] | null {
  let combos = [''];
  for (const seq of seqs) {
    const next: string[] = [];
    for (const prefix of combos) {
      const prev = prefix === '' ? before : prefix;
      for (const c of fitting(seq.candidates, [prev])) next.push(prefix + c);
    }
    if (next.length > MAX_COMBINATIONS) return null;
    combos = next;
  }
  return [...new Set(combos)];
}

function charsetOf(text: string): 'Windows-1252' | 'Latin-1' {
  let c1 = false;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp >= 0x80 && cp <= 0x9f) c1 = true;
    else if (cp > 0xff) return 'Windows-1252';
  }
  return c1 ? 'Latin-1' : 'Windows-1252';
}

/**
 * Finds text that is UTF-8 decoded as Windows-1252 or Latin-1: maximal runs
 * of characters whose bytes form UTF-8 multi-byte sequences (`â€”` for `—`,
 * `ðŸ§®` for `🧮`). Sequences that lost a byte Windows-1252 leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) count too, with the characters they may have
 * been. For precision, a run is reported only when it decodes to plausible
 * text: a lone lead (`Ã` in "SÃO"), an accented capital before a curly quote
 * (`É’`) or a single CJK character from French spacing (`é »`) are not.
 */
export function findMojibake(text: string): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  let group: Sequence[] = [];
  const flush = (): void => {
    if (group.length > 0) {
      const run = toRun(text, group);
      if (run) runs.push(run);
    }
    group = [];
  };
  let i = 0;
  while (i < text.length) {
    const seq = parseSequence(text, i);
    if (!seq) {
      i++;
      continue;
    }
    const last = group[group.length - 1];
    if (last && last.end !== seq.start) flush();
    const prev = group.length > 0 ? group[group.length - 1]!.candidates : [text.slice(Math.max(0, i - 2), i)];
    const candidates = fitting(seq.candidates, prev);
    if (candidates.length === 0) {
      flush();
      i++;
      continue;
    }
    group.push({ ...seq, candidates });
    i = seq.end;
  }
  flush();
  return runs;
}

function toRun(text: string, seqs: Sequence[]): MojibakeRun | null {
  const bytes = seqs.reduce((n, s) => n + s.bytes.length, 0);
  const exact = seqs.some((s) => s.lost === 0);
  const accepted = seqs.some((s) => s.strong) || (seqs.length >= 2 && (exact || bytes >= 4));
  if (!accepted) return null;
  const first = seqs[0]!;
  const start = first.start;
  const end = seqs[seqs.length - 1]!.end;
  const damaged = text.slice(start, end);
  const lostBytes = seqs.reduce((n, s) => n + s.lost, 0);
  const before = text.slice(Math.max(0, start - 2), start);
  const combos = combinations(seqs, before);
  if (combos !== null && combos.length === 0) return null;
  const charset = charsetOf(damaged);
  if (lostBytes === 0) {
    let repair = seqs.map((s) => s.candidates[0]).join('');
    let passes = 1;
    // Double-encoded text decodes to mojibake again: repair it all the way.
    for (let k = 0; k < 2; k++) {
      const again = findMojibake(repair);
      const only = again[0];
      if (again.length !== 1 || !only || only.start !== 0 || only.end !== repair.length || only.repair === null) break;
      repair = only.repair;
      passes += only.passes;
    }
    return { start, end, text: damaged, repair, candidates: [], lostBytes, charset, passes };
  }
  const candidates = combos && combos.length <= MAX_CANDIDATES ? combos : [];
  return { start, end, text: damaged, repair: null, candidates, lostBytes, charset, passes: 1 };
}
