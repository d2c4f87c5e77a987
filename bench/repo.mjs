// Whole-repository CLI runs, as a user would start them: each tool is a fresh process under the
// same Node (process.execPath), on the same files, from the same empty working directory.
//
//   corpora  the real-world corpus (../shared/corpus/realworld, without its SOURCES.md) and 1,000
//            documents from bench/generate-docs.mjs (seeded, written to a temp dir, removed after)
//   tools    mermaid-lint (dist/cli.js, or $MERMAID_LINT_DIST/cli.js; --format json, every default
//            rule; --concurrency 1 and 2 when the CLI has the option), markdownlint-cli2 (defaults),
//            @probelabs/maid (--format json), and the floor: unified + remark-parse + remark-gfm
//            parsing the same files in a process started the same way (this file with --floor)
//   cold     each tool on the seed fixture alone, N times, median
//
// Wall time is measured around the spawn; CPU time and peak RSS come from GNU time (-f, -o: the
// child's rusage from wait4) when /usr/bin/time is GNU time, else from a --require preload that
// writes process.resourceUsage() at exit. Runs of the tools alternate (round-robin), so a change in
// the machine's load hits them alike; slow cases get fewer runs (a time budget per case).
//
// Environment: MERMAID_LINT_DIST (build to bench), BENCH_REPO_RUNS (max runs per case, 3),
// BENCH_REPO_BUDGET (seconds per case, 90), BENCH_REPO_COLD (cold-start
// repetitions, 10), BENCH_REPO_DOCS (generated documents, 1000), BENCH_REPO_SEED (1),
// BENCH_REPO_KEEP=1 keeps the temp dir (the tools' outputs) and prints its path.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

// --- The floor: `node bench/repo.mjs --floor file…` parses each file with unified + remark-parse
// + remark-gfm and prints {files, mermaid, tables} as JSON. Nothing else is loaded.
if (process.argv[1] && resolve(process.argv[1]) === SELF && process.argv[2] === '--floor') {
  const [{ unified }, { default: remarkParse }, { default: remarkGfm }] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-gfm'),
  ]);
  const processor = unified().use(remarkParse).use(remarkGfm);
  const counts = { files: 0, mermaid: 0, tables: 0 };
  const walk = (n) => {
    if (n.type === 'code' && n.lang === 'mermaid') counts.mermaid++;
    else if (n.type === 'table') counts.tables++;
    if (n.children) for (const c of n.children) walk(c);
  };
  for (const f of process.argv.slice(3)) {
    walk(processor.parse(readFileSync(f, 'utf8')));
    counts.files++;
  }
  console.log(JSON.stringify(counts));
  process.exit(0);
}

