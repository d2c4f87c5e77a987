// Synthetic documents shaped like fixtures/000_307887c9c13ce1ed.md: an intro, one GFM table per
// category, a numbered "how they fit together" list, an overview flowchart (root -> hub ->
// categories -> items) and one "split view" flowchart per category (the overview's subtrees).
// Deterministic: the same seed and count give byte-identical files.
//
//   node bench/generate-docs.mjs <out-dir> [--count 1000] [--seed 1]
//
// About one document in five drifts the way hand-edited docs do (a split view drops or renames an
// item, a table gains a row the diagrams lack), so the linters have something to report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: a small, fast, seedable PRNG; returns floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIX = ['Py', 'Data', 'Cloud', 'Kube', 'Flow', 'Graph', 'Stream', 'Lake', 'Model', 'Vector', 'Query', 'Edge', 'Meta', 'Open', 'Deep', 'Fast', 'Auto', 'Hyper', 'Micro', 'Terra'];
const SUFFIX = ['Kit', 'Lab', 'Base', 'Hub', 'Forge', 'Stack', 'Pipe', 'Serve', 'Scope', 'Sync', 'Store', 'Flow', 'ML', 'Ops', 'DB', 'Lens', 'Mesh', 'Works', 'Guard', 'Cast'];
const AREA = ['Data Analysis', 'Machine Learning', 'Automation', 'Data Engineering', 'Model Serving', 'Infrastructure as Code', 'Monitoring & Logging', 'Security', 'Testing', 'Documentation', 'Networking', 'Storage', 'Streaming', 'Orchestration', 'Feature Stores', 'Experiment Tracking', 'Identity & Access', 'Cost Management'];
const SUBTITLE = ['Exploration & Visualization', 'Modeling & Experimentation', 'Software Engineering', 'Pipelines', 'Containerization', 'Provisioning', 'Observability', 'Hardening', 'Quality', 'Knowledge', 'Connectivity', 'Persistence', 'Real Time', 'Scheduling', 'Reuse', 'Tracking', 'Governance', 'FinOps'];
const VERB = ['Core', 'Distributed', 'Lightweight', 'Declarative', 'Incremental', 'Managed', 'Open-source', 'Typed', 'Embedded', 'Scalable'];
const NOUN = ['data processing', 'model training', 'pipeline orchestration', 'metrics collection', 'configuration management', 'workflow automation', 'artifact versioning', 'log analytics', 'API serving', 'schema validation', 'resource provisioning', 'feature engineering', 'hyperparameter search', 'access control', 'cost reporting'];
const TAIL = ['at scale', 'for teams', 'on Kubernetes', 'with a Python API', 'across clouds', '(batch and streaming)', 'for tabular data', 'with dashboards', 'via YAML configs', 'and caching'];
const EMOJI = ['🧮', '🧠', '⚙️', '🧱', '📦', '☁️', '🔍', '🧩', '🛡️', '🧪', '📚', '🌐'];
const PROSE = [
  'This section groups the tools by the stage of the lifecycle they serve.',
  'Each entry links to the component that owns it in the platform.',
  'Choose one tool per row unless the team already runs an alternative.',
  'The diagram below is generated from the same inventory as the tables.',
  'Versions are pinned in the lock file; upgrade them together.',
  'Owners review this page at the start of every quarter.',
];

