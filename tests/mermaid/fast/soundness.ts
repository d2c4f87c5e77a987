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
