import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlowchart } from '../../src/mermaid/flowchart/index.js';
import { printFlowchart, restoreEntities } from '../../src/mermaid/flowchart/printer.js';
import type { FlowGraph } from '../../src/mermaid/flowchart/types.js';
import { parseDocument } from '../../src/model/document.js';
import { toFlowGraph } from '../../src/model/flowchart.js';
import type { DocumentModel } from '../../src/model/types.js';
import {
  diagramToTable,
  mergeTables,
  splitTable,
  tableToDiagram,
  TableTransformError,
  textCell,
  toTableData,
  treeProblems,
  type TableData,
} from '../../src/transform/tables.js';
import { SEED, SHARED, SHARED_SKIP_REASON } from '../helpers/paths.js';

const seed: DocumentModel = parseDocument(readFileSync(SEED, 'utf8'), { path: SEED });
const seedGraphs = seed.diagrams.map((d) => toFlowGraph(d.flowchart as NonNullable<typeof d.flowchart>));
const seedTables = seed.tables.map((t) => ({ label: seed.sections[t.section as number]?.text ?? '', table: t }));

/** A graph's tree as labels: the multiset of node labels and the parent/child label pairs. */
function tree(g: FlowGraph): { labels: string[]; pairs: string[] } {
  const label = (id: string): string => restoreEntities(g.vertices.find((v) => v.id === id)?.text ?? id).trim();
  return {
    labels: g.vertices.map((v) => label(v.id)).sort(),
    pairs: g.edges.map((e) => `${label(e.start)} → ${label(e.end)}`).sort(),
  };
}

/** The graph mermaid builds from the printed text of `g`. */
function reparsed(g: FlowGraph): FlowGraph {
  const r = parseFlowchart(printFlowchart(g));
  expect(r.errors).toEqual([]);
  return r.graph;
}

function edgesTable(g: FlowGraph): TableData {
  const r = diagramToTable(g, { layout: 'edges' });
  if (r.layout !== 'edges') throw new Error('expected the edges layout');
  return r.table;
}

