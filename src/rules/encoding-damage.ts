import type { ReportDescriptor } from '../lint/types.js';
import { defineRule } from '../lint/types.js';
import { LineIndex } from '../markdown/lines.js';
import { findMojibake, type MojibakeRun } from '../text/cp1252.js';
import { ruleDocs } from './docs.js';

/** Shows invisible characters of a message's quoted text as `\uXXXX` escapes. */
function visible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zs}\u00ad]|^\p{M}/gu, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** The code point just before `offset`. */
function precedingChar(text: string, offset: number): string {
  const low = text.charCodeAt(offset - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1;
  return start >= 0 ? text.slice(start, offset) : '';
}

/** Message and fix for one damaged run. */
function describe(run: MojibakeRun, text: string): Pick<ReportDescriptor, 'message' | 'fix'> {
  // A repair that starts with a combining mark or variation selector (`️⃣` of `1️⃣`) is quoted with the character it belongs to.
  const before = /^\p{M}/u.test(run.repair ?? run.candidates[0] ?? '') ? precedingChar(text, run.start) : '';
  const q = (s: string): string => `\`${visible(before + s)}\``;
  const damaged = q(run.text);
  const how = `UTF-8 read as ${run.charset}${run.passes > 1 ? `, ${run.passes} times` : ''}`;
  const head = 'Text decoded with the wrong charset:';
  if (run.repair !== null) {
    // A byte-order mark read as text is no text to restore: it goes.
    const restored = run.repair.replace(/\ufeff/g, '');
    const fix = [{ start: run.start, end: run.end, text: restored }];
    if (restored === '') return { message: `${head} ${damaged} is a byte-order mark (${how}); remove it`, fix };
    return { message: `${head} ${damaged} should be ${q(restored)} (${how})`, fix };
  }
  const lost = run.lostBytes === 1 ? 'a byte was lost' : `${run.lostBytes} bytes were lost`;
  const [only, ...others] = run.candidates;
  if (only !== undefined && others.length === 0) {
    return { message: `${head} ${damaged} was probably ${q(only)}, but ${lost} in decoding (${how}); retype it` };
  }
  if (only !== undefined) {
    const list = run.candidates.map(q).join(' or ');
    return { message: `${head} ${damaged} was ${list}, but ${lost} in decoding (${how}); retype it` };
  }
  return { message: `${head} ${damaged} cannot be repaired: ${lost} in decoding (${how}); retype the original text` };
}

/**
 * UTF-8 text decoded as Windows-1252 or Latin-1 (mojibake), anywhere in the
 * file. Fixed where every byte was recovered; where Windows-1252 dropped a byte
 * it leaves undefined, the finding says what the text probably was.
 */
export const encodingDamage = defineRule<Record<string, never>>({
  meta: {
    id: 'encoding-damage',
    description: 'Reports UTF-8 text that was decoded as Windows-1252 or Latin-1, such as `â€”` for `—`, and restores it where no byte was lost.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docs: ruleDocs('encoding-damage'),
    defaultOptions: {},
  },
  check(context) {
    const runs = findMojibake(context.text);
    if (runs.length === 0) return;
    const lines = new LineIndex(context.text);
    for (const run of runs) {
      context.report({ ...describe(run, context.text), position: { start: lines.point(run.start), end: lines.point(run.end) } });
    }
  },
});