const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];
const int = (rnd, lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

/** Pads a table's cells to the column widths (as the seed's tables are), or not. */
function table(rows, padded) {
  if (!padded) return rows.map((r, i) => (i === 1 ? `| ${r.map(() => '---').join(' | ')} |` : `| ${r.join(' | ')} |`)).join('\n');
  const widths = rows[0].map((_, c) => Math.max(3, ...rows.map((r) => [...r[c]].length)));
  return rows
    .map((r, i) => (i === 1 ? `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |` : `| ${r.map((x, c) => x + ' '.repeat(widths[c] - [...x].length)).join(' | ')} |`))
    .join('\n');
}

/** One document: returns its Markdown text. */
export function generateDoc(seed, index) {
  const rnd = prng((seed * 1_000_003 + index * 7919) >>> 0);
  const used = new Set();
  const toolName = () => {
    for (;;) {
      const n = pick(rnd, PREFIX) + pick(rnd, SUFFIX) + (rnd() < 0.2 ? ` ${int(rnd, 2, 9)}` : '');
      if (!used.has(n)) return used.add(n), n;
    }
  };
  const areas = [...AREA];
  for (let i = areas.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [areas[i], areas[j]] = [areas[j], areas[i]];
  }
  areas.length = int(rnd, 3, 9);
  const cats = areas.map((area) => ({
    area,
    subtitle: SUBTITLE[AREA.indexOf(area)],
    emoji: pick(rnd, EMOJI),
    tools: Array.from({ length: int(rnd, 2, 9) }, () => ({
      name: toolName(),
      purpose: `${pick(rnd, VERB)} ${pick(rnd, NOUN)} ${pick(rnd, TAIL)}`,
      note: pick(rnd, ['stable', 'beta', 'deprecated', 'internal', 'optional']),
    })),
  }));
  const drift = rnd() < 0.2 ? int(rnd, 1, 3) : 0; // 1: split view drops an item, 2: renames one, 3: table-only row
  const lr = rnd() < 0.3;
  const keyword = rnd() < 0.5 ? 'graph' : 'flowchart';
  const padded = rnd() < 0.7;
  const wide = rnd() < 0.3;
  const title = `${pick(rnd, ['Platform', 'MLOps', 'Data', 'Developer', 'Cloud'])} ${pick(rnd, ['Toolchain', 'Stack', 'Landscape', 'Roadmap', 'Inventory'])}`;
  const out = [];

  out.push(`# ${title}`, '', `${pick(rnd, PROSE)} ${pick(rnd, PROSE)} It covers **${cats.length} areas** and ${cats.reduce((n, c) => n + c.tools.length, 0)} tools.`, '', '---', '');
  for (const c of cats) {
    out.push(`## ${c.emoji} **${c.area} (${c.subtitle})**`, '');
    if (rnd() < 0.4) out.push(pick(rnd, PROSE), '');
    const rows = [wide ? ['Tool', 'Purpose', 'Status'] : ['Tool', 'Purpose'], wide ? ['', '', ''] : ['', '']];
    for (const t of c.tools) rows.push(wide ? [`**${t.name}**`, t.purpose, t.note] : [`**${t.name}**`, t.purpose]);
    if (drift === 3 && c === cats[0]) rows.push(wide ? ['**Legacy Tool**', 'Kept for old jobs', 'deprecated'] : ['**Legacy Tool**', 'Kept for old jobs']);
    out.push(table(rows, padded), '', '---', '');
  }
  out.push(`## 🧩 **How They Fit Together**`, '', `Here is how the pieces line up in a **${title.toLowerCase()}**:`, '');
  cats.forEach((c, i) => out.push(`${i + 1}. **${c.area}:** ${c.tools.map((t) => t.name).join(', ')}`));
  out.push('', '---', '');

  // The overview: A -> B (hub) -> one node per category -> its tools.
  const dir = lr ? 'LR' : 'TD';
  const letters = 'CDEFGHIJKLMNOPQRSTUVWXYZ';
  const ov = ['```mermaid', `${keyword} ${dir}`, `    A[Learn the ${title}] --> B[Master the Fundamentals]`];
  cats.forEach((c, i) => {
    const id = letters[i];
    ov.push(`    B --> ${id}[${c.area}]`);
    c.tools.forEach((t, j) => ov.push(`    ${id} --> ${id}${j + 1}[${t.name}]`));
  });
  ov.push('```');
  out.push(...ov, '', '');

  // Split views: one flowchart per category, the overview's subtree rooted there.
  cats.forEach((c, i) => {
    out.push(`### ${c.area}`);
    const lines = ['```mermaid', `${keyword} ${dir}`];
    c.tools.forEach((t, j) => {
      if (drift === 1 && i === 0 && j === c.tools.length - 1) return;
      const name = drift === 2 && i === 0 && j === 0 ? `${t.name} Pro` : t.name;
      lines.push(`    A[${c.area}] --> ${String.fromCharCode(66 + j)}[${name}]`);
    });
    lines.push('```');
    out.push(...lines, '');
  });
  return out.join('\n') + '\n';
}

/** Writes `count` documents into `dir` (created), named doc-0000.md…; returns their paths. */
export function generateDocs(dir, { count = 1000, seed = 1 } = {}) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < count; i++) {
    const p = join(dir, `doc-${String(i).padStart(4, '0')}.md`);
    writeFileSync(p, generateDoc(seed, i));
    files.push(p);
  }
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args.splice(i, 2)[1]) : dflt;
  };
  const count = opt('--count', 1000);
  const seed = opt('--seed', 1);
  if (!args[0]) {
    console.error('usage: node bench/generate-docs.mjs <out-dir> [--count 1000] [--seed 1]');
    process.exit(2);
  }
  const files = generateDocs(resolve(args[0]), { count, seed });
  console.log(`wrote ${files.length} documents to ${resolve(args[0])} (seed ${seed})`);
}
