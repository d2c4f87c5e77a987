/**
 * JavaScript's own regular-expression character classes, by code unit: what
 * mermaid's jison lexers match with `\s`, `\w`, `\b` and `.`. Shared by the
 * flowchart lexer and the fast recognisers.
 */

/** JavaScript's `\s` (also what `String.prototype.trim` removes). */
export function isWs(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Characters JavaScript's `.` does not match. */
export function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** `\w` (ASCII letters, digits, underscore): what `\b` looks at. */
export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
