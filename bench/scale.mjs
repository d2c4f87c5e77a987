// How parseFlowchart scales: generated flowcharts of 1k, 10k and 100k nodes (100k should cost
// about 10x 10k: no quadratic parts), 5,000 nested subgraphs and 1 MB labels. Prints; never asserts.
import { parseFlowchart } from '../dist/index.js';
import { median } from './corpus.mjs';

const SHAPES = [['[', ']'], ['(', ')'], ['{', '}'], ['([', '])'], ['[[', ']]'], ['((', '))'], ['>', ']'], ['[/', '/]']];

/**
 * A flowchart of n nodes: a tree (node i hangs off i>>1) mixed with chains (every third node
 * continues from the previous one), labels in several shapes, edge labels, a subgraph per 100
 * nodes, classes and styles.
 */
export function generateFlowchart(n) {
  const lines = ['flowchart TD', 'classDef hot fill:#f96,stroke:#333', 'classDef cold fill:#9cf'];
  for (let g = 0; g * 100 < n; g++) {
    lines.push(`subgraph G${g}["Group ${g}"]`);
    lines.push('  direction LR');
    for (let i = g * 100; i < Math.min(n, (g + 1) * 100); i++) {
      const [o, c] = SHAPES[i % SHAPES.length];
      const node = `N${i}${o}"Label for node ${i}"${c}`;
      if (i === 0) lines.push(`  ${node}`);
      else if (i % 3 === 0) lines.push(`  N${i - 1} --> ${node}`);
      else if (i % 3 === 1) lines.push(`  N${i >> 1} -->|edge ${i}| ${node}`);
      else lines.push(`  N${i >> 1} -. note .-> ${node}:::${i % 2 ? 'hot' : 'cold'}`);
    }
    lines.push('end');
  }
  for (let i = 0; i < n; i += 50) lines.push(`style N${i} stroke-width:2px`);
  lines.push(`class N0,N1,N2 hot`);
  return lines.join('\n') + '\n';
}

function nested(depth) {
  let text = 'flowchart TD\n';
  for (let i = 0; i < depth; i++) text += `subgraph s${i}\n`;
  text += 'x --> y\n';
  for (let i = 0; i < depth; i++) text += 'end\n';
  return text;
}

/**
 * Median wall and CPU time (process.cpuUsage: user + system, GC threads included) of `runs`
 * parses after one warm-up parse. CPU time is the steadier one on a busy machine.
 */
function time(text, runs) {
  let r = parseFlowchart(text);
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    r = parseFlowchart(text);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), cpu: median(cpu), result: r };
}

const fmt = (x) => `${x.ms.toFixed(1).padStart(8)} ms wall ${x.cpu.toFixed(1).padStart(8)} ms cpu`;

export function benchScale({ runs = Number(process.env.BENCH_ROUNDS ?? 5) } = {}) {
  console.log(`flowchart parser scaling (median of ${runs} parses each)`);
  // warm-up, so that the first size is not measured on cold code
  const warm = generateFlowchart(2_000);
  for (let i = 0; i < 20; i++) parseFlowchart(warm);
  const sizes = [1_000, 10_000, 100_000];
  const t = {};
  for (const n of sizes) {
    const text = generateFlowchart(n);
    const x = time(text, n >= 100_000 ? Math.max(3, runs - 2) : runs);
    t[n] = x;
    const { result } = x;
    const g = result.graph;
    console.log(
      `  ${String(n).padStart(7)} nodes ${(text.length / 1e6).toFixed(2).padStart(5)} MB  ${fmt(x)}   ` +
        `(${g.vertices.length} vertices, ${g.edges.length} edges, ${g.subgraphs.length} subgraphs, ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}: mermaid's 500-edge limit)`,
    );
  }
  const ratio = (a, b, k) => (t[a][k] / t[b][k]).toFixed(1);
  console.log(`  100k / 10k: ${ratio(100_000, 10_000, 'ms')}x wall, ${ratio(100_000, 10_000, 'cpu')}x cpu (linear: ~10x)   10k / 1k: ${ratio(10_000, 1_000, 'ms')}x wall, ${ratio(10_000, 1_000, 'cpu')}x cpu`);
  for (const depth of [500, 5_000]) {
    const x = time(nested(depth), runs);
    console.log(`  ${String(depth).padStart(5)} nested subgraphs     ${fmt(x)}   (${x.result.graph.subgraphs.length} subgraphs, ${x.result.errors.length} errors)`);
  }
  const mb = 'x'.repeat(1_000_000);
  const labels = {
    'node label ["…"]': `flowchart TD\nA["${mb}"] --> B`,
    'node label [ … ]': `flowchart TD\nA[${mb}] --> B`,
    'edge label |…|': `flowchart TD\nA -->|${mb}| B`,
    'edge label -- … -->': `flowchart TD\nA -- ${mb} --> B`,
    'shape data label': `flowchart TD\nA@{ label: "${mb}" }`,
  };
  for (const [name, text] of Object.entries(labels)) {
    const x = time(text, runs);
    console.log(`  1 MB ${name.padEnd(20)} ${fmt(x)}   (${x.result.errors.length} errors)`);
  }
  return t;
}

if (import.meta.url === `file://${process.argv[1]}`) benchScale();
