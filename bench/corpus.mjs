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

/**
 * Runs each named function over the same inputs in alternating rounds; returns the median wall
 * time per name in ms, and the median CPU time under `cpu` (steadier on a busy machine).
 */
export function compare(rounds, cases) {
  const wall = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  const cpu = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      wall[name].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[name].push((c.user + c.system) / 1000);
    }
  }
  const med = (t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
  return { ...med(wall), cpu: med(cpu) };
}