const ROOT = resolve(dirname(SELF), '..');
const REALWORLD = resolve(ROOT, '..', 'shared', 'corpus', 'realworld');
const SEED = join(ROOT, 'fixtures', '000_307887c9c13ce1ed.md');
const NODE = process.execPath;
const require = createRequire(join(ROOT, 'package.json'));
/** Bytes of arguments per invocation; Linux allows ~2 MB (ARG_MAX) with the environment. */
const ARG_BUDGET = 1_000_000;
const MD = /\.(md|mdx|markdown)$/i;
const MARKDOWNLINT_CONFIGS = ['.markdownlint-cli2.jsonc', '.markdownlint-cli2.yaml', '.markdownlint-cli2.cjs', '.markdownlint-cli2.mjs', '.markdownlint.jsonc', '.markdownlint.json', '.markdownlint.yaml', '.markdownlint.yml', '.markdownlint.cjs', '.markdownlint.mjs'];
const MERMAID_LINT_CONFIGS = ['.mermaid-lint.json', '.mermaid-lint.yaml', '.mermaid-lint.yml', 'mermaid-lint.config.js', 'mermaid-lint.config.mjs'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function pkg(name) {
  // Not require.resolve(`${name}/package.json`): packages whose "exports" omit it refuse that.
  const path = require.resolve.paths(name).map((d) => join(d, name, 'package.json')).find((p) => existsSync(p));
  if (!path) throw new Error(`bench repo: package ${name} is not installed (npm ci)`);
  return { dir: dirname(path), ...JSON.parse(readFileSync(path, 'utf8')) };
}
function binOf(name, bin) {
  const p = pkg(name);
  return { path: join(p.dir, typeof p.bin === 'string' ? p.bin : p.bin[bin ?? name]), version: p.version };
}

/** Markdown files under dir (dot directories included, as markdownlint-cli2 and maid find them), sorted. */
function listMarkdown(dir, skip = () => false) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && MD.test(e.name) && !skip(p)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Config files a tool would pick up from cwd or from the files' directories up to the root. */
function strayConfigs(cwd, files) {
  const dirs = new Set();
  for (const start of [cwd, ...files.map(dirname)]) {
    for (let d = start; !dirs.has(d); d = dirname(d)) dirs.add(d);
  }
  const found = [];
  for (const d of dirs) {
    for (const n of [...MARKDOWNLINT_CONFIGS, ...MERMAID_LINT_CONFIGS]) {
      const p = join(d, n);
      if (existsSync(p) && !(d === cwd && n === '.markdownlint-cli2.jsonc')) found.push(p);
    }
  }
  return found;
}

/** Splits the file arguments so that no invocation passes more than ARG_BUDGET bytes. */
function chunk(files) {
  const out = [[]];
  let size = 0;
  for (const f of files) {
    const n = Buffer.byteLength(f) + 1;
    if (size + n > ARG_BUDGET && out.at(-1).length) out.push([]), (size = 0);
    out.at(-1).push(f);
    size += n;
  }
  return out;
}

function gnuTime() {
  if (!existsSync('/usr/bin/time')) return null;
  const r = spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' });
  return /GNU/.test(`${r.stdout}${r.stderr}`) ? '/usr/bin/time' : null;
}

/**
 * A measurer: spawns `node args…` in cwd with stdout/stderr to files; returns wall ms (around the
 * spawn), cpu ms (user + sys) and peak RSS in KB.
 */
function makeRunner(work) {
  const time = gnuTime();
  const preload = join(work, 'rusage.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.BENCH_RUSAGE_OUT, JSON.stringify(u)); });\n",
  );
  const stats = join(work, 'rusage.out');
  const method = time
    ? 'GNU time (/usr/bin/time -f "%U %S %M": user and system CPU and ru_maxrss of the child, from wait4)'
    : 'a --require preload writing process.resourceUsage() at exit (maxRSS, userCPUTime, systemCPUTime)';
  const run = (args, { cwd, out, err }) => {
    const o = openSync(out, 'w');
    const e = openSync(err, 'w');
    const cmd = time ? time : NODE;
    const argv = time ? ['-f', '%U %S %M', '-o', stats, NODE, ...args] : ['--require', preload, ...args];
    const t0 = performance.now();
    const r = spawnSync(cmd, argv, { cwd, stdio: ['ignore', o, e], env: { ...process.env, BENCH_RUSAGE_OUT: stats, NO_COLOR: '1', FORCE_COLOR: '0' } });
    const wall = performance.now() - t0;
    closeSync(o);
    closeSync(e);
    if (r.error) throw r.error;
    let cpu = NaN;
    let rss = NaN;
    const s = readFileSync(stats, 'utf8');
    if (time) {
      const m = /(\d+\.\d+) (\d+\.\d+) (\d+)\s*$/.exec(s);
      if (m) (cpu = (Number(m[1]) + Number(m[2])) * 1000), (rss = Number(m[3]));
    } else {
      const u = JSON.parse(s);
      cpu = (u.userCPUTime + u.systemCPUTime) / 1000;
      rss = u.maxRSS;
    }
    return { status: r.status, signal: r.signal, wall, cpu, rss };
  };
  return { run, method };
}

/** A case: a name, the argument lists of its invocations (one per chunk), and how to read its output. */
function measureCases(cases, runner, { cwd, outDir, maxRuns, budgetMs }) {
  for (const c of cases) Object.assign(c, { walls: [], cpus: [], rsss: [], spent: 0, done: false });
  for (let round = 0; round < maxRuns; round++) {
    for (const c of cases) {
      if (c.done) continue;
      if (round > 0 && c.spent + median(c.walls) > budgetMs) {
        c.done = true;
        continue;
      }
      let wall = 0;
      let cpu = 0;
      let rss = 0;
      c.count = { files: 0, issues: 0 };
      c.invocations.forEach((args, i) => {
        const out = join(outDir, `${c.id}.${i}.out`);
        const err = join(outDir, `${c.id}.${i}.err`);
        const r = runner.run(args, { cwd, out, err });
        if (r.signal || !(c.okStatus ?? [0, 1]).includes(r.status)) {
          throw new Error(`${c.name} exited with ${r.signal ?? r.status}:\n${readFileSync(err, 'utf8').slice(-2000)}`);
        }
        wall += r.wall;
        cpu += r.cpu;
        rss = Math.max(rss, r.rss);
        const n = c.read(readFileSync(out, 'utf8'), readFileSync(err, 'utf8'));
        c.count.files += n.files;
        c.count.issues += n.issues;
        if (n.extra) c.extra = n.extra;
      });
      c.walls.push(wall);
      c.cpus.push(cpu);
      c.rsss.push(rss);
      c.spent += wall;
    }
  }
  for (const c of cases) Object.assign(c, { wall: median(c.walls), cpu: median(c.cpus), rss: Math.max(...c.rsss) });
}

const readMermaidLint = (out) => {
  const j = JSON.parse(out);
  return { files: j.files.length, issues: j.errorCount + j.warningCount + (j.infoCount ?? 0) };
};
const readMarkdownlint = (out) => ({
  files: Number(/Linting: (\d+) file/.exec(out)?.[1] ?? NaN),
  issues: Number(/Summary: (\d+) (issue|error)/.exec(out)?.[1] ?? NaN),
});
const readMaid = (out) => {
  const j = JSON.parse(out);
  return { files: j.files?.length ?? 1, issues: j.errorCount ?? j.errors?.length ?? 0 };
};
const readFloor = (out) => {
  const j = JSON.parse(out);
  return { files: j.files, issues: 0, extra: j };
};

const fmtS = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

function printCases(cases) {
  console.log(`  ${pad('tool', 22)}${lpad('files', 6)}${lpad('issues', 8)}${lpad('runs', 5)}${lpad('wall (median)', 15)}${lpad('min', 9)}${lpad('cpu', 10)}${lpad('peak RSS', 10)}`);
  for (const c of cases) {
    const min = Math.min(...c.walls);
    console.log(
      `  ${pad(c.name, 22)}${lpad(c.count.files, 6)}${lpad(c.count.issues, 8)}${lpad(c.walls.length, 5)}${lpad(fmtS(c.wall), 15)}${lpad(fmtS(min), 9)}${lpad(fmtS(c.cpu), 10)}${lpad(`${(c.rss / 1024).toFixed(0)} MB`, 10)}`,
    );
  }
}

/** Ratios of the mermaid-lint cases against the peers; goals only where the issue sets them. */
function printRatios(cases, goals) {
  const by = Object.fromEntries(cases.map((c) => [c.id, c]));
  const peers = [
    ['markdownlint-cli2', 'mdl'],
    ['maid', 'maid'],
    ['floor', 'floor'],
  ].filter(([, id]) => by[id]);
  const mine = cases.filter((c) => c.id.startsWith('ml'));
  console.log(`  ratios, wall (cpu in brackets):`);
  for (const m of mine) {
    const parts = peers.map(([name, id]) => {
      const goal = goals[`${m.id}/${id}`];
      const r = m.wall / by[id].wall;
      const mark = goal === undefined ? '' : r <= goal ? ` <= ${goal} met` : ` > ${goal} NOT met`;
      return `/${name} ${r.toFixed(2)} (${(m.cpu / by[id].cpu).toFixed(2)})${mark}`;
    });
    console.log(`    ${pad(m.name, 20)} ${parts.join('   ')}`);
  }
}

export async function benchRepo(options = {}) {
  const maxRuns = Number(options.runs ?? process.env.BENCH_REPO_RUNS ?? 3);
  const budgetMs = 1000 * Number(options.budget ?? process.env.BENCH_REPO_BUDGET ?? 90);
  const coldReps = Number(options.cold ?? process.env.BENCH_REPO_COLD ?? 10);
  const docCount = Number(options.docs ?? process.env.BENCH_REPO_DOCS ?? 1000);
  const seed = Number(options.seed ?? process.env.BENCH_REPO_SEED ?? 1);
  const keep = process.env.BENCH_REPO_KEEP === '1';
  const t0 = performance.now();

  if (!existsSync(REALWORLD)) {
    console.error(`bench repo: needs ../shared/corpus/realworld beside the checkout (not found at ${REALWORLD})`);
    process.exit(2);
  }
  const dist = resolve(ROOT, process.env.MERMAID_LINT_DIST ?? 'dist');
  const cli = join(dist, 'cli.js');
  if (!existsSync(cli)) {
    console.error(`bench repo: ${cli} not found (run tsup, or set MERMAID_LINT_DIST)`);
    process.exit(2);
  }
  const mdl = binOf('markdownlint-cli2');
  const mdlCore = pkg('markdownlint').version;
  const maid = binOf('@probelabs/maid', 'maid');

  const work = mkdtempSync(join(os.tmpdir(), 'mermaid-lint-bench-'));
  const cwd = join(work, 'cwd');
  const outDir = join(work, 'out');
  const docsDir = join(work, 'docs');
  mkdirSync(cwd);
  mkdirSync(outDir);
  // An empty markdownlint-cli2 config in the working directory: nothing but the defaults.
  writeFileSync(join(cwd, '.markdownlint-cli2.jsonc'), '{}\n');
  const runner = makeRunner(work);

  try {
    const help = spawnSync(NODE, [cli, '--help'], { encoding: 'utf8' }).stdout;
    const hasConcurrency = /--concurrency\b/.test(help);
    const noCache = /--no-cache\b/.test(help) ? ['--no-cache'] : [];
    const mlVersion = spawnSync(NODE, [cli, '--version'], { encoding: 'utf8' }).stdout.trim();
    const cpus = os.cpus();

    console.log('repo: whole-corpus CLI runs, each tool a fresh process under the same Node');
    console.log(`  node ${process.version} (${NODE}); ${cpus.length} CPUs (${cpus[0]?.model?.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
    console.log(`  load average (1, 5, 15 min) at start: ${load()}`);
    console.log(`  mermaid-lint ${mlVersion} (${cli}): --format json${noCache.length ? ' --no-cache' : ' (no --no-cache option: the cache is off unless --cache)'}${hasConcurrency ? ', --concurrency 1 and 2' : ', no --concurrency option: defaults'}`);
    console.log(`  markdownlint-cli2 ${mdl.version} (markdownlint ${mdlCore}): defaults (an empty .markdownlint-cli2.jsonc in the temp cwd), files as literal ':path' arguments`);
    console.log(`  @probelabs/maid ${maid.version}: --format json, the corpus directory (its only multi-file mode)`);
    console.log(`  floor: unified ${pkg('unified').version} + remark-parse ${pkg('remark-parse').version} + remark-gfm ${pkg('remark-gfm').version}, parse only (node bench/repo.mjs --floor file…)`);
    console.log(`  CPU and peak memory: ${runner.method}`);
    console.log(`  runs: round-robin, up to ${maxRuns} per case, another only while its runs so far plus one more fit in ${budgetMs / 1000} s; medians`);

    const mlCases = (files) =>
      (hasConcurrency ? [1, 2] : [null]).map((n) => ({
        id: n ? `ml${n}` : 'ml1',
        name: n ? `mermaid-lint -c${n}` : 'mermaid-lint',
        invocations: chunk(files).map((fs) => [cli, '--format', 'json', ...noCache, ...(n ? ['--concurrency', String(n)] : []), ...fs]),
        read: readMermaidLint,
      }));
    const peerCases = (files, maidArgs) => [
      { id: 'mdl', name: 'markdownlint-cli2', invocations: chunk(files.map((f) => `:${f}`)).map((fs) => [mdl.path, ...fs]), read: readMarkdownlint },
      { id: 'maid', name: 'maid', invocations: [[maid.path, '--format', 'json', ...maidArgs]], read: readMaid },
      { id: 'floor', name: 'floor (remark+gfm)', invocations: chunk(files).map((fs) => [SELF, '--floor', ...fs]), read: readFloor, okStatus: [0] },
    ];
    const goals = { 'ml1/mdl': 1.0, 'ml2/mdl': 0.6 };

    const checkConfigs = (files) => {
      const stray = strayConfigs(cwd, files);
      if (stray.length) console.log(`  WARNING: config files that change a tool's rules: ${stray.join(', ')}`);
    };
    const checkCounts = (cases, expected) => {
      const off = cases.filter((c) => c.count.files !== expected);
      console.log(
        off.length
          ? `  WARNING: file counts differ from the ${expected} listed: ${off.map((c) => `${c.name} ${c.count.files}`).join(', ')}`
          : `  file counts: all ${cases.length} tools saw the same ${expected} files`,
      );
    };

    // Warm the page cache for the corpora, the Node binary and every tool's modules.
    const realworld = listMarkdown(REALWORLD, (p) => p === join(REALWORLD, 'SOURCES.md'));
    for (const f of realworld) readFileSync(f);

    // --- Cold start: each tool on the seed fixture alone.
    {
      const cases = [...mlCases([SEED]).slice(0, 1), ...peerCases([SEED], [SEED])];
      checkConfigs([SEED]);
      measureCases(cases, runner, { cwd, outDir, maxRuns: 1, budgetMs: Infinity }); // warm-up, discarded
      measureCases(cases, runner, { cwd, outDir, maxRuns: coldReps, budgetMs: Infinity });
      console.log('');
      console.log(`single file, cold start: ${SEED.slice(ROOT.length + 1)} (${statSync(SEED).size} bytes), ${coldReps} runs each after one warm-up; load ${load()}`);
      printCases(cases);
      printRatios(cases, { 'ml1/mdl': 1.0 });
    }

    // --- The real-world corpus.
    {
      const files = realworld;
      const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
      checkConfigs(files);
      const cases = [...mlCases(files), ...peerCases(files, ['--exclude', 'SOURCES.md', REALWORLD])];
      measureCases(cases, runner, { cwd, outDir, maxRuns, budgetMs });
      const fl = cases.find((c) => c.id === 'floor').extra;
      console.log('');
      console.log(`real-world corpus: ${REALWORLD} without SOURCES.md: ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB, ${fl.mermaid} mermaid code blocks and ${fl.tables} tables as remark-gfm sees them; load ${load()}`);
      checkCounts(cases, files.length);
      printCases(cases);
      printRatios(cases, goals);
    }

    // --- Generated documents.
    {
      const { generateDocs } = await import('./generate-docs.mjs');
      const files = generateDocs(docsDir, { count: docCount, seed });
      const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
      checkConfigs(files);
      const cases = [...mlCases(files), ...peerCases(files, [docsDir])];
      measureCases(cases, runner, { cwd, outDir, maxRuns, budgetMs });
      const fl = cases.find((c) => c.id === 'floor').extra;
      console.log('');
      console.log(`generated documents: ${files.length} (bench/generate-docs.mjs, seed ${seed}), ${(bytes / 2 ** 20).toFixed(1)} MiB, ${fl.mermaid} mermaid code blocks and ${fl.tables} tables; load ${load()}`);
      checkCounts(cases, files.length);
      printCases(cases);
      printRatios(cases, goals);
    }

    console.log('');
    console.log(`repo: done in ${((performance.now() - t0) / 1000).toFixed(0)} s; load average at end: ${load()}`);
    console.log('  goals: mermaid-lint -c1 / markdownlint-cli2 <= 1.0 (each corpus and the single file); -c2 / markdownlint-cli2 <= 0.6');
  } finally {
    if (keep) console.log(`  kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) await benchRepo();
