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

/** The random edits the class and state mutators share. Each draws from `ri` as it always did. */
export type CommonEdit = 'drop-char' | 'drop-line' | 'repeat-line' | 'swap-lines';

export function commonEdit(edit: CommonEdit, s: string, ri: (n: number) => number): string {
  const lines = s.split('\n');
  switch (edit) {
    case 'drop-char': {
      const p = ri(s.length);
      return s.slice(0, p) + s.slice(p + 1);
    }
    case 'drop-line':
      lines.splice(ri(lines.length), 1);
      return lines.join('\n');
    case 'repeat-line': {
      const i = ri(lines.length);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'swap-lines': {
      if (lines.length < 2) return s;
      const i = ri(lines.length - 1);
      [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      return lines.join('\n');
    }
  }
}
