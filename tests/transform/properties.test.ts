/**
 * Properties of the transforms over the conformance corpus's accepted flowcharts
 * (`../shared/conformance/flowchart.jsonl`):
 *   - `merge(split(d), { unifyBy: 'id' })` equals `d` (up to order) for every split mode
 *     that applies;
 *   - every printed part and merged graph parses with `parseFlowchart` without errors,
 *     to the graph that was printed, and printing it again gives the same text;
 *   - on a sample, the real mermaid 12.3.0 accepts the printed outputs.
 * Cases whose own graph the printer cannot reproduce (its limits, not the transforms')
 * are counted and left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlowchart, printFlowchart, type FlowGraph } from '../../src/mermaid/flowchart/index.js';
import { canonicalGraph } from '../../src/transform/graph-utils.js';
import { extract } from '../../src/transform/extract.js';
import { merge } from '../../src/transform/merge.js';
import { split, type SplitOptions } from '../../src/transform/split.js';
import { oracleParse } from '../mermaid/validate/oracle.js';
import { ROOT } from '../helpers/paths.js';

const CORPUS = resolve(ROOT, '..', 'shared', 'conformance', 'flowchart.jsonl');
const present = existsSync(CORPUS);
if (!present) console.warn(`transform properties skipped: ${CORPUS} not found (needs ../shared, the shared corpus beside the checkout)`);

interface Case {
  id: string;
  text: string;
  valid: boolean;
}

const same = (a: FlowGraph, b: FlowGraph): boolean => JSON.stringify(canonicalGraph(a)) === JSON.stringify(canonicalGraph(b));

/** Why printing `g` does not give `g` back, or null. */
function printProblem(g: FlowGraph): string | null {
  const text = printFlowchart(g);
  const again = parseFlowchart(text);
  if (again.errors.length > 0) return `does not parse: ${again.errors[0]?.message}`;
  if (!same(again.graph, g)) return 'parses to another graph';
  if (printFlowchart(again.graph) !== text) return 'printing is not idempotent';
  return null;
}

/** The split modes that apply to a graph. */
function modes(g: FlowGraph): SplitOptions[] {
  const out: SplitOptions[] = [{ by: 'component' }];
  if (g.vertices.length >= 2) out.push({ by: 'size', maxNodes: 3 });
  if (g.subgraphs.length > 0) out.push({ by: 'subgraph' });
  const childrenOf = new Map<string, Set<string>>();
  for (const e of g.edges) if (e.start !== e.end) childrenOf.set(e.start, (childrenOf.get(e.start) ?? new Set()).add(e.end));
  const branching = g.vertices.find((v) => (childrenOf.get(v.id)?.size ?? 0) >= 2) ?? g.vertices.find((v) => childrenOf.has(v.id));
  if (branching) {
    out.push({ at: branching.id });
    out.push({ at: branching.id, context: 'none', groups: [[...(childrenOf.get(branching.id) ?? [])].slice(0, 2)] });
  }
  return out;
}

describe.skipIf(!present)('transform properties on the conformance corpus (../shared/conformance/flowchart.jsonl)', () => {
  const cases: Case[] = present
    ? readFileSync(CORPUS, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Case)
        .filter((c) => c.valid)
    : [];
  const usable: { c: Case; g: FlowGraph }[] = [];
  const printerLimited: string[] = [];
  for (const c of cases) {
    const r = parseFlowchart(c.text);
    const problem = r.errors.length > 0 ? r.errors[0]!.message : printProblem(r.graph);
    if (problem !== null) printerLimited.push(`${c.id}: ${problem}`);
    else usable.push({ c, g: r.graph });
  }
  const outputs: { id: string; text: string }[] = [];

  it('merge(split(d)) equals d; every output parses to itself and prints idempotently', () => {
    const failures: string[] = [];
    let splits = 0;
    let printed = 0;
    for (const { c, g } of usable) {
      for (const opts of modes(g)) {
        const label = `${c.id} ${JSON.stringify(opts)}`;
        let parts: FlowGraph[];
        try {
          parts = split(g, opts);
        } catch (e) {
          failures.push(`${label}: split threw ${(e as Error).message}`);
          continue;
        }
        splits++;
        if (opts.by === 'size') for (const p of parts) if (p.vertices.length > 3) failures.push(`${label}: a part has ${p.vertices.length} nodes`);
        const back = merge(parts, { unifyBy: 'id' }).graph;
        if (!same(back, g)) failures.push(`${label}: merge(split(d)) differs`);
        for (const [i, p] of [...parts, back].entries()) {
          printed++;
          const problem = printProblem(p);
          if (problem) failures.push(`${label} output ${i}: ${problem}`);
          else if (outputs.length < 4000) outputs.push({ id: `${label} #${i}`, text: printFlowchart(p) });
        }
      }
      // a neighbourhood and a label merge print cleanly too
      const first = g.vertices[0];
      if (first) {
        for (const p of [extract(g, { node: first.id, direction: 'both', depth: 1 }), merge([g, g]).graph]) {
          printed++;
          const problem = printProblem(p);
          if (problem) failures.push(`${c.id} extract/merge: ${problem}`);
        }
      }
    }
    console.log(
      `transform properties: ${cases.length} accepted cases, ${usable.length} used (${printerLimited.length} left out: the printer does not reproduce them), ` +
        `${splits} splits, ${printed} printed outputs, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    // Labels with sanitised HTML that no bracket form reproduces go through `@{ label }`, which
    // mermaid reads as a markdown label (see known-differences.md, "Printer round trip").
    expect(printerLimited).toEqual([
      'cypress/integration/rendering/flowchart/flowchart-v2.spec.js#48: parses to another graph',
      'cypress/platform/xss22.html#1: parses to another graph',
    ]);
  });

  it('mermaid 12.3.0 accepts a sample of the printed outputs', async () => {
    expect(outputs.length).toBeGreaterThan(0);
    const step = Math.max(1, Math.floor(outputs.length / 150));
    const sample = outputs.filter((_, i) => i % step === 0);
    const rejected: string[] = [];
    for (const o of sample) {
      const verdict = await oracleParse(o.text);
      if (verdict !== true) rejected.push(`${o.id}: ${verdict.message.split('\n')[0]}`);
    }
    console.log(`transform properties: mermaid accepted ${sample.length - rejected.length} of ${sample.length} sampled outputs`);
    expect(rejected).toEqual([]);
  }, 300_000);
});
