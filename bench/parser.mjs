// Per-diagram parse time of our flowchart parser against mermaid.parse (the real mermaid under
// jsdom) and @probelabs/maid's validate, on the texts of the conformance corpus that mermaid
// accepts, in one process. Prints; never asserts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFlowchart } from '../dist/index.js';
import { ROOT, median } from './corpus.mjs';

export const CONFORMANCE = resolve(ROOT, '..', 'shared', 'conformance', 'flowchart.jsonl');

/** The accepted texts of the conformance corpus, or null (with a message) when it is absent. */
export function loadAcceptedFlowcharts() {
  if (!existsSync(CONFORMANCE)) {
    console.log(`parser bench skipped: needs ../shared/conformance/flowchart.jsonl beside the checkout (not found at ${CONFORMANCE})`);
    return null;
  }
  return readFileSync(CONFORMANCE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l))
    .filter((c) => c.valid)
    .map((c) => c.text);
}

async function loadMermaid() {
  const { JSDOM } = await import('jsdom');
  const { window } = new JSDOM('');
  globalThis.window ??= window;
  globalThis.document ??= window.document;
  globalThis.Option ??= window.Option;
  const mermaid = (await import('mermaid')).default;
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

/**
 * Time of one call per text: each round times `reps` back-to-back calls per text; a text's
 * time is its best round (rounds alternate between the implementations).
 */
async function measure(impls, texts, rounds) {
  const best = Object.fromEntries(impls.map((i) => [i.name, new Array(texts.length).fill(Infinity)]));
  for (let r = 0; r < rounds; r++) {
    for (const impl of impls) {
      const row = best[impl.name];
      for (let k = 0; k < texts.length; k++) {
        const text = texts[k];
        const t0 = performance.now();
        if (impl.async) for (let i = 0; i < impl.reps; i++) await impl.fn(text);
        else for (let i = 0; i < impl.reps; i++) impl.fn(text);
        const dt = (performance.now() - t0) / impl.reps;
        if (dt < row[k]) row[k] = dt;
      }
    }
  }
  return best;
}

const us = (ms) => `${(ms * 1000).toFixed(1).padStart(9)} µs`;

export async function benchParser({ rounds = Number(process.env.BENCH_ROUNDS ?? 5) } = {}) {
  const texts = loadAcceptedFlowcharts();
  if (!texts) return null;
  const mermaid = await loadMermaid();
  const maid = await import('@probelabs/maid');
  let sink = 0;
  const impls = [
    { name: 'ours', reps: 20, fn: (t) => (sink += parseFlowchart(t).errors.length) },
    { name: 'maid', reps: 5, fn: (t) => (sink += maid.validate(t).errors.length) },
    {
      name: 'mermaid',
      reps: 1,
      warm: 1,
      async: true,
      fn: async (t) => {
        try {
          await mermaid.parse(t);
        } catch {
          sink++;
        }
      },
    },
  ];
  // warm-up: every implementation over every text, a few times (mermaid, the slow one, once)
  for (const impl of impls) {
    for (let w = 0; w < (impl.warm ?? 5); w++) for (const t of texts) await impl.fn(t);
  }
  const accepted = { ours: 0, maid: 0, mermaid: 0 };
  for (const t of texts) {
    if (parseFlowchart(t).errors.length === 0) accepted.ours++;
    if (maid.validate(t).errors.filter((e) => e.severity === 'error').length === 0) accepted.maid++;
    try {
      await mermaid.parse(t);
      accepted.mermaid++;
    } catch {
      /* counted as rejected */
    }
  }
  const best = await measure(impls, texts, rounds);
  const med = Object.fromEntries(Object.entries(best).map(([k, v]) => [k, median(v)]));
  const total = Object.fromEntries(Object.entries(best).map(([k, v]) => [k, v.reduce((a, b) => a + b, 0)]));
  const perText = (other) => median(best.ours.map((o, k) => best[other][k] / o));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log('flowchart parser: parseFlowchart vs mermaid.parse (jsdom) vs @probelabs/maid validate');
  console.log(`  corpus: ${texts.length} accepted texts of flowchart.jsonl, ${(bytes / 1024).toFixed(0)} KB; best of ${rounds} rounds per text`);
  console.log(`  accepted: ours ${accepted.ours}, maid ${accepted.maid} (no error-severity diagnostics), mermaid ${accepted.mermaid}`);
  console.log(`                   median/diagram        total`);
  for (const k of ['ours', 'maid', 'mermaid']) {
    console.log(`  ${k.padEnd(9)} ${us(med[k])}   ${total[k].toFixed(1).padStart(9)} ms`);
  }
  const r = {
    mermaid: med.mermaid / med.ours,
    maid: med.maid / med.ours,
    mermaidPerText: perText('mermaid'),
    maidPerText: perText('maid'),
    mermaidTotal: total.mermaid / total.ours,
    maidTotal: total.maid / total.ours,
  };
  console.log(`  speed-up vs mermaid.parse: ${r.mermaid.toFixed(1)}x (medians), ${r.mermaidPerText.toFixed(1)}x (median of per-text ratios), ${r.mermaidTotal.toFixed(1)}x (totals)   goal >= 100x`);
  console.log(`  speed-up vs maid validate: ${r.maid.toFixed(1)}x (medians), ${r.maidPerText.toFixed(1)}x (median of per-text ratios), ${r.maidTotal.toFixed(1)}x (totals)   goal >= 5x`);
  if (sink < 0) console.log(sink);
  return { median: med, total, ratios: r };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchParser();
