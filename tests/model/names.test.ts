import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/model/document.js';
import { normalizeName, parseNames } from '../../src/model/names.js';

describe('normalizeName', () => {
  it.each([
    ['KServe', 'Kserve'],
    ['ELK Stack/OpenSearch', 'ELK Stack / OpenSearch'],
    ['Data & Model Versioning', 'data and model  versioning'],
    ['scikit-learn', 'Scikit Learn'],
    ['Ｋｕｂｅｆｌｏｗ', 'kubeflow'],
  ])('treats %s and %s as the same name', (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
  });

  it.each([
    ['C++', 'C'],
    ['C#', 'C'],
    ['Kubeflow', 'Cubeflow'],
    ['FastAPI/Flask', 'Flask / FastAPI'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(normalizeName(a)).not.toBe(normalizeName(b));
  });
});

describe('parseNames', () => {
  const names = (t: string) => parseNames(t).map((e) => e.name);

  it('splits at slashes, but not acronym pairs or paths', () => {
    expect(names('Flask / FastAPI')).toEqual(['Flask', 'FastAPI']);
    expect(names('Docker/Kubernetes')).toEqual(['Docker', 'Kubernetes']);
    expect(names('CI/CD')).toEqual(['CI/CD']);
    expect(names('TCP/IP')).toEqual(['TCP/IP']);
    expect(names('./docs/guide')).toEqual(['./docs/guide']);
  });

  it('reads one parenthesised name as an alias and a list as parts', () => {
    expect(parseNames('KServe (KFServing)')).toEqual([{ name: 'KServe', aliases: ['KFServing'], parts: [], alternative: false }]);
    expect(parseNames('ELK Stack (Elasticsearch, Logstash, Kibana)')[0]?.parts).toEqual(['Elasticsearch', 'Logstash', 'Kibana']);
  });

  it('reads "(Alt: a / b)" as alternatives', () => {
    expect(parseNames('(Alt: Seaborn / Plotly)')).toEqual([
      { name: 'Seaborn', aliases: [], parts: [], alternative: true },
      { name: 'Plotly', aliases: [], parts: [], alternative: true },
    ]);
  });

  it('ignores cells that are not names', () => {
    expect(parseNames('')).toEqual([]);
    expect(parseNames('42')).toEqual([]);
    expect(parseNames('1.5 %')).toEqual([]);
    expect(parseNames('This is a whole sentence that describes something at length')).toEqual([]);
  });
});

describe('the name index of a document', () => {
  const doc = [
    '# Tools',
    '',
    '| Tool | Purpose |',
    '| --- | --- |',
    '| **KServe (KFServing)** | serving |',
    '| Flask / FastAPI | APIs |',
    '| 2 | a number, not a name |',
    '',
    '## KServe',
    '',
    '- **Deploy:** KFServing, Flask',
    '- Note: this sentence has a colon but is not a list of names',
    '- Plain: a, b',
  ].join('\n');
  const model = parseDocument(doc);
  const find = (n: string) => model.names.find((x) => x.name === n);

  it('keeps every mention, reaching a name through its alias', () => {
    const kserve = find('KServe')!;
    expect(kserve.mentions.map((m) => [m.kind, m.role, m.text, m.position.start.line, m.position.start.column])).toEqual([
      ['table', 'name', 'KServe', 5, 5],
      ['table', 'alias', 'KFServing', 5, 13],
      ['heading', 'name', 'KServe', 9, 1],
      ['list', 'alias', 'KFServing', 11, 15],
    ]);
    expect(find('KFServing')).toBeUndefined();
  });

  it('reads labelled list items only where they look like lists of names', () => {
    expect(model.lists[0]?.items.map((i) => i.labelled?.label ?? null)).toEqual(['Deploy', null, 'Plain']);
    expect(find('Flask')?.mentions.map((m) => m.kind)).toEqual(['table', 'list']);
  });

  it('declares nothing for a numeric first cell', () => {
    expect(model.names.map((n) => n.name)).not.toContain('2');
  });
});

describe('headings that name what only a diagram shows', () => {
  it('become mentions of the diagram label’s name', () => {
    const model = parseDocument(['# Overview', '', '```mermaid', 'graph TD', '  A[Build] --> B[Cubeflow Pipelines]', '```', '', '## Cubeflow Pipelines', ''].join('\n'));
    const name = model.names.find((n) => n.name === 'Cubeflow Pipelines');
    expect(name?.mentions.map((m) => `${m.kind}:${m.position.start.line}`)).toEqual(['diagram:5', 'heading:8']);
  });
});
