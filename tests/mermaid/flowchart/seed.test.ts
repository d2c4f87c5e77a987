import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlowchart } from '../../../src/mermaid/flowchart/index.js';
import { SEED } from '../../helpers/paths.js';

/** The text of the ```mermaid fence whose first content line is `line` (1-based). */
function fenceAt(md: string, line: number): string {
  const lines = md.split('\n');
  const out: string[] = [];
  for (let i = line - 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.startsWith('```')) break;
    out.push(l);
  }
  return out.join('\n');
}

describe('seed fixture diagrams', () => {
  const md = readFileSync(SEED, 'utf8');
  const expected: [number, number, number][] = [
    [102, 35, 34],
    [142, 4, 3],
    [150, 10, 9],
    [164, 12, 11],
    [180, 12, 11],
  ];
  for (const [line, vertices, edges] of expected) {
    it(`diagram at line ${line}: ${vertices} vertices, ${edges} edges`, () => {
      const text = fenceAt(md, line);
      expect(text.startsWith('graph TD')).toBe(true);
      const r = parseFlowchart(text);
      expect(r.errors).toEqual([]);
      expect(r.graph.vertices).toHaveLength(vertices);
      expect(r.graph.edges).toHaveLength(edges);
      expect(r.graph.direction).toBe('TB');
      // every id span points at the id in the diagram text
      for (const v of r.graph.vertices) expect(text.slice(v.idSpan.start, v.idSpan.end)).toBe(v.id);
    });
  }
});
