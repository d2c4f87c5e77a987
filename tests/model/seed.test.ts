import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/model/document.js';
import { SEED } from '../helpers/paths.js';

const model = parseDocument(readFileSync(SEED, 'utf8'), { path: SEED });
const byName = (n: string) => model.names.find((x) => x.name === n);

describe('the seed document', () => {
  it('has seven tables with the rows a reader counts', () => {
    expect(model.tables.map((t) => t.rows.length)).toEqual([4, 9, 3, 6, 3, 3, 5]);
    expect(model.tables[0]?.header.map((c) => c.text)).toEqual(['Tool', 'Purpose']);
    expect(model.tables[3]?.rows[4]?.[0]).toMatchObject({
      raw: '**Kubeflow Pipelines / KFP DSL**',
      text: 'Kubeflow Pipelines / KFP DSL',
      position: { start: { line: 50, column: 3 } },
    });
  });

  it('has one ordered list of seven "label: members" items', () => {
    expect(model.lists).toHaveLength(1);
    const list = model.lists[0]!;
    expect(list.ordered).toBe(true);
    expect(list.items).toHaveLength(7);
    expect(list.items[0]?.labelled).toMatchObject({
      label: 'Data Prep',
      members: [{ text: 'Pandas' }, { text: 'PySpark' }, { text: 'SQLAlchemy' }, { text: 'LakeFS' }],
    });
    expect(list.items[0]?.labelled?.members[1]?.position.start).toMatchObject({ line: 91, column: 27 });
  });

  it('finds five flowcharts whose positions start at their header lines', () => {
    expect(model.diagrams.map((d) => d.type)).toEqual(Array(5).fill('flowchart-v2'));
    expect(model.diagrams.map((d) => d.position.start.line)).toEqual([102, 142, 150, 164, 180]);
    expect(model.diagrams.map((d) => d.keywordPosition?.start)).toEqual(
      [102, 142, 150, 164, 180].map((line) => expect.objectContaining({ line, column: 1 })),
    );
    expect(model.diagrams[0]?.source.split('\n')[5]).toBe('    E --> E1[Cubeflow Pipelines]');
  });

  it('parses the five flowcharts into the graphs mermaid builds', () => {
    expect(model.diagrams.map((d) => d.flowchart?.nodes.length)).toEqual([35, 4, 10, 12, 12]);
    expect(model.diagrams.map((d) => d.flowchart?.edges.length)).toEqual([34, 3, 9, 11, 11]);
    expect(model.diagrams.map((d) => d.errors)).toEqual([[], [], [], [], []]);
    const e1 = model.diagrams[0]?.flowchart?.nodes.find((n) => n.id === 'E1');
    expect(e1).toMatchObject({ label: 'Cubeflow Pipelines', shape: 'square', position: { start: { line: 107, column: 11 } } });
    expect(e1?.labelPosition).toMatchObject({ start: { line: 107, column: 14 }, end: { line: 107, column: 32 } });
    expect(model.diagrams[3]?.flowchart?.edges[0]).toMatchObject({ from: 'A', to: 'B', arrow: 'arrow_point', stroke: 'normal' });
  });

  it('records diagram labels as mentions of the names they show', () => {
    const kserve = byName('KServe')!;
    expect(kserve.mentions.filter((m) => m.kind === 'diagram').map((m) => [m.text, m.position.start.line])).toEqual([
      ['Kserve', 113],
      ['Kserve', 174],
    ]);
    expect(byName('Cubeflow Pipelines')).toMatchObject({ declared: false });
    expect(byName('Cubeflow Pipelines')?.mentions.map((m) => m.position.start.line)).toEqual([107, 168]);
    expect(byName('Grafana')?.mentions.filter((m) => m.kind === 'diagram').map((m) => m.position.start.column)).toEqual([27, 27]);
  });

  it('places tables and diagrams in their sections, with emoji and emphasis removed from headings', () => {
    expect(model.sections[0]?.text).toBe('Data Analysis & BI (Exploration & Visualization)');
    expect(model.sections[2]?.text).toBe('Automation & Software Engineering');
    expect(model.tables[3]?.section).toBe(3);
    expect(model.sections[model.diagrams[3]!.section!]?.text).toBe('MLOps Core Practices');
  });

  it('reads names with aliases, parts and alternatives', () => {
    expect(byName('Kubeflow Pipelines')?.mentions.map((m) => `${m.kind}:${m.position.start.line}`)).toEqual([
      'table:50',
      'list:95',
    ]);
    expect(byName('KFP DSL')?.declared).toBe(true);
    expect(byName('KServe')?.aliases).toEqual(['KFServing']);
    expect(byName('ELK Stack')?.parts).toEqual(['Elasticsearch', 'Logstash', 'Kibana']);
    expect(byName('Seaborn')?.alternativeTo).toBe('Matplotlib');
    expect(byName('Plotly')?.alternativeTo).toBe('Matplotlib');
    expect(byName('Flask')).toBeTruthy();
    expect(byName('FastAPI')?.mentions[0]?.position.start).toMatchObject({ line: 37, column: 13 });
    expect(byName('Joblib')?.mentions.map((m) => `${m.kind}:${m.position.start.line}`)).toEqual(['table:26', 'table:38', 'diagram:135', 'diagram:159']);
  });

  it('records the missing image as a link', () => {
    expect(model.links).toContainEqual(expect.objectContaining({ kind: 'image', url: 'image.png', text: 'MLOps Workflow' }));
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});
