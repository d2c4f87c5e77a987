// The document model against the bare GFM parse it is built on, same files, same process.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { parseDocument } from '../dist/index.js';
import { compare, loadRealworld } from './corpus.mjs';

export function benchModel({ rounds = 5 } = {}) {
  const files = loadRealworld();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const bare = unified().use(remarkParse).use(remarkGfm).freeze();
  let sink = 0;
  const result = compare(rounds, {
    bare: () => {
      for (const f of files) sink += bare.parse(f.text).children.length;
    },
    model: () => {
      for (const f of files) sink += parseDocument(f.text, { path: f.path }).diagrams.length;
    },
  });
  const ratio = result.model / result.bare;
  console.log(`model builder vs bare unified+remark-parse+remark-gfm parse`);
  console.log(`  corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${rounds} alternating rounds, medians`);
  console.log(`  bare parse     ${result.bare.toFixed(0).padStart(7)} ms`);
  console.log(`  parseDocument  ${result.model.toFixed(0).padStart(7)} ms`);
  console.log(`  ratio          ${ratio.toFixed(2)}x   (goal <= 1.30x)`);
  console.log(`  CPU time: bare ${result.cpu.bare.toFixed(0)} ms, parseDocument ${result.cpu.model.toFixed(0)} ms, ratio ${(result.cpu.model / result.cpu.bare).toFixed(2)}x`);
  if (sink < 0) console.log(sink);
  return { ...result, ratio };
}
