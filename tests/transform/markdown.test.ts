import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlowchart } from '../../src/mermaid/flowchart/index.js';
import { restoreEntities } from '../../src/mermaid/flowchart/printer.js';
import type { FlowGraph } from '../../src/mermaid/flowchart/types.js';
import { parseDocument } from '../../src/model/document.js';
import { toFlowGraph } from '../../src/model/flowchart.js';
import type { DocumentModel } from '../../src/model/types.js';
import { cellContent, fragmentsFromModel, fragmentsToJson, toMarkdown, toMdast, type Fragment } from '../../src/transform/markdown.js';
import { diagramToTable, mergeTables, splitTable, tableToDiagram, textCell, toTableData, treeProblems, type TableData } from '../../src/transform/tables.js';
import { SEED, SHARED, SHARED_SKIP_REASON } from '../helpers/paths.js';

const seed: DocumentModel = parseDocument(readFileSync(SEED, 'utf8'), { path: SEED });
const seedTables = seed.tables.map((t) => ({ label: seed.sections[t.section as number]?.text ?? '', table: toTableData(t) }));
const seedGraphs = seed.diagrams.map((d) => toFlowGraph(d.flowchart as NonNullable<typeof d.flowchart>));

/** Position-free tables of a parsed document. */
const tablesOf = (m: DocumentModel): TableData[] => m.tables.map((t) => toTableData(t));

/** What a graph says, without ids' spans: vertices and edges as mermaid stores them. */
const shape = (g: FlowGraph) => ({
  direction: g.direction,
  vertices: g.vertices.map((v) => [v.id, v.text, v.type]),
  edges: g.edges.map((e) => [e.start, e.end, e.text, e.type, e.stroke]),
});

/** Prints, reads back, and prints again: the two prints must be the same text. */
function roundTrip(fragments: Fragment[]): { md: string; model: DocumentModel } {
  const md = toMarkdown(fragments);
  const model = parseDocument(md);
  expect(toMarkdown(fragmentsFromModel(model))).toBe(md);
  return { md, model };
}

