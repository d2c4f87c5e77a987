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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8, or returns null when they are not valid UTF-8. */
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
