// Linting (every default rule, diagram validation included) against building the models alone,
// on the same files in the same process.
import { lint, parseDocument } from '../dist/index.js';
import { compare, loadRealworld } from './corpus.mjs';

export async function benchLint({ rounds = 3 } = {}) {
  const files = loadRealworld();
  // Warm up once: the first lint loads the dictionary and, for non-flowchart diagrams, mermaid.
  // One round by default: lint() keeps run-wide caches (mermaid verdicts by diagram text, other
  // files' anchors) that a second round over the same files would find warm.
  for (const f of files.slice(0, 50)) await lint(f.text, { path: f.path });
  let sink = 0;
  const times = { model: [], lint: [] };
  const cpu = { model: [], lint: [] };
  const cpuMs = (c) => (c.user + c.system) / 1000;
  for (let r = 0; r < rounds; r++) {
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    for (const f of files) sink += parseDocument(f.text, { path: f.path }).diagrams.length;
    times.model.push(performance.now() - t0);
    cpu.model.push(cpuMs(process.cpuUsage(c0)));
    c0 = process.cpuUsage();
    t0 = performance.now();
    for (const f of files) sink += (await lint(f.text, { path: f.path })).diagnostics.length;
    times.lint.push(performance.now() - t0);
    cpu.lint.push(cpuMs(process.cpuUsage(c0)));
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const model = med(times.model);
  const linted = med(times.lint);
  console.log('lint (all default rules) vs building the models alone');
  console.log(`  corpus: ${files.length} files, ${rounds} alternating rounds, medians`);
  console.log(`  parseDocument  ${model.toFixed(0).padStart(7)} ms`);
  console.log(`  lint           ${linted.toFixed(0).padStart(7)} ms`);
  console.log(`  ratio          ${(linted / model).toFixed(2)}x   (goal <= 2.00x)`);
  console.log(`  CPU time: parseDocument ${med(cpu.model).toFixed(0)} ms, lint ${med(cpu.lint).toFixed(0)} ms, ratio ${(med(cpu.lint) / med(cpu.model)).toFixed(2)}x`);
  if (sink < 0) console.log(sink);
  return { model, lint: linted, ratio: linted / model };
}
