import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { configFor, findConfigFile, loadConfig, type LoadedConfig } from '../config/load.js';
import { ConfigError } from '../lint/config.js';
import type { LintResult } from '../lint/engine.js';
import type { Config } from '../lint/types.js';
import { createFormatContext, DEFAULT_FORMAT, FORMATTERS, isFormatName, type FormatName } from '../report/index.js';
import { decodeSource, SourceError } from '../source/read.js';
import { VERSION } from '../version.js';
import { cacheLocation, LintCache, settingsKey } from './cache.js';
import { COMMANDS } from './commands/index.js';
import { findFiles } from './files.js';
import { EXIT, usageError, type CliIO } from './io.js';
import { createProgress, type ProgressStream } from './progress.js';
import { laneCount, neededLines, runPool, type Outcome, type SourceNeed, type Task } from './workers.js';

export { EXIT, type CliIO } from './io.js';

const help = () => `Usage: mermaid-lint [options] [file|dir|glob ...]
       mermaid-lint <command> [options] …

Lints Markdown files (and .mmd/.mermaid diagrams): Mermaid syntax, and
agreement between the document's tables, lists and diagrams. With no files,
lints every .md, .mdx, .markdown, .mmd and .mermaid file under the current
directory; '-' reads standard input.

Options:
  -f, --format <name>       Output format: stylish (default), compact, json,
                            sarif, github or junit
      --fix                 Apply safe fixes to the files
      --fix-unsafe          Apply safe and unsafe fixes (with --fix-dry-run:
                            show them)
      --fix-dry-run         Print the safe fixes as a unified diff on stdout
                            and the findings left on stderr; change no file
  -c, --config <file>       Use this configuration file instead of looking for
                            .mermaid-lint.json/.yaml/.yml, mermaid-lint.config.js
                            /.mjs or a "mermaid-lint" key in package.json
      --ignore <glob>       Skip files matching the glob (repeatable)
      --no-gitignore        Also lint files that .gitignore excludes
      --stdin-filename <p>  The path to report for '-'
  -q, --quiet               Report errors only
      --max-warnings <n>    Exit 1 when there are more than n warnings
      --cache               Reuse the results of files unchanged since the
                            last run with the same settings
      --cache-location <p>  The cache file (default
                            node_modules/.cache/mermaid-lint/cache.json, or
                            .mermaid-lint-cache without node_modules)
      --concurrency <n>     Lint on n threads (default auto: one per CPU but
                            one, when there are enough files; 1: no worker
                            threads)
      --max-file-size <n>   Skip larger files as errors (bytes, or with k/m;
                            default 2m; 0: no limit)
  -h, --help                Show this help
  -v, --version             Show the version

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(24)}${c.summary}`).join('\n')}

