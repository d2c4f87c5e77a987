// Linting (every default rule, diagram validation included) against building the models alone,
// on the same files in the same process.
import { lint, parseDocument } from '../dist/index.js';
import { compare, loadRealworld } from './corpus.mjs';

export async function benchLint({ rounds = 3 } = {}) {
  const files = loadRealworld();
  // Warm up once: the first lint loads the dictionary and, for non-flowchart diagrams, mermaid.
  for (const f of files.slice(0, 50)) await lint(f.text, { path: f.path });
  let sink = 0;
  const times = { model: [], lint: [] };
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    for (const f of files) sink += parseDocument(f.text, { path: f.path }).diagrams.length;
    times.model.push(performance.now() - t0);
    t0 = performance.now();
    for (const f of files) sink += (await lint(f.text, { path: f.path })).diagnostics.length;
    times.lint.push(performance.now() - t0);
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const model = med(times.model);
  const linted = med(times.lint);
  console.log('lint (all default rules) vs building the models alone');
  console.log(`  corpus: ${files.length} files, ${rounds} alternating rounds, medians`);
  console.log(`  parseDocument  ${model.toFixed(0).padStart(7)} ms`);
  console.log(`  lint           ${linted.toFixed(0).padStart(7)} ms`);
  console.log(`  ratio          ${(linted / model).toFixed(2)}x   (goal <= 2.00x)`);
  if (sink < 0) console.log(sink);
  return { model, lint: linted, ratio: linted / model };
}
