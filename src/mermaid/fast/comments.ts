import { isWs } from '../js-chars.js';

const PERCENT = 37;
const LBRACE = 123;
const NL = 10;

/**
 * Removes whole-line `%%` comments the way mermaid's comment clean-up
 * (`/^\s*%%(?!{)[^\n]+\n?/gm`) does: a match starts at a line start, spans any
 * whitespace (blank lines included), then `%%` not followed by `{`, at least
 * one more character, the rest of the line and its newline. Shared by the
 * fast recognisers; mermaid's `trimStart` afterwards is the caller's.
 */
export function removeCommentLines(text: string): string {
  if (text.indexOf('%%') < 0) return text;
  const n = text.length;
  let out = '';
  let copied = 0;
  let i = 0; // a line start
  while (i < n) {
    let q = i;
    while (q < n && isWs(text.charCodeAt(q))) q++;
    if (
      q + 2 < n &&
      text.charCodeAt(q) === PERCENT &&
      text.charCodeAt(q + 1) === PERCENT &&
      text.charCodeAt(q + 2) !== LBRACE &&
      text.charCodeAt(q + 2) !== NL
    ) {
      const e = text.indexOf('\n', q);
      const end = e < 0 ? n : e + 1;
      out += text.slice(copied, i);
      copied = end;
      i = end;
      continue;
    }
    // every line start up to q reaches the same q and fails: go to the line after q
    const e = text.indexOf('\n', q);
    if (e < 0) break;
    i = e + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
