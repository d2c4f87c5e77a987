import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlowchart, printFlowchart, type FlowGraph } from '../../src/mermaid/flowchart/index.js';
import { parseDocument } from '../../src/model/document.js';
import { toFlowGraph } from '../../src/model/flowchart.js';
import { merge } from '../../src/transform/merge.js';
import { SEED } from '../helpers/paths.js';

function seedGraphs(): FlowGraph[] {
  const model = parseDocument(readFileSync(SEED, 'utf8'), { path: SEED });
  return model.diagrams.map((d) => toFlowGraph(d.flowchart!));
}

/** Labels (sorted) and edges as label pairs (sorted): a graph up to ids and order. */
function byLabels(g: FlowGraph): { labels: string[]; edges: string[] } {
  const label = new Map(g.vertices.map((v) => [v.id, v.text]));
  return {
    labels: g.vertices.map((v) => v.text).sort(),
    edges: g.edges.map((e) => `${label.get(e.start)} -> ${label.get(e.end)}`).sort(),
  };
}

/** The five labels the small diagrams spell differently from the overview. */
const DRIFT: [overview: string, small: string][] = [
  ['Learn Machine Learning Life Cycle', 'Machine Learning Life Cycle'],
  ['Master MLOps Fundamentals', 'MLOps Fundamentals'],
  ['Experiment Tracking with MLflow', 'Experiment Tracking - MLflow'],
  ['Data & Model Versioning with DVC', 'Data & Model Versioning - DVC'],
  ['ELK Stack/OpenSearch', 'ELK Stack / OpenSearch'],
];

/** Replaces the small diagrams' spellings by the overview's. */
function toOverviewSpelling(x: { labels: string[]; edges: string[] }): { labels: string[]; edges: string[] } {
  const fix = (s: string): string => {
    for (const [o, sm] of DRIFT) if (s === sm) return o;
    return s;
  };
  return {
    labels: x.labels.map(fix).sort(),
    edges: x.edges.map((e) => e.split(' -> ').map(fix).join(' -> ')).sort(),
  };
}

describe('merge on the seed', () => {
  const graphs = seedGraphs();
  const overview = graphs[0]!;
  const small = graphs.slice(1, 5);

  it('merges the four small diagrams into the overview, up to the five drifted labels and ids', () => {
    const r = merge(small);
    expect(r.graph.vertices).toHaveLength(35);
    expect(r.graph.edges).toHaveLength(34);
    expect(r.conflicts).toEqual([]);
    const got = byLabels(r.graph);
    const want = byLabels(overview);
    expect(got).not.toEqual(want);
    expect(toOverviewSpelling(got)).toEqual(want);
    // exactly five labels differ
    const differ = got.labels.filter((l) => !want.labels.includes(l));
    expect(differ.sort()).toEqual(DRIFT.map(([, s]) => s).sort());
  });

  it('gives readable, collision-free ids from the labels', () => {
    const r = merge(small);
    const ids = r.graph.vertices.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('mlops_fundamentals');
    expect(ids).toContain('python_for_mlops');
    expect(r.idMap[0]).toMatchObject({ A: 'machine_learning_life_cycle', B: 'mlops_fundamentals' });
    expect(r.idMap[2]?.['A']).toBe('mlops_fundamentals');
    const printed = printFlowchart(r.graph);
    const again = parseFlowchart(printed);
    expect(again.errors).toEqual([]);
    expect(byLabels(again.graph)).toEqual(byLabels(r.graph));
    expect(printFlowchart(again.graph)).toBe(printed);
  });

  it('merging all five reports exactly the five drifted labels; prefer: 0 gives the overview', () => {
    const r = merge(graphs.slice(0, 5), { policy: { prefer: 0 } });
    expect(r.conflicts.map((c) => c.kind)).toEqual(['label', 'label', 'label', 'label', 'label']);
    expect(r.conflicts.map((c) => c.chosen).sort()).toEqual(DRIFT.map(([o]) => o).sort());
    expect(byLabels(r.graph)).toEqual(byLabels(overview));
    const mlops = r.conflicts.find((c) => c.chosen === 'Master MLOps Fundamentals')!;
    expect(mlops.node).toBe('master_mlops_fundamentals');
    expect(mlops.values).toEqual([
      { diagram: 0, value: 'Master MLOps Fundamentals' },
      { diagram: 1, value: 'MLOps Fundamentals' },
      { diagram: 3, value: 'MLOps Fundamentals' },
      { diagram: 4, value: 'MLOps Fundamentals' },
    ]);
  });

  it('resolves by policy: first, most-frequent, prefer', () => {
    const all = graphs.slice(0, 5);
    expect(merge(all, { policy: 'first' }).conflicts.map((c) => c.chosen).sort()).toEqual(DRIFT.map(([o]) => o).sort());
    // the small diagrams' spelling wins where it is used more often
    const mf = merge(all, { policy: 'most-frequent' });
    expect(mf.conflicts.find((c) => c.values.some((v) => v.value === 'MLOps Fundamentals'))?.chosen).toBe('MLOps Fundamentals');
    expect(mf.conflicts.find((c) => c.values.some((v) => v.value === 'ELK Stack/OpenSearch'))?.chosen).toBe('ELK Stack/OpenSearch');
    const p4 = merge(all, { policy: { prefer: 4 } });
    expect(p4.conflicts.find((c) => c.values.some((v) => v.value === 'ELK Stack/OpenSearch'))?.chosen).toBe('ELK Stack / OpenSearch');
    // nodes diagram 4 does not have: the first diagram's value
    expect(p4.conflicts.find((c) => c.values.some((v) => v.value === 'MLOps Fundamentals'))?.chosen).toBe('MLOps Fundamentals');
    expect(p4.conflicts.find((c) => c.values.some((v) => v.value === 'Machine Learning Life Cycle'))?.chosen).toBe('Learn Machine Learning Life Cycle');
  });

  it('without similarity, drifted labels stay apart', () => {
    const r = merge(graphs.slice(0, 5), { unifyBy: 'label' });
    // ELK Stack/OpenSearch normalises to the same name: one conflict, four new nodes
    expect(r.conflicts).toHaveLength(1);
    expect(r.graph.vertices).toHaveLength(39);
  });

  it('by id, the small diagrams collapse onto each other', () => {
    const r = merge(small, { unifyBy: 'id' });
    expect(r.graph.vertices.map((v) => v.id)).toContain('A');
    expect(r.conflicts.some((c) => c.node === 'A' && c.kind === 'label')).toBe(true);
  });
});

