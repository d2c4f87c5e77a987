import { describe, expect, it } from 'vitest';
import { parseFlowchart, printFlowchart, type FlowGraph } from '../../src/mermaid/flowchart/index.js';
import { canonicalGraph } from '../../src/transform/graph-utils.js';
import { merge } from '../../src/transform/merge.js';
import { split, type SplitOptions } from '../../src/transform/split.js';
import { readFileSync } from 'node:fs';
import { parseDocument } from '../../src/model/document.js';
import { toFlowGraph } from '../../src/model/flowchart.js';
import { SEED } from '../helpers/paths.js';

// the same seed helpers as merge.test.ts (a test file imported from another would run twice)
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


/** The grouping the seed's four small diagrams use, as split options. */
const SEED_SPLIT: SplitOptions = {
  at: 'Master MLOps Fundamentals',
  groups: [
    ['Python for MLOps', 'Linux, Git, Cloud, Networking'],
    ['Experiment Tracking with MLflow', 'Data & Model Versioning with DVC', 'Orchestration & Pipelines', 'Model Deployment'],
    ['Platforms', 'Infrastructure as Code', 'Observability & Monitoring'],
  ],
  detach: ['Python for MLOps'],
  context: 'none',
};

const parse = (t: string): FlowGraph => {
  const r = parseFlowchart(t);
  expect(r.errors).toEqual([]);
  return r.graph;
};

describe('split on the seed', () => {
  const graphs = seedGraphs();
  const overview = graphs[0]!;

  it("splits the overview into the seed's four small diagrams, up to the drifted labels and ids", () => {
    const parts = split(overview, SEED_SPLIT);
    expect(parts).toHaveLength(4);
    parts.forEach((part, i) => {
      expect(byLabels(part), `part ${i + 1}`).toEqual(toOverviewSpelling(byLabels(graphs[i + 1]!)));
    });
    // the parts keep the overview's ids and spelling
    expect(parts[0]!.vertices.map((v) => `${v.id}:${v.text}`)).toEqual([
      'A:Learn Machine Learning Life Cycle',
      'B:Master MLOps Fundamentals',
      'J:Python for MLOps',
      'K:Linux, Git, Cloud, Networking',
    ]);
    const drifted = new Set(DRIFT.map(([o]) => o));
    expect(new Set(parts.flatMap((p) => p.vertices.map((v) => v.text)).filter((t) => drifted.has(t))).size).toBe(5);
  });

  it('groups and nodes can be named by id', () => {
    const byId = split(overview, { ...SEED_SPLIT, at: 'B', groups: [['J', 'K'], ['C', 'D', 'E', 'F'], ['G', 'H', 'I']], detach: ['J'] });
    expect(byId.map(canonicalGraph)).toEqual(split(overview, SEED_SPLIT).map(canonicalGraph));
  });

  it('keeps the path to the root as context by default, one part per child', () => {
    const parts = split(overview, { at: 'Master MLOps Fundamentals' });
    expect(parts).toHaveLength(9);
    for (const p of parts) {
      expect(p.vertices[0]?.text).toBe('Learn Machine Learning Life Cycle');
      expect(p.vertices[1]?.text).toBe('Master MLOps Fundamentals');
    }
    expect(parts[0]!.vertices.map((v) => v.id)).toEqual(['A', 'B', 'C']);
    expect(parts[3]!.vertices.map((v) => v.id)).toEqual(['A', 'B', 'F', 'F1', 'F2', 'F3', 'F4']);
  });

  it('merges back to the overview', () => {
    for (const opts of [SEED_SPLIT, { at: 'B' }, { at: 'A' }, { by: 'size', maxNodes: 5 } as SplitOptions, { by: 'component' } as SplitOptions]) {
      const parts = split(overview, opts);
      expect(canonicalGraph(merge(parts, { unifyBy: 'id' }).graph), JSON.stringify(opts)).toEqual(canonicalGraph(overview));
    }
    // and by label too: the seed's labels are unique
    const back = merge(split(overview, SEED_SPLIT));
    expect(byLabels(back.graph)).toEqual(byLabels(overview));
  });

  it('parts of at most N nodes', () => {
    const parts = split(overview, { maxNodes: 6 });
    for (const p of parts) expect(p.vertices.length).toBeLessThanOrEqual(6);
    expect(parts.length).toBeGreaterThan(5);
  });

  it('reports bad options', () => {
    expect(() => split(overview, { at: 'Nope' })).toThrow(/no node `Nope`/);
    expect(() => split(overview, { at: 'B', groups: [['Docker']] })).toThrow(/not one of the children of B/);
    expect(() => split(overview, { at: 'J1' })).toThrow(/no children/);
    expect(() => split(overview, { by: 'subgraph' })).toThrow(/no subgraphs/);
    expect(() => split(overview, { maxNodes: 1 })).toThrow(/at least 2/);
    expect(() => split(overview, { at: 'B', groups: [['J'], ['J']] })).toThrow(/more than one group/);
  });
});

describe('split modes', () => {
  it('by subgraph: one part per top-level subgraph and one for the rest; an edge between parts goes with its start', () => {
    const g = parse(
      [
        'flowchart LR',
        '  subgraph one[First]',
        '    a --> b',
        '    subgraph inner',
        '      c',
        '    end',
        '  end',
        '  subgraph two',
        '    d --> e',
        '  end',
        '  b --> d',
        '  c --> f[Outside]',
        '  classDef hot fill:red',
        '  classDef unused fill:blue',
        '  class d hot',
      ].join('\n'),
    );
    const parts = split(g, { by: 'subgraph' });
    expect(parts.map((p) => p.vertices.map((v) => v.id))).toEqual([
      ['a', 'b', 'c', 'd', 'f'],
      ['d', 'e'],
      ['f'],
    ]);
    // unused classDefs stay with the first part, used ones go where they are used
    expect(Object.keys(parts[0]!.classDefs)).toEqual(['hot', 'unused']);
    expect(Object.keys(parts[1]!.classDefs)).toEqual(['hot']);
    expect(canonicalGraph(merge(parts, { unifyBy: 'id' }).graph)).toEqual(canonicalGraph(g));
    for (const p of parts) {
      const printed = printFlowchart(p);
      expect(parseFlowchart(printed).errors).toEqual([]);
    }
  });

  it('by component', () => {
    const g = parse('flowchart TB\n  a --> b\n  c --> d\n  b --> a\n  e');
    expect(split(g, { by: 'component' }).map((p) => p.vertices.map((v) => v.id))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('cross links and cycles under the split node are kept', () => {
    const g = parse('flowchart TB\n  r --> s\n  s --> a --> a1\n  s --> b --> b1\n  a1 --> b1\n  b1 --> s\n  x --> s');
    const parts = split(g, { at: 's' });
    expect(canonicalGraph(merge(parts, { unifyBy: 'id' }).graph)).toEqual(canonicalGraph(g));
  });
});