describe('diagram → table → diagram on the seed', () => {
  it('writes the overview as one Parent | Child row per edge, in graph order', () => {
    const t = edgesTable(seedGraphs[0] as FlowGraph);
    expect(t.header.map((c) => c.text)).toEqual(['Parent', 'Child']);
    expect(t.rows).toHaveLength(34);
    expect(t.rows[0]?.map((c) => c.text)).toEqual(['Learn Machine Learning Life Cycle', 'Master MLOps Fundamentals']);
    expect(t.rows[4]?.map((c) => c.text)).toEqual(['Orchestration & Pipelines', 'Cubeflow Pipelines']);
    expect(diagramToTable(seedGraphs[0] as FlowGraph).warnings).toEqual([]);
  });

  it('takes custom column names', () => {
    const r = diagramToTable(seedGraphs[2] as FlowGraph, { layout: 'edges', columns: ['Topic', 'Package'] });
    expect(r.layout === 'edges' && r.table.header.map((c) => c.text)).toEqual(['Topic', 'Package']);
  });

  it.each(seed.diagrams.map((d, i) => [i + 1, d.position.start.line] as const))('gives back the same tree for diagram %i (line %i), both layouts', (n) => {
    const g = seedGraphs[n - 1] as FlowGraph;
    const want = tree(g);
    const fromEdges = tableToDiagram(edgesTable(g));
    expect(tree(fromEdges)).toEqual(want);
    expect(tree(reparsed(fromEdges))).toEqual(want);
    const pp = diagramToTable(g, { layout: 'per-parent' });
    if (pp.layout !== 'per-parent') throw new Error('expected per-parent');
    const fromParents = tableToDiagram(pp.tables);
    expect(tree(fromParents)).toEqual(want);
    expect(tree(reparsed(fromParents))).toEqual(want);
  });

  it('writes one table per parent, the parent as heading', () => {
    const r = diagramToTable(seedGraphs[0] as FlowGraph, { layout: 'per-parent', columns: ['Parent', 'Tool'] });
    if (r.layout !== 'per-parent') throw new Error('expected per-parent');
    expect(r.tables.map((t) => t.heading)).toEqual([
      'Learn Machine Learning Life Cycle',
      'Master MLOps Fundamentals',
      'Orchestration & Pipelines',
      'Model Deployment',
      'Platforms',
      'Infrastructure as Code',
      'Observability & Monitoring',
      'Python for MLOps',
    ]);
    expect(r.tables[7]?.table.header.map((c) => c.text)).toEqual(['Tool']);
    expect(r.tables[7]?.table.rows.map((row) => row[0]?.text)).toEqual(['numpy', 'pandas', 'scikit-learn', 'MLflow', 'DVC', 'FastAPI', 'PyYAML', 'pytest', 'Joblib']);
  });

  it('makes readable, collision-free ids', () => {
    const g = tableToDiagram(edgesTable(seedGraphs[0] as FlowGraph));
    const ids = g.vertices.map((v) => v.id);
    expect(new Set(ids.map((i) => i.toLowerCase())).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual(['LearnMachineLearningLife', 'MasterMLOpsFundamentals', 'ExperimentTrackingWith']);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    const clash = tableToDiagram({ header: [textCell('P'), textCell('C')], rows: [[textCell('end'), textCell('End!')], [textCell('end'), textCell('42')], [textCell('end'), textCell('ünïcode')]] });
    expect(clash.vertices.map((v) => v.id)).toEqual(['EndNode', 'EndNode2', 'N42', 'Unicode']);
    expect(tree(reparsed(clash))).toEqual(tree(clash));
  });
});

describe('graphs that are not trees', () => {
  const dag = parseFlowchart('flowchart LR\n  A --> B\n  A --> C\n  B --> D\n  C --> D\n  D -->|loop| D\n  subgraph S [Group]\n    E\n  end').graph;

  it('lists their edges in the edges layout, and says why it is not a tree', () => {
    const r = diagramToTable(dag, { layout: 'edges' });
    expect(r.layout === 'edges' && r.table.rows.map((row) => row.map((c) => c.text))).toEqual([
      ['A', 'B'],
      ['A', 'C'],
      ['B', 'D'],
      ['C', 'D'],
      ['D', 'D'],
      ['', 'E'],
    ]);
    expect(r.warnings.join('\n')).toMatch(/not a tree \('D' has two parents \('B' and 'C'\); 'D' links to itself\)/);
    expect(r.warnings.join('\n')).toMatch(/edge labels are not kept \('loop'\)/);
    expect(r.warnings.join('\n')).toMatch(/subgraphs are not kept \('Group'\)/);
    // read back, the same labels are the same nodes: the graph's edges come back
    expect(tree(tableToDiagram(r.layout === 'edges' ? r.table : toTableData({ header: [], rows: [] })))).toEqual(tree(dag));
  });

  it('rejects them in the per-parent layout with a clear error', () => {
    expect(() => diagramToTable(dag, { layout: 'per-parent' })).toThrow(TableTransformError);
    expect(() => diagramToTable(dag, { layout: 'per-parent' })).toThrow(/the diagram is not a tree \('D' has two parents \('B' and 'C'\), and 1 more\); the per-parent layout needs one, use the edges layout/);
  });

  it('finds cycles and repeated links', () => {
    expect(treeProblems(parseFlowchart('graph TD\n A --> B\n B --> C\n C --> A').graph)).toEqual([`the links 'A' → 'B' → 'C' → 'A' form a cycle`]);
    expect(treeProblems(parseFlowchart('graph TD\n A --> B\n A --> B').graph)).toEqual([`the link 'A' → 'B' is written twice`]);
    expect(treeProblems(seedGraphs[0] as FlowGraph)).toEqual([]);
  });

  it('warns that repeated labels merge when read back', () => {
    const r = diagramToTable(parseFlowchart('graph TD\n A[x] --> B[y]\n A --> C[y]').graph);
    expect(r.warnings).toEqual([`labels repeat ('y'): read back, nodes with the same label become one`]);
  });
});

describe('table → diagram', () => {
  it('reads the seed category tables per parent into one tree under a root', () => {
    const g = tableToDiagram(
      seedTables.map((t) => ({ heading: t.label, table: toTableData(t.table) })),
      { root: 'Python tools for MLOps', direction: 'LR' },
    );
    expect(g.direction).toBe('LR');
    expect(g.vertices).toHaveLength(1 + 7 + 33);
    const t = tree(g);
    expect(t.pairs.filter((p) => p.startsWith('Python tools for MLOps →'))).toHaveLength(7);
    expect(t.pairs).toContain('Machine Learning (Modeling & Experimentation) → Joblib');
    expect(t.pairs).toContain('Automation & Software Engineering → Joblib');
    expect(t.pairs).toContain('Data Analysis & BI (Exploration & Visualization) → (Alt: Seaborn / Plotly)');
    // the same label under two headings stays two nodes, with distinct ids
    expect(g.vertices.filter((v) => v.text === 'Joblib').map((v) => v.id)).toEqual(['Joblib', 'Joblib2']);
    expect(treeProblems(g)).toEqual([]);
    expect(tree(reparsed(g))).toEqual(t);
  });

  it('links a child to the table under its heading', () => {
    const one = (heading: string, ...rows: string[]) => ({ heading, table: { align: [null], header: [textCell('Item')], rows: rows.map((r) => [textCell(r)]) } });
    const g = tableToDiagram([one('Root', 'A', 'B'), one('A', 'A1', 'A2'), one('B', 'B1'), one('A1', 'A')]);
    expect(tree(g).pairs).toEqual(['A → A1', 'A → A2', 'A1 → A', 'B → B1', 'Root → A', 'Root → B'].sort());
    // `A` under `A1` would close a cycle, so it is a new node
    expect(treeProblems(g)).toEqual([]);
  });

  it('reads named or numbered columns and rows with an empty cell', () => {
    const t = toTableData({
      header: [textCell('Child'), textCell('Note'), textCell('Parent')],
      rows: [
        [textCell('b'), textCell(''), textCell('a')],
        [textCell('c'), textCell(''), textCell('b')],
        [textCell('lone'), textCell(''), textCell('')],
      ],
    });
    const g = tableToDiagram(t, { parentColumn: 'parent', childColumn: 1 });
    expect(tree(g)).toEqual({ labels: ['a', 'b', 'c', 'lone'], pairs: ['a → b', 'b → c'] });
    expect(() => tableToDiagram(t, { parentColumn: 'Owner' })).toThrow(`no column 'Owner'; the columns are Child | Note | Parent`);
    expect(() => tableToDiagram(t, { parentColumn: 4 })).toThrow('no column 4: the table has 3 columns (Child | Note | Parent)');
    expect(() => tableToDiagram(toTableData({ header: [textCell('Only')], rows: [] }))).toThrow(/a parent\/child table needs two/);
  });
});

describe('merge and split the seed tables', () => {
  const original = seedTables.map((t) => ({ label: t.label, table: toTableData(t.table) }));

  it('merges the seven category tables into one Category | Tool | Purpose table', () => {
    const m = mergeTables(seedTables, { column: 'Category' });
    expect(m.header.map((c) => c.text)).toEqual(['Category', 'Tool', 'Purpose']);
    expect(m.rows).toHaveLength(33);
    expect(m.rows[0]?.map((c) => c.raw)).toEqual(['Data Analysis & BI (Exploration & Visualization)', '**NumPy**', 'Core numerical computing â€” arrays, matrices, math operations']);
    // Joblib is kept once per category by default
    expect(m.rows.filter((r) => r[1]?.text === 'Joblib').map((r) => [r[0]?.text, r[2]?.text])).toEqual([
      ['Machine Learning (Modeling & Experimentation)', 'Model serialization and parallel computation'],
      ['Automation & Software Engineering', 'Parallel execution and caching (e.g., model training loops)'],
    ]);
  });

  it('splits the merged table back into the original tables (cells as written, order, alignment)', () => {
    const parts = splitTable(mergeTables(seedTables, { column: 'Category' }), { by: 'Category' });
    expect(parts).toEqual(original);
  });

  it('merges Joblib into one row with dedupe: merge, and splits it back to both tables', () => {
    const m = mergeTables(seedTables, { column: 'Category', dedupe: 'merge' });
    expect(m.rows).toHaveLength(32);
    const joblib = m.rows.filter((r) => r[1]?.text === 'Joblib');
    expect(joblib.map((r) => r.map((c) => c.raw))).toEqual([
      [
        'Machine Learning (Modeling & Experimentation)<br>Automation & Software Engineering',
        '**Joblib**',
        'Model serialization and parallel computation<br>Parallel execution and caching (e.g., model training loops)',
      ],
    ]);
    expect(m.rows.indexOf(joblib[0] as never)).toBe(10); // where it first appears
    const parts = splitTable(m, { by: 'Category' });
    expect(parts.map((p) => p.label)).toEqual(original.map((o) => o.label));
    parts.forEach((p, i) => {
      const o = original[i] as (typeof original)[number];
      expect(p.table.header).toEqual(o.table.header);
      expect([...p.table.rows].sort(byRaw)).toEqual([...o.table.rows].sort(byRaw));
    });
    // the merged row sits where it was first listed, so in its second table it comes first
    expect(parts[2]?.table.rows.map((r) => r[0]?.text)).toEqual(['Joblib', 'Requests', 'Flask / FastAPI']);
    expect(parts[1]?.table.rows).toEqual(original[1]?.table.rows);
    // without unmerging, the joined value is a category of its own
    expect(splitTable(m, { by: 'Category', unmerge: false })).toHaveLength(8);
  });

  it('keeps one value when the merged cells agree', () => {
    const t = (purpose: string): TableData => ({ align: [null, null], header: [textCell('Tool'), textCell('Purpose')], rows: [[textCell('X'), textCell(purpose)]] });
    const m = mergeTables([{ label: 'a', table: t('same') }, { label: 'b', table: t('same') }], { dedupe: 'merge' });
    expect(m.rows.map((r) => r.map((c) => c.text))).toEqual([['a<br>b', 'X', 'same']]);
    expect(splitTable(m, { by: 1 }).map((p) => [p.label, p.table.rows.map((r) => r.map((c) => c.text))])).toEqual([
      ['a', [['X', 'same']]],
      ['b', [['X', 'same']]],
    ]);
  });

  it('rejects tables with different columns, a taken column name and an unknown column', () => {
    const other = { label: 'Other', table: toTableData({ header: [textCell('Name'), textCell('Purpose')], rows: [] }) };
    expect(() => mergeTables([...seedTables.slice(0, 2), other])).toThrow(
      `table 3 ('Other') has the columns Name | Purpose, expected Tool | Purpose like table 1 ('Data Analysis & BI (Exploration & Visualization)')`,
    );
    expect(() => mergeTables(seedTables, { column: 'purpose' })).toThrow(`the tables already have a column 'purpose'`);
    expect(() => mergeTables([])).toThrow('no tables to merge');
    expect(() => splitTable(seedTables[0]?.table as TableData, { by: 'Category' })).toThrow(`no column 'Category'; the columns are Tool | Purpose`);
  });
});

const byRaw = (a: { raw: string }[], b: { raw: string }[]): number => (a[0]?.raw ?? '').localeCompare(b[0]?.raw ?? '');

// ------------------------------------------------------------------ conformance corpus trees

const CORPUS = join(SHARED, 'conformance', 'flowchart.jsonl');
const hasCorpus = existsSync(CORPUS);
if (!hasCorpus) console.warn(`table round trips on the conformance corpus skipped: ${SHARED_SKIP_REASON}`);

describe.skipIf(!hasCorpus)('diagram → table → diagram on the conformance corpus trees (../shared/conformance/flowchart.jsonl)', () => {
  const cases = hasCorpus
    ? readFileSync(CORPUS, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as { id: string; text: string; valid: boolean })
    : [];
  // accepted texts whose graph is a forest with at least one edge, every edge between
  // vertices, and distinct, non-empty labels (a table names nodes by label)
  const trees: { id: string; graph: FlowGraph }[] = [];
  for (const c of cases) {
    if (!c.valid) continue;
    const r = parseFlowchart(c.text);
    const g = r.graph;
    if (r.errors.length > 0 || g.edges.length === 0 || treeProblems(g).length > 0) continue;
    const ids = new Set(g.vertices.map((v) => v.id));
    if (!g.edges.every((e) => ids.has(e.start) && ids.has(e.end))) continue;
    const labels = g.vertices.map((v) => restoreEntities(v.text).trim());
    if (labels.some((l) => l === '') || new Set(labels).size !== labels.length) continue;
    trees.push({ id: c.id, graph: g });
  }

  it('finds trees to test', () => {
    console.info(`${trees.length} trees in the corpus`);
    expect(trees.length).toBeGreaterThan(50);
  });

  it('gives back the same tree through both layouts, and through the printer and parser', () => {
    const failures: string[] = [];
    for (const { id, graph } of trees) {
      const want = tree(graph);
      const viaEdges = tableToDiagram(edgesTable(graph));
      const pp = diagramToTable(graph, { layout: 'per-parent' });
      const viaParents = pp.layout === 'per-parent' ? tableToDiagram(pp.tables) : viaEdges;
      for (const [how, g] of [
        ['edges', viaEdges],
        ['per-parent', viaParents],
      ] as const) {
        if (JSON.stringify(tree(g)) !== JSON.stringify(want)) failures.push(`${id} (${how})`);
        const r = parseFlowchart(printFlowchart(g));
        if (r.errors.length > 0 || JSON.stringify(tree(r.graph)) !== JSON.stringify(want)) failures.push(`${id} (${how}, printed)`);
      }
    }
    expect(failures).toEqual([]);
  });
});
