import { describe, expect, it } from 'vitest';
import { detectDiagramType } from '../../../src/mermaid/detect.js';
import { validateDiagram, validatorFor } from '../../../src/mermaid/validate/index.js';
import { CASES } from './cases.js';
import { oracleParse } from './oracle.js';

const rows = Object.entries(CASES).flatMap(([group, texts]) => texts.map((t) => [group, JSON.stringify(t), t] as const));

describe('validateDiagram verdict equals mermaid.parse', () => {
  it.each(rows)('%s: %s', async (_group, _name, text) => {
    const detected = detectDiagramType(text);
    const problems = await validateDiagram(text, detected);
    const oracle = await oracleParse(text);
    if (process.env['SHOW_PROBLEMS']) {
      console.log(JSON.stringify(text), detected.type, validatorFor(detected.type ?? ''), oracle === true ? 'OK' : oracle.message.split('\n')[0], JSON.stringify(problems.map((p) => ({ ...p, at: text.slice(p.span.start, p.span.end) }))));
    }
    expect(problems.length === 0, oracle === true ? 'mermaid accepts' : `mermaid rejects: ${oracle.message}`).toBe(oracle === true);
    for (const p of problems) {
      expect(p.message).not.toMatch(/\n/);
      expect(p.span.start).toBeGreaterThanOrEqual(0);
      expect(p.span.end).toBeGreaterThanOrEqual(p.span.start);
      expect(p.span.end).toBeLessThanOrEqual(text.length);
    }
  });
});
