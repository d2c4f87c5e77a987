/**
 * The real-world corpus (`../shared/corpus/realworld/`) as tests read it: its
 * Markdown files in a stable order, and the diagrams of one mermaid type with
 * the exact text mermaid receives. Callers skip with SHARED_SKIP_REASON when
 * `HAS_SHARED` is false.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../src/model/document.js';
import { REALWORLD } from './paths.js';

/** Every `.md`, `.mdx` and `.markdown` file below `dir`, sorted. */
export function markdownFiles(dir: string = REALWORLD): string[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(md|mdx|markdown)$/i.test(e)) files.push(p);
    }
  };
  walk(dir);
  return files.sort();
}

/** The diagrams of the corpus whose detected type is `type`, with their file. */
export function corpusDiagrams(type: string): { file: string; source: string }[] {
  const out: { file: string; source: string }[] = [];
  for (const file of markdownFiles()) {
    for (const d of parseDocument(readFileSync(file, 'utf8'), { path: file }).diagrams) {
      if (d.type === type) out.push({ file, source: d.source });
    }
  }
  return out;
}

/** A small deterministic generator of numbers in [0, 1) (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number from the environment (for longer local runs), else the default. */
export function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  return v !== undefined && v !== '' ? Number(v) : fallback;
}