describe('toMarkdown', () => {
  it('builds mdast: headings, mermaid code and tables with their alignment', () => {
    const tree = toMdast([{ heading: 'Overview', diagram: seedGraphs[1] as FlowGraph, table: { align: ['left', 'center'], header: [textCell('a'), textCell('b')], rows: [] } }]);
    expect(tree.children.map((c) => c.type)).toEqual(['heading', 'code', 'table']);
    expect(tree.children[1]).toMatchObject({ type: 'code', lang: 'mermaid' });
    expect(tree.children[2]).toMatchObject({ type: 'table', align: ['left', 'center'] });
  });

  it('prints the seed tables under their headings; they read back the same (cells as written, alignment)', () => {
    const { md, model } = roundTrip(seedTables.map((t) => ({ heading: t.label, table: t.table })));
    expect(md).toContain('## Data Analysis & BI (Exploration & Visualization)\n\n| Tool ');
    expect(md).toContain('| **NumPy**                 | Core numerical computing');
    expect(tablesOf(model)).toEqual(seedTables.map((t) => t.table));
    expect(model.sections.map((s) => s.text)).toEqual(seedTables.map((t) => t.label));
  });

  it('keeps every cell as written', () => {
    const raws = [
      '**NumPy**',
      '*(Alt: Seaborn / Plotly)*',
      '`a \\| b`',
      'a \\| b',
      '[link](http://x.org)',
      '# not a heading',
      '- not a list',
      '1. x',
      '> q',
      'a<br>b',
      '&amp; x',
      'foo_bar_baz',
      '~~strike~~',
      '![img](x.png)',
      '_em_',
      '__strong__',
      'a * b',
      'http://example.com',
      '[ ] box',
      'a\\_b',
      'C:\\path',
      '10 < 20',
    ];
    const table: TableData = { align: ['right'], header: [textCell('Raw')], rows: raws.map((raw) => [{ raw, text: '' }]) };
    const { model } = roundTrip([{ table }]);
    expect(model.tables[0]?.rows.map((r) => r[0]?.raw)).toEqual(raws);
    expect(model.tables[0]?.align).toEqual(['right']);
  });

  it('parses cell Markdown into phrasing content when it prints back as written', () => {
    expect(cellContent({ raw: '**NumPy**', text: 'NumPy' })).toEqual([{ type: 'strong', children: [{ type: 'text', value: 'NumPy' }] }]);
    expect(cellContent({ raw: 'a \\| b', text: 'a | b' })).toEqual([{ type: 'text', value: 'a | b' }]);
    expect(cellContent({ raw: '- x', text: '- x' })).toEqual([{ type: 'html', value: '- x' }]);
  });

  it('escapes plain text in headings and text cells', () => {
    const text = 'a *b* | [c] #1 <d> _e_ & f';
    const { model } = roundTrip([{ heading: text, table: { align: [null], header: [textCell(text)], rows: [[textCell(text)]] } }]);
    expect(model.sections[0]?.text).toBe(text);
    expect(model.tables[0]?.header[0]?.text).toBe(text);
    expect(model.tables[0]?.rows[0]?.[0]?.text).toBe(text);
  });

  it('prints diagrams as mermaid fences that read back to the same graph', () => {
    const fragments = seed.diagrams.map((d, i) => ({ heading: `Diagram ${i + 1}`, diagram: seedGraphs[i] as FlowGraph }));
    const { md, model } = roundTrip(fragments);
    expect(md).toMatch(/^## Diagram 1\n\n```mermaid\nflowchart TB\n {4}A\[Learn Machine Learning Life Cycle\]\n/);
    expect(model.diagrams.map((d) => d.errors)).toEqual(seed.diagrams.map(() => []));
    expect(model.diagrams.map((d) => shape(toFlowGraph(d.flowchart as NonNullable<typeof d.flowchart>)))).toEqual(seedGraphs.map(shape));
  });

  it('reprints the whole seed idempotently, keeping its tables and diagrams', () => {
    const { model } = roundTrip(fragmentsFromModel(seed));
    expect(tablesOf(model)).toEqual(tablesOf(seed));
    expect(model.diagrams.map((d) => shape(toFlowGraph(d.flowchart as NonNullable<typeof d.flowchart>)))).toEqual(seedGraphs.map(shape));
  });

  it('prints the transforms’ results so that they read back the same', () => {
    // merged (both ways) and split again
    for (const dedupe of ['per-category', 'merge'] as const) {
      const merged = mergeTables(seedTables, { dedupe });
      expect(tablesOf(roundTrip([{ table: merged }]).model)).toEqual([merged]);
      const parts = splitTable(merged, { by: 'Category' });
      const { model } = roundTrip(parts.map((p) => ({ heading: p.label, table: p.table })));
      expect(tablesOf(model)).toEqual(parts.map((p) => p.table));
      expect(model.sections.map((s) => s.text)).toEqual(parts.map((p) => p.label));
    }
    // a diagram as tables, and the tables as a diagram again
    const pp = diagramToTable(seedGraphs[0] as FlowGraph, { layout: 'per-parent' });
    if (pp.layout !== 'per-parent') throw new Error('expected per-parent');
    const { model } = roundTrip(pp.tables.map((t) => ({ heading: t.heading, table: t.table })));
    const back = tableToDiagram(model.tables.map((t) => ({ heading: seedHeading(model, t.section), table: toTableData(t) })));
    const { model: m2 } = roundTrip([{ heading: 'Rebuilt', diagram: back }]);
    expect(shape(toFlowGraph(m2.diagrams[0]?.flowchart as NonNullable<DocumentModel['diagrams'][number]['flowchart']>))).toEqual(shape(back));
  });

  it('gives JSON data in the model’s shape', () => {
    const json = fragmentsToJson([{ heading: 'Views', diagram: seedGraphs[1] as FlowGraph }, { table: seedTables[0]?.table as TableData }]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json[0]).toMatchObject({ heading: 'Views', depth: 2, table: null, diagram: { direction: 'TB', nodes: [{ id: 'A', label: 'Machine Learning Life Cycle', shape: 'square' }, {}, {}, {}] } });
    expect(json[0]?.diagram?.edges[0]).toEqual({ id: 'L_A_B_0', from: 'A', to: 'B', label: '' });
    expect(json[1]?.table?.rows[0]?.[0]).toEqual({ raw: '**NumPy**', text: 'NumPy' });
  });
});

function seedHeading(model: DocumentModel, section: number | null): string {
  return section === null ? '' : (model.sections[section]?.text ?? '');
}

// ------------------------------------------------------------------ corpus trees through Markdown

const CORPUS = join(SHARED, 'conformance', 'flowchart.jsonl');
const hasCorpus = existsSync(CORPUS);
if (!hasCorpus) console.warn(`Markdown round trips on the conformance corpus skipped: ${SHARED_SKIP_REASON}`);

describe.skipIf(!hasCorpus)('conformance corpus trees as Markdown tables (../shared/conformance/flowchart.jsonl)', () => {
  it('read back to the same tree', () => {
    const lines = hasCorpus ? readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim() !== '') : [];
    let tested = 0;
    const failures: string[] = [];
    for (const line of lines) {
      const c = JSON.parse(line) as { id: string; text: string; valid: boolean };
      if (!c.valid) continue;
      const r = parseFlowchart(c.text);
      const g = r.graph;
      if (r.errors.length > 0 || g.edges.length === 0 || treeProblems(g).length > 0) continue;
      const ids = new Set(g.vertices.map((v) => v.id));
      const labels = g.vertices.map((v) => restoreEntities(v.text).trim());
      // a cell is one line: labels with line breaks cannot be table cells
      if (!g.edges.every((e) => ids.has(e.start) && ids.has(e.end)) || labels.some((l) => l === '' || /[\r\n]/.test(l)) || new Set(labels).size !== labels.length) continue;
      tested++;
      const t = diagramToTable(g);
      if (t.layout !== 'edges') continue;
      const md = toMarkdown([{ table: t.table }]);
      const model = parseDocument(md);
      const back = model.tables[0] ? tableToDiagram(model.tables[0]) : null;
      const pairs = (x: FlowGraph) => x.edges.map((e) => [x.vertices.find((v) => v.id === e.start)?.text, x.vertices.find((v) => v.id === e.end)?.text].map((s) => restoreEntities(s ?? '').trim()).join(' → ')).sort();
      if (!back || JSON.stringify(pairs(back)) !== JSON.stringify(pairs(g))) failures.push(`${c.id}: ${JSON.stringify(md)}`);
      if (toMarkdown(fragmentsFromModel(model)) !== md) failures.push(`${c.id}: not idempotent`);
    }
    expect(tested).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });
});
