import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignDocument, alignFlowcharts, labelSimilarities, labelSimilarity } from '../../src/model/align.js';
import { parseDocument } from '../../src/model/document.js';
import { SEED } from '../helpers/paths.js';

const seed = parseDocument(readFileSync(SEED, 'utf8'), { path: SEED });
const label = (d: number, id: string) => seed.diagrams[d]!.flowchart!.nodes.find((n) => n.id === id)!.label;

describe('labelSimilarity', () => {
  it('is what the all-pairs matrix alignment uses, for any labels', () => {
    const word = fc.constantFrom('Kubeflow', 'kubeflow', 'Pipelines', 'with', 'the', 'MLflow', '-', '/', '&', 'and', 'A', 'B', ' ', '', 'C++', 'Tracking');
    const label = fc.array(word, { maxLength: 5 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(label, { maxLength: 8 }), fc.array(label, { maxLength: 8 }), (a, b) => {
        expect(labelSimilarities(a, b)).toEqual(a.map((x) => b.map((y) => labelSimilarity(x, y))));
      }),
      { numRuns: 500, seed: 5 },
    );
  });

  it('ranks the same label, the same words, and contained words', () => {
    expect(labelSimilarity('ELK Stack/OpenSearch', 'ELK Stack / OpenSearch')).toBe(1);
    expect(labelSimilarity('Experiment Tracking with MLflow', 'Experiment Tracking - MLflow')).toBe(0.95);
    expect(labelSimilarity('Master MLOps Fundamentals', 'MLOps Fundamentals')).toBeCloseTo(0.8);
    expect(labelSimilarity('Docker', 'Kubernetes')).toBe(0);
    expect(labelSimilarity('Model Deployment', 'Model Registry')).toBeLessThan(0.75);
  });
});

describe('alignment of the seed', () => {
  const al = alignDocument(seed);

  it('finds the four small diagrams to be views of the overview', () => {
    expect(al.views.map((v) => [v.view, v.overview, v.source, v.alignment.coverage])).toEqual([
      [1, 0, 'detected', 1],
      [2, 0, 'detected', 1],
      [3, 0, 'detected', 1],
      [4, 0, 'detected', 1],
    ]);
  });

  it('matches nodes by label, not by their reused ids', () => {
    const pairs = (v: number) => al.views.find((x) => x.view === v)!.alignment.matches.map((m) => `${m.from}=${m.to}`);
    expect(pairs(1)).toEqual(['A=A', 'B=B', 'C=J', 'D=K']);
    expect(pairs(3).slice(0, 4)).toEqual(['A=B', 'B=C', 'C=D', 'D=E']);
    expect(pairs(4)).toContain('D3=I3');
  });

  it('pairs the drifted labels', () => {
    const drift = al.views.flatMap((v) =>
      v.alignment.matches.filter((m) => label(v.view, m.from) !== label(v.overview, m.to)).map((m) => `${label(v.view, m.from)} ~ ${label(v.overview, m.to)}`),
    );
    expect(drift).toEqual([
      'Machine Learning Life Cycle ~ Learn Machine Learning Life Cycle',
      'MLOps Fundamentals ~ Master MLOps Fundamentals',
      'MLOps Fundamentals ~ Master MLOps Fundamentals',
      'Experiment Tracking - MLflow ~ Experiment Tracking with MLflow',
      'Data & Model Versioning - DVC ~ Data & Model Versioning with DVC',
      'MLOps Fundamentals ~ Master MLOps Fundamentals',
      'ELK Stack / OpenSearch ~ ELK Stack/OpenSearch',
    ]);
  });

  it('does not align unrelated diagrams', () => {
    const doc = parseDocument(['```mermaid', 'graph TD', 'A[Build] --> B[Test]', '```', '```mermaid', 'graph TD', 'A[Deploy] --> B[Monitor] --> C[Alert]', '```'].join('\n'));
    expect(alignFlowcharts(doc.diagrams[0]!, doc.diagrams[1]!).matches).toEqual([]);
    expect(alignDocument(doc).views).toEqual([]);
  });
});

describe('view-of directives', () => {
  const doc = (directive: string) =>
    parseDocument(
      [
        '# Overview',
        '```mermaid',
        'graph TD',
        'A[Plan] --> B[Build] --> C[Ship]',
        '```',
        '# Detail',
        directive,
        '```mermaid',
        'graph TD',
        'X[Build] --> Y[Unit tests]',
        '```',
      ].join('\n'),
    );

  it('names the overview by heading or by number', () => {
    for (const d of ['<!-- mermaid-lint view-of: Overview -->', '<!-- mermaid-lint view-of: diagram 1 -->']) {
      expect(alignDocument(doc(d)).views.map((v) => [v.view, v.overview, v.source])).toEqual([[1, 0, 'directive']]);
    }
  });

  it('says `none` to stop detection, and reports a target it cannot find', () => {
    expect(alignDocument(doc('<!-- mermaid-lint view-of: none -->')).views).toEqual([]);
    expect(alignDocument(doc('<!-- mermaid-lint view-of: Nowhere -->')).unresolved.map((u) => u.reason)).toEqual([
      'names `Nowhere`, but no heading has that text',
    ]);
  });
});