describe('merge details', () => {
  const parse = (t: string): FlowGraph => parseFlowchart(t).graph;

  it('de-duplicates edges across diagrams but keeps repeats within one', () => {
    const a = parse('flowchart LR\n  a[X] --> b[Y]\n  a --> b');
    const b = parse('flowchart LR\n  p[X] --> q[Y]\n  q --> r[Z]');
    const r = merge([a, b]);
    expect(r.graph.edges.map((e) => `${e.start}>${e.end}`)).toEqual(['x>y', 'x>y', 'y>z']);
    expect(r.graph.edges.map((e) => e.id)).toEqual(['L_x_y_0', 'L_x_y_2', 'L_y_z_0']);
  });

  it('carries classDefs, classes, styles, link styles and subgraphs, and renumbers linkStyle', () => {
    const a = parse('flowchart TB\n  a[One] --> b[Two]\n  classDef hot fill:#f00\n  class a hot\n  linkStyle 0 stroke:red');
    const b = parse(
      'flowchart TB\n  subgraph S[Group]\n    c[Three]\n  end\n  x[One] --> c\n  c --> y[Four]\n  style y fill:#0f0\n  linkStyle 1 stroke:blue',
    );
    const r = merge([a, b]);
    const g = r.graph;
    expect(g.classDefs).toEqual({ hot: ['fill:#f00'] });
    expect(g.vertices.find((v) => v.text === 'One')?.classes).toEqual(['hot']);
    expect(g.vertices.find((v) => v.text === 'Four')?.styles).toEqual(['fill:#0f0']);
    expect(g.subgraphs).toMatchObject([{ id: 'S', title: 'Group', nodes: ['three'] }]);
    const printed = printFlowchart(g);
    expect(printed).toContain('linkStyle 0 stroke:red');
    expect(printed).toContain('linkStyle 2 stroke:blue');
    const again = parseFlowchart(printed);
    expect(again.errors).toEqual([]);
    expect(again.graph.edges.map((e) => e.style?.[0])).toEqual(['stroke:red', undefined, 'stroke:blue']);
  });

  it('reports shape conflicts', () => {
    const r = merge([parse('flowchart TB\n  a[Start] --> b'), parse('flowchart TB\n  s((Start)) --> t')]);
    expect(r.conflicts).toEqual([
      { node: 'start', kind: 'shape', values: [{ diagram: 0, value: 'square' }, { diagram: 1, value: 'circle' }], chosen: 'square' },
    ]);
  });

  it('keeps ids when asked and they do not collide', () => {
    const r = merge([parse('flowchart TB\n  a[One] --> b[Two]'), parse('flowchart TB\n  b[Two] --> c[Three]\n  a[Four]')], { ids: 'keep' });
    expect(r.graph.vertices.map((v) => `${v.id}:${v.text}`)).toEqual(['a:One', 'b:Two', 'c:Three', 'four:Four']);
  });
});
