import { describe, expect, it } from 'vitest';
import { parseFlowchart, printFlowchart, type FlowGraph } from '../../src/mermaid/flowchart/index.js';
import { extract } from '../../src/transform/extract.js';
import { readFileSync } from 'node:fs';
import { parseDocument } from '../../src/model/document.js';
import { toFlowGraph } from '../../src/model/flowchart.js';
import { SEED } from '../helpers/paths.js';

const parse = (t: string): FlowGraph => {
  const r = parseFlowchart(t);
  expect(r.errors).toEqual([]);
  return r.graph;
};
const ids = (g: FlowGraph): string[] => g.vertices.map((v) => v.id);

describe('extract', () => {
  const model = parseDocument(readFileSync(SEED, 'utf8'), { path: SEED });
  const overview = toFlowGraph(model.diagrams[0]!.flowchart!);

  it('takes the subtree under a node of the seed overview (by label or id)', () => {
    const g = extract(overview, { node: 'Model Deployment' });
    expect(ids(g)).toEqual(['F', 'F1', 'F2', 'F3', 'F4']);
    expect(g.edges).toHaveLength(4);
    expect(extract(overview, { node: 'F' })).toEqual(g);
  });

  it('limits the depth and follows edges up or both ways', () => {
    expect(ids(extract(overview, { node: 'B', depth: 1 }))).toEqual(['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
    expect(ids(extract(overview, { node: 'Docker', direction: 'up' }))).toEqual(['A', 'B', 'F', 'F1']);
    expect(ids(extract(overview, { node: 'Docker', direction: 'up', depth: 1 }))).toEqual(['F', 'F1']);
    expect(ids(extract(overview, { node: 'F', direction: 'both', depth: 1 }))).toEqual(['B', 'F', 'F1', 'F2', 'F3', 'F4']);
    expect(ids(extract(overview, { node: 'F', depth: 0 }))).toEqual(['F']);
  });

  it('keeps the classDefs, styles, link styles and subgraphs its nodes and edges use', () => {
    const g = parse(
      [
        'flowchart LR',
        '  subgraph S[Box]',
        '    a[One]:::hot --> b[Two]',
        '  end',
        '  b --> c[Three]',
        '  x --> a',
        '  classDef hot fill:red',
        '  classDef cold fill:blue',
        '  class x cold',
        '  style b stroke:green',
        '  linkStyle 1 stroke:orange',
      ].join('\n'),
    );
    const part = extract(g, { node: 'One' });
    expect(ids(part)).toEqual(['a', 'b', 'c']);
    expect(part.classDefs).toEqual({ hot: ['fill:red'] });
    // mermaid lists the members in its own order (b before a here)
    expect(part.subgraphs.map((s) => [s.id, s.nodes])).toEqual([['S', ['b', 'a']]]);
    expect(part.vertices.find((v) => v.id === 'b')?.styles).toEqual(['stroke:green']);
    const printed = printFlowchart(part);
    expect(printed).toContain('linkStyle 1 stroke:orange');
    const again = parseFlowchart(printed);
    expect(again.errors).toEqual([]);
    expect(printFlowchart(again.graph)).toBe(printed);
  });

  it('reports an unknown node, an ambiguous label and a bad depth', () => {
    expect(() => extract(overview, { node: 'Nope' })).toThrow(/no node `Nope`/);
    expect(() => extract(parse('flowchart TB\n  a[X] --> b[X]'), { node: 'X' })).toThrow(/ambiguous/);
    expect(() => extract(overview, { node: 'A', depth: -1 })).toThrow(/depth/);
  });
});