Exit status: 0 no errors, 1 errors found, 2 usage, config or file errors.
`;


const usage = (io: CliIO, message: string): number => usageError(io, message);

export interface RunOptions {
  /** The working directory files, globs and config discovery start from. */
  cwd?: string;
  /** Colour the stylish output (the entry point decides from the terminal, NO_COLOR and FORCE_COLOR). */
  color?: boolean;
  /** Where the progress line may go (default `process.stderr`; it appears on terminals only); null: never. */
  progress?: ProgressStream | null;
  /** The environment (`CI` turns progress off); default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** Files above this size are reported instead of linted: the Markdown parser needs some 300–900 bytes of memory per byte. */
const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** Runs the CLI with arguments (without `node` and the script) and resolves to the exit code. */
export async function run(argv: string[], io: CliIO, options: RunOptions = {}): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const command = COMMANDS.find((c) => c.name === argv[0]);
  if (command) return (await command.load()).run(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'fix-unsafe': { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        concurrency: { type: 'string' },
        'max-file-size': { type: 'string' },
        config: { type: 'string', short: 'c' },
        ignore: { type: 'string', multiple: true },
        gitignore: { type: 'boolean', default: true },
        'stdin-filename': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'max-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    return usage(io, (err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(help());
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const format = values.format ?? DEFAULT_FORMAT;
  if (!isFormatName(format)) return usage(io, `unknown format '${format}'; expected one of ${Object.keys(FORMATTERS).join(', ')}`);
  const maxWarnings = values['max-warnings'] === undefined ? -1 : Number(values['max-warnings']);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) return usage(io, `--max-warnings takes a whole number, got '${values['max-warnings']}'`);

  const concurrency = parseConcurrency(values.concurrency);
  if (concurrency === null) return usage(io, `--concurrency takes a whole number from 1 or 'auto', got '${values.concurrency}'`);
  const maxBytes = values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size']);
  if (maxBytes === null) return usage(io, `--max-file-size takes a size in bytes (or with k or m, e.g. 4m), got '${values['max-file-size']}'`);

  const stdin = positionals.includes('-');
  const dryRun = values['fix-dry-run'] === true;
  if (stdin && positionals.length > 1) return usage(io, "'-' (standard input) cannot be combined with files");
  if (values['stdin-filename'] !== undefined && !stdin) return usage(io, "--stdin-filename goes with '-'");
  if (dryRun && values.fix) return usage(io, '--fix-dry-run cannot be combined with --fix');
  if (stdin && !dryRun && (values.fix || values['fix-unsafe'])) return usage(io, '--fix cannot rewrite standard input; use --fix-dry-run');
  if (values['cache-location'] !== undefined && !values.cache) return usage(io, '--cache-location goes with --cache');

  let loaded: LoadedConfig;
  try {
    loaded = await loadConfig(values.config ?? findConfigFile(cwd), cwd);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`${err.format()}\n`);
      return EXIT.usage;
    }
    throw err;
  }

  let files: string[];
  let ioFailed = false;
  let stdinText: string | undefined;
  const stdinPath = values['stdin-filename'] ?? '<stdin>';
  if (stdin) {
    files = ['-'];
    try {
      stdinText = decodeSource(readFileSync(0), stdinPath);
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      io.stderr(`${err.format()}\n`);
      files = [];
      ioFailed = true;
    }
  } else {
    const list = findFiles({
      cwd,
      patterns: positionals,
      gitignore: values.gitignore !== false,
      ignores: [...loaded.ignores, ...(values.ignore ?? []).map((g) => relativeGlob(loaded.baseDir, cwd, g))],
      ignoreBase: loaded.baseDir,
    });
    for (const p of list.problems) io.stderr(`${p.format()}\n`);
    ioFailed = list.problems.length > 0;
    files = list.files;
  }

  const mode: Task['mode'] = dryRun ? 'dry-run' : values.fix || values['fix-unsafe'] ? 'fix' : 'lint';
  const level: Task['level'] = values['fix-unsafe'] ? 'unsafe' : 'safe';
  const fixKinds = new Set(level === 'unsafe' ? ['safe', 'unsafe'] : ['safe']);
  const need = sourceNeed(format);
  const cache = values.cache && !stdin ? LintCache.load(cacheLocation(cwd, values['cache-location'])) : null;
  const keys = new Map<Config, string>();

  // Per file, by index: what the formatter gets, and what goes to stderr.
  const results: (LintResult | undefined)[] = new Array<LintResult | undefined>(files.length);
  const sources = new Map<string, string>();
  const diffs: (string | undefined)[] = [];
  const messages: (string | undefined)[] = [];
  const tasks: (Task | undefined)[] = [];
  let configError: string | null = null;
  let failed = false;

  // Every file's task up front (plain data; the configuration objects are shared).
  let likelyHits = 0;
  for (let id = 0; id < files.length; id++) {
    const file = files[id] as string;
    const path = file === '-' ? stdinPath : file;
    const abs = resolveIn(cwd, path);
    const config = configFor(loaded, abs);
    const task: Task = {
      id,
      abs,
      path,
      config,
      configSource: loaded.path,
      mode,
      level,
      cache: cache !== null,
      need,
      maxBytes,
      diffName: diffNames(path),
      ...(file === '-' && stdinText !== undefined ? { text: stdinText } : {}),
    };
    if (cache) {
      let key = keys.get(config);
      if (key === undefined) {
        try {
          key = settingsKey(config, loaded.path);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          io.stderr(`${err.format()}\n`);
          return EXIT.usage;
        }
        keys.set(config, key);
      }
      const entry = cache.get(abs, key);
      // With fixes to apply, the fixer must run (its result is cached afterwards).
      if (entry && (mode === 'lint' || !entry.result.diagnostics.some((d) => d.fix && fixKinds.has(d.fix.kind)))) {
        task.expect = { hash: entry.hash, deps: entry.deps, lines: neededLines(entry.result, need) };
        likelyHits++;
      }
    }
    tasks[id] = task;
  }
  let nextIndex = 0;
  // Filled in below, once the number of lanes is known.
  let order: number[] | null = null;
  const next = (): Task | undefined => {
    if (nextIndex >= tasks.length) return undefined;
    const at = nextIndex++;
    return tasks[order ? (order[at] as number) : at];
  };

  const env = options.env ?? process.env;
  // MERMAID_LINT_PROGRESS_DELAY (ms) moves the one-second threshold; tests set it to 0.
  const rawDelay = env['MERMAID_LINT_PROGRESS_DELAY'];
  const delay = rawDelay ? Number(rawDelay) : Number.NaN;
  const progress = createProgress(files.length, {
    stream: options.progress === undefined ? process.stderr : options.progress,
    env,
    ...(delay >= 0 ? { delayMs: delay } : {}),
  });
  let done = 0;
  const onOutcome = (o: Outcome): void => {
    const task = tasks[o.id] as Task;
    tasks[o.id] = undefined;
    switch (o.kind) {
      case 'result': {
        results[o.id] = o.result;
        if (o.source !== undefined) sources.set(task.path, o.source);
        if (o.diff) diffs[o.id] = o.diff;
        if (cache) {
          const key = keys.get(task.config);
          if (o.hash !== undefined && o.deps && key !== undefined) {
            const { path: _path, ...result } = o.result;
            cache.set(task.abs, { key, hash: o.hash, deps: o.deps, result });
          } else cache.delete(task.abs);
        }
        break;
      }
      case 'hit': {
        const entry = cache?.get(task.abs, keys.get(task.config) ?? '');
        if (entry) results[o.id] = { ...entry.result, path: task.path };
        if (o.source !== undefined) sources.set(task.path, o.source);
        break;
      }
      case 'file-error':
        messages[o.id] = o.message;
        ioFailed = true;
        cache?.delete(task.abs);
        break;
      case 'internal-error':
        messages[o.id] = `mermaid-lint: ${o.message}`;
        failed = true;
        break;
      case 'config-error':
        configError ??= o.message;
        break;
    }
    progress.update(++done);
  };

  // A cache hit costs a read and a hash, about a twentieth of linting: count hits as such when choosing lanes.
  const work = concurrency === 'auto' ? files.length - likelyHits + Math.ceil(likelyHits / 20) : files.length;
  const lanes = stdin ? 1 : laneCount(work, concurrency);
  // Several lanes take the largest files first, so that no lane is left with a big file at the end
  // while the others are idle. Outcomes are reported in file order whatever the order of work.
  if (lanes > 1) order = largestFirst(tasks as Task[]);
  try {
    await runPool({ lanes, next, onOutcome, stopped: () => configError !== null });
  } finally {
    progress.finish();
  }
  if (configError !== null) {
    io.stderr(`${configError}\n`);
    return EXIT.usage;
  }
  for (const m of messages) if (m !== undefined) io.stderr(`${m}\n`);
  if (cache) {
    try {
      cache.save();
    } catch (err) {
      const code = (err as { code?: string }).code;
      io.stderr(`mermaid-lint: cannot write the cache ${cache.location}${code ? ` (${code})` : ''}; the results are not cached\n`);
    }
  }

  const linted = results.filter((r): r is LintResult => r !== undefined);
  const shown = values.quiet ? linted.map(onlyErrors) : linted;
  const report = FORMATTERS[format](shown, createFormatContext({ cwd, color: options.color ?? false, sources }));
  if (dryRun) {
    // stdout stays a patch (`> fixes.patch`, then `git apply`); the findings left after fixing go to stderr.
    io.stdout(diffs.filter((d) => d !== undefined).join(''));
    if (report) io.stderr(report);
  } else io.stdout(report);
  if (ioFailed || failed) return EXIT.usage;
  if (linted.some((r) => r.errorCount > 0)) return EXIT.problems;
  const warnings = linted.reduce((n, r) => n + r.warningCount, 0);
  return maxWarnings >= 0 && warnings > maxWarnings ? EXIT.problems : EXIT.ok;
}

/** `--concurrency`: a whole number from 1, or `auto` (the default); null when invalid. */
function parseConcurrency(value: string | undefined): number | 'auto' | null {
  if (value === undefined || value === 'auto') return 'auto';
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

/** `--max-file-size`: bytes, or with a `k`/`kb`/`m`/`mb` suffix (powers of 1024); null when invalid. */
export function parseSize(value: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib)?$/i.exec(value.trim());
  if (!m) return null;
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const n = Number(m[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1);
  return Number.isFinite(n) ? Math.round(n) : null;
}

/** What each format shows of a file's text. */
function sourceNeed(format: FormatName): SourceNeed {
  if (format === 'stylish') return 'lines';
  if (format === 'sarif') return 'fix-full';
  return 'none';
}

/** `a/docs/x.md` and `b/docs/x.md` for a path under the working directory (as git prints them); an absolute path as it is. */
function diffNames(path: string): { old: string; new: string } {
  const p = path.split(sep).join('/');
  return isAbsolute(path) ? { old: p, new: p } : { old: `a/${p}`, new: `b/${p}` };
}

const resolveIn = (cwd: string, p: string): string => resolve(cwd, p);

/** A result with its errors only, for `--quiet`. */
function onlyErrors(r: LintResult): LintResult {
  const diagnostics = r.diagnostics.filter((d) => d.severity === 'error');
  return { ...r, diagnostics, warningCount: 0, infoCount: 0, fixableCount: diagnostics.filter((d) => d.fix).length };
}

/** A command-line glob (relative to the working directory) made relative to the configuration's directory. */
function relativeGlob(baseDir: string, cwd: string, glob: string): string {
  const prefix = relative(baseDir, cwd).split(sep).join('/');
  return prefix ? `${prefix}/${glob}` : glob;
}

/**
 * Task indices by decreasing expected cost: the file's size, or a twentieth
 * of it for a likely cache hit; files that cannot be examined go last (their
 * error is reported when they are read). Equal sizes keep file order.
 */
function largestFirst(tasks: Task[]): number[] {
  const cost = tasks.map((t) => {
    if (t.text !== undefined) return t.text.length;
    try {
      const size = statSync(t.abs).size;
      return t.expect ? size / 20 : size;
    } catch {
      return -1;
    }
  });
  return tasks.map((_, i) => i).sort((a, b) => (cost[b] as number) - (cost[a] as number) || a - b);
}
