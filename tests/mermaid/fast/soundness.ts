import { expect } from 'vitest';
import { oracleVerdict } from '../validate/oracle.js';

/**
 * Runs a fast recogniser over diagrams with mermaid as the oracle: fails on any
 * text it accepts and mermaid rejects, and counts what both accept (coverage).
 */
export async function corpusSoundness(
  diagrams: readonly { file: string; source: string }[],
  accepts: (text: string) => boolean,
  name: string,
): Promise<{ accepted: number; mermaidAccepted: number }> {
  let accepted = 0;
  let mermaidAccepted = 0;
  for (const { file, source } of diagrams) {
    const theirs = await oracleVerdict(source);
    if (theirs === true) mermaidAccepted++;
    if (accepts(source)) {
      accepted++;
      expect(theirs, `${name}: false accept in ${file}: ${JSON.stringify(source)}`).toBe(true);
    }
  }
  return { accepted, mermaidAccepted };
}

/**
 * The random edits the class and state mutators share, by number: 0 drops a
 * character, 1 drops a line, 2 repeats a line. Draws from `ri` as they always did.
 */
export function commonEdit(kind: 0 | 1 | 2, s: string, ri: (n: number) => number): string {
  const lines = s.split('\n');
  if (kind === 0) {
    const p = ri(s.length);
    return s.slice(0, p) + s.slice(p + 1);
  }
  if (kind === 1) {
    lines.splice(ri(lines.length), 1);
    return lines.join('\n');
  }
  const i = ri(lines.length);
  lines.splice(i, 0, lines[i]!);
  return lines.join('\n');
}
