/**
 * Conformance of `parseFlowchart` with mermaid 12.3.0 on the shared corpus
 * (`../shared/conformance/flowchart.jsonl`, see its README): verdict agreement and graph
 * agreement, and the exact set of disagreeing cases listed in known-differences.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFlowchart } from '../../src/mermaid/flowchart/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'conformance', 'flowchart.jsonl');
const KNOWN = join(HERE, 'known-differences.md');

interface Case {
  id: string;
  text: string;
  valid: boolean;
  vertices: { id: string; text: string; type: string | null }[];
  edges: { start: string; end: string; type: string; stroke: string; text: string }[];
  subgraphs: { id: string; nodes: string[] }[];
}

function graphDiff(c: Case, g: ReturnType<typeof parseFlowchart>['graph']): string | null {
  const vs = (c.vertices ?? []).map((v) => [v.id, v.text, v.type ?? null]);
  const ov = g.vertices.map((v) => [v.id, v.text, v.type ?? null]);
  if (JSON.stringify(vs) !== JSON.stringify(ov)) return `vertices: expected ${JSON.stringify(vs)} got ${JSON.stringify(ov)}`;
  const es = (c.edges ?? []).map((e) => [e.start, e.end, e.type, e.stroke, e.text]);
  const oe = g.edges.map((e) => [e.start, e.end, e.type, e.stroke, e.text]);
  if (JSON.stringify(es) !== JSON.stringify(oe)) return `edges: expected ${JSON.stringify(es)} got ${JSON.stringify(oe)}`;
  const ss = (c.subgraphs ?? []).map((s) => [s.id, s.nodes]);
  const os = g.subgraphs.map((s) => [s.id, s.nodes]);
  if (JSON.stringify(ss) !== JSON.stringify(os)) return `subgraphs: expected ${JSON.stringify(ss)} got ${JSON.stringify(os)}`;
  return null;
}

function knownIds(): Set<string> {
  if (!existsSync(KNOWN)) return new Set();
  const ids = new Set<string>();
  for (const line of readFileSync(KNOWN, 'utf8').split('\n')) {
    const m = /^- `([^`]+)`/.exec(line);
    if (m?.[1]) ids.add(m[1]);
  }
  return ids;
}

const present = existsSync(CORPUS);
if (!present) {
  console.warn(`flowchart conformance skipped: ${CORPUS} not found (expected the corpus in ../shared/conformance next to the repository)`);
}

describe.skipIf(!present)('flowchart conformance with mermaid 12.3.0 (corpus in ../shared/conformance)', () => {
  const cases: Case[] = present
    ? readFileSync(CORPUS, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Case)
    : [];
  let verdictAgree = 0;
  let bothAccept = 0;
  let graphAgree = 0;
  const disagreements = new Map<string, string>();
  for (const c of cases) {
    const r = parseFlowchart(c.text);
    const accepts = r.errors.length === 0;
    if (accepts === c.valid) verdictAgree++;
    else
      disagreements.set(
        c.id,
        c.valid ? `we reject: ${r.errors[0]?.message ?? ''}` : 'we accept a text mermaid rejects',
      );
    if (accepts && c.valid) {
      bothAccept++;
      const d = graphDiff(c, r.graph);
      if (d === null) graphAgree++;
      else disagreements.set(c.id, d);
    }
  }
  const verdictRate = cases.length ? verdictAgree / cases.length : 0;
  const graphRate = bothAccept ? graphAgree / bothAccept : 0;
  if (process.env['FLOWCHART_CONFORMANCE_REPORT']) {
    writeFileSync(
      process.env['FLOWCHART_CONFORMANCE_REPORT'],
      JSON.stringify({ verdictRate, graphRate, cases: cases.length, bothAccept, disagreements: Object.fromEntries(disagreements) }, null, 2),
    );
  }

  it(`agrees with mermaid's verdict on >= 99.5% of the corpus`, () => {
    expect(cases.length).toBeGreaterThan(700);
    expect(verdictRate).toBeGreaterThanOrEqual(0.995);
  });

  it('builds the same graph for >= 99% of the texts both accept', () => {
    expect(graphRate).toBeGreaterThanOrEqual(0.99);
  });

  it('disagrees exactly on the cases listed in known-differences.md', () => {
    const known = knownIds();
    const unexpected = [...disagreements.keys()].filter((id) => !known.has(id)).map((id) => `${id}: ${disagreements.get(id)}`);
    const fixed = [...known].filter((id) => !disagreements.has(id));
    expect(unexpected, 'disagreements not listed in known-differences.md').toEqual([]);
    expect(fixed, 'listed in known-differences.md but now agreeing (remove them)').toEqual([]);
  });
});
