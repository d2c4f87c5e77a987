// Shared helpers for benchmarks: the real-world corpus beside the checkout.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REALWORLD = resolve(ROOT, '..', 'shared', 'corpus', 'realworld');

/** Every Markdown file of the real-world corpus, read into memory: [{ path, text }]. */
export function loadRealworld() {
  if (!existsSync(REALWORLD)) {
    console.error(`bench: needs ../shared/corpus/realworld beside the checkout (not found at ${REALWORLD})`);
    process.exit(2);
  }
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(md|mdx|markdown)$/i.test(e)) files.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(REALWORLD);
  return files;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs each named function over the same inputs in alternating rounds; returns median ms per name. */
export function compare(rounds, cases) {
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) {
      const t0 = performance.now();
      fn();
      times[name].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}
