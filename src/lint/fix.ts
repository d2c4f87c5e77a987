import type { TextEdit } from './types.js';

const overlaps = (a: TextEdit, b: TextEdit): boolean =>
  a.start < b.end && b.start < a.end ? true : a.start === b.start && (a.start === a.end || b.start === b.end);

/**
 * Applies fixes (each a group of edits taken together or not at all) to a
 * text. A fix that overlaps one already taken is left for the next pass, as
 * ESLint does. Returns the new text and how many fixes were applied.
 */
export function applyFixes(text: string, fixes: readonly (readonly TextEdit[])[]): { output: string; applied: number; deferred: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  let deferred = 0;
  const ordered = [...fixes].sort((a, b) => Math.min(...a.map((e) => e.start)) - Math.min(...b.map((e) => e.start)));
  for (const fix of ordered) {
    if (fix.some((e) => taken.some((t) => overlaps(e, t)))) {
      deferred++;
      continue;
    }
    taken.push(...fix);
    applied++;
  }
  taken.sort((a, b) => b.start - a.start);
  let output = text;
  for (const e of taken) output = output.slice(0, e.start) + e.text + output.slice(e.end);
  return { output, applied, deferred };
}
