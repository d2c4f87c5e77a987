/**
 * Linting files in parallel. Each file is a {@link Task} (plain data: paths,
 * the file's resolved configuration, the mode); {@link processTask} reads,
 * lints or fixes it and returns an {@link Outcome} (plain data too: the
 * result, the source lines a formatter needs, a diff, cache data). The main
 * thread is one lane; with more lanes it starts worker threads that pull
 * tasks from the same queue, so a slow file does not hold up the others and
 * the main thread keeps results only, never models.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ConfigError, resolveRules } from '../lint/config.js';
import { fix, lint, runRules, summarize, type LintResult } from '../lint/engine.js';
import type { Config } from '../lint/types.js';
import { LineIndex } from '../markdown/lines.js';
import { parseDocument } from '../model/document.js';
import type { DocumentModel } from '../model/types.js';
import { RULES } from '../rules/index.js';
import { readSourceFile, SourceError } from '../source/read.js';
import { collectDeps, contentHash, depsUnchanged, type Dep } from './cache.js';
import { unifiedDiff } from './diff.js';
import { writeFileAtomic } from './write.js';

/** What a formatter needs of a file's text: nothing, the lines findings start on (code frames), or all of it when a finding has a fix (SARIF). */
export type SourceNeed = 'none' | 'lines' | 'fix-full';

export interface Task {
  /** Index in the run's file list; outcomes are put back in this order. */
  id: number;
  /** Absolute path to read (and write with `--fix`). */
  abs: string;
  /** The path reported in results and messages. */
  path: string;
  /** The text, for standard input (no file is read or written). */
  text?: string;
  config: Config;
  configSource: string | null;
  mode: 'lint' | 'fix' | 'dry-run';
  level: 'safe' | 'unsafe';
  /** Compute the content hash and dependencies for the cache. */
  cache: boolean;
  /** A cache entry to confirm: when the content hash and dependencies match, the outcome is a `hit`. */
  expect?: { hash: string; deps: Dep[]; lines: number[] | 'all' | null };
  need: SourceNeed;
  /** Files larger than this many bytes are not linted (0: no limit). */
  maxBytes: number;
  /** Name of the file in diff headers. */
  diffName: { old: string; new: string };
}

/** The text a formatter gets for a file: complete, or only some lines (the others empty), which code frames need. */
export type KeptSource = string | undefined;

export type Outcome =
  | {
      id: number;
      kind: 'result';
      result: LintResult;
      source: KeptSource;
      /** Hash of the text the result describes, when it may be cached (absent: do not cache). */
      hash?: string;
      deps?: Dep[];
      diff?: string;
    }
  | { id: number; kind: 'hit'; source: KeptSource }
  /** A file that could not be read or written: one line, `path:line:column: message`. */
  | { id: number; kind: 'file-error'; message: string }
  /** An invalid configuration met while linting (stops the run). */
  | { id: number; kind: 'config-error'; message: string }
  | { id: number; kind: 'internal-error'; message: string };

const MB = 1024 * 1024;

/** `2 MB`, `512 KB`, `80 bytes`. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${+(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Reads a task's text, as {@link SourceError}s naming the reported path. */
function readTask(task: Task): string {
  try {
    if (task.text !== undefined) {
      if (task.maxBytes > 0 && Buffer.byteLength(task.text) > task.maxBytes) tooLarge(task, Buffer.byteLength(task.text));
      return task.text;
    }
    if (task.maxBytes > 0) {
      let size = -1;
      try {
        const st = statSync(task.abs);
        if (st.isFile()) size = st.size;
      } catch {
        // readSourceFile names the problem.
      }
      if (size > task.maxBytes) tooLarge(task, size);
    }
    return readSourceFile(task.abs);
  } catch (err) {
    if (err instanceof SourceError && err.file !== task.path) throw new SourceError(task.path, err.message, err.line, err.column);
    throw err;
  }
}

function tooLarge(task: Task, size: number): never {
  throw new SourceError(task.path, `file too large (${formatBytes(size)}; the limit is ${formatBytes(task.maxBytes)}, raise it with --max-file-size)`);
}

/** Lints like `lint()` and also returns the model (for the cache's dependencies). */
async function lintWithModel(source: string, path: string, config: Config, configSource: string | null): Promise<{ result: LintResult; model: DocumentModel }> {
  const active = resolveRules(config, RULES, configSource);
  const model = parseDocument(source, { path });
  const diagnostics = await runRules(model, source, active, config, RULES);
  return { result: summarize(model.path, diagnostics), model };
}

/** Which lines of a result's file a formatter shows: the start lines of its findings, all of it, or none. */
export function neededLines(result: Pick<LintResult, 'diagnostics'>, need: SourceNeed): number[] | 'all' | null {
  if (need === 'none' || result.diagnostics.length === 0) return null;
  if (need === 'fix-full') return result.diagnostics.some((d) => d.fix) ? 'all' : null;
  return [...new Set(result.diagnostics.map((d) => d.position.start.line))].sort((a, b) => a - b);
}

/**
 * The text a formatter gets: all of it, or the wanted lines in place with
 * every other line empty (code frames look lines up by number only), so a
 * large file with one finding keeps one line.
 */
export function keepSource(source: string, lines: number[] | 'all' | null): KeptSource {
  if (lines === null) return undefined;
  if (lines === 'all') return source;
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const index = new LineIndex(text);
  const max = lines[lines.length - 1] ?? 0;
  const out: string[] = new Array<string>(Math.min(max, index.lineCount)).fill('');
  for (const n of lines) if (n >= 1 && n <= index.lineCount) out[n - 1] = index.lineText(n);
  return out.join('\n');
}

const withoutOutput = (r: LintResult & { output?: string; fixed?: number }): LintResult => {
  const { output: _o, fixed: _f, ...rest } = r;
  return rest;
};

/** Reads, lints (or fixes) one file. Never throws: every problem is an outcome. */
export async function processTask(task: Task): Promise<Outcome> {
  const id = task.id;
  try {
    let source: string;
    try {
      source = readTask(task);
    } catch (err) {
      if (err instanceof SourceError) return { id, kind: 'file-error', message: err.format() };
      throw err;
    }
    const hash = task.cache ? contentHash(source) : undefined;
    if (task.expect && hash === task.expect.hash && depsUnchanged(task.expect.deps)) {
      return { id, kind: 'hit', source: keepSource(source, task.expect.lines) };
    }
    const options = { path: task.path, config: task.config, ...(task.configSource ? { configSource: task.configSource } : {}) };
    if (task.mode === 'lint') {
      if (!task.cache) {
        const result = await lint(source, options);
        return { id, kind: 'result', result, source: keepSource(source, neededLines(result, task.need)) };
      }
      const { result, model } = await lintWithModel(source, task.path, task.config, task.configSource);
      const deps = dependencies(model, task);
      return { id, kind: 'result', result, source: keepSource(source, neededLines(result, task.need)), ...(deps ? { hash, deps } : {}) };
    }
    const fixed = await fix(source, { ...options, level: task.level });
    const output = fixed.output;
    const result = withoutOutput(fixed);
    let diff: string | undefined;
    if (task.mode === 'fix' && output !== source && task.text === undefined) {
      try {
        writeFileAtomic(task.abs, output);
      } catch (err) {
        const code = (err as { code?: string }).code;
        return { id, kind: 'file-error', message: new SourceError(task.path, `cannot write the fixed file${code ? ` (${code})` : ''}`).format() };
      }
    }
    if (task.mode === 'dry-run') diff = unifiedDiff(source, output, { oldName: task.diffName.old, newName: task.diffName.new });
    const out: Outcome = { id, kind: 'result', result, source: keepSource(output, neededLines(result, task.need)), ...(diff ? { diff } : {}) };
    // The result describes the text now on disk: cache it (a dry run's changed text is not on disk).
    if (task.cache && (task.mode === 'fix' || output === source)) {
      const deps = dependencies(parseDocument(output, { path: task.path }), task);
      if (deps) Object.assign(out, { hash: output === source ? hash : contentHash(output), deps });
    }
    return out;
  } catch (err) {
    if (err instanceof ConfigError) return { id, kind: 'config-error', message: err.format() };
    const message = err instanceof Error ? err.message : String(err);
    return { id, kind: 'internal-error', message: `${task.path}: internal error: ${message.split('\n')[0]}` };
  }
}

/** Dependencies of the result, when `broken-reference` (the rule that reads other files) is on; null: do not cache. */
function dependencies(model: DocumentModel, task: Task): Dep[] | null {
  if (task.text !== undefined) return null;
  const on = resolveRules(task.config, RULES, task.configSource).some((a) => a.rule.meta.id === 'broken-reference');
  return on ? collectDeps(model, task.abs) : [];
}

// ---------------------------------------------------------------------------
// The pool

/** Below this many files per lane, another lane costs more (a worker's start-up, about 0.3 s of loading) than it saves. */
export const MIN_FILES_PER_LANE = 8;

/**
 * How many lanes (the main thread plus workers) to use for `files` files:
 * `--concurrency N` as asked (at most one per file), else one per CPU but one
 * while each gets at least {@link MIN_FILES_PER_LANE} files. One CPU is left
 * to V8's own threads (garbage collection, compilation): one lane keeps about
 * 1.4 cores busy, and on two cores a second lane was no faster (between 13 %
 * slower and 10 % faster over three bench runs) for 25–40 % more CPU.
 */
export function laneCount(files: number, requested: number | 'auto', cpus = availableParallelism()): number {
  if (requested !== 'auto') return Math.max(1, Math.min(requested, files));
  return Math.max(1, Math.min(cpus - 1, Math.floor(files / MIN_FILES_PER_LANE)));
}

/** The built worker entry beside this bundle (`worker.js` for ESM, `worker.cjs` for CommonJS), or null when running from sources. */
export function workerEntry(): string | null {
  let here: string;
  try {
    here = fileURLToPath(import.meta.url);
  } catch {
    return null;
  }
  const entry = join(dirname(here), here.endsWith('.cjs') ? 'worker.cjs' : 'worker.js');
  // From sources (tests, ts runners) there is no built worker: lint in the main thread.
  if (basename(dirname(here)) === 'cli' && here.endsWith('.ts')) return null;
  try {
    return statSync(entry).isFile() ? entry : null;
  } catch {
    return null;
  }
}

export interface PoolOptions {
  /** Total lanes, the main thread included. */
  lanes: number;
  /** The next task, or undefined when there are none left. */
  next: () => Task | undefined;
  /** Called once per task, in completion order. */
  onOutcome: (outcome: Outcome) => void;
  /** Stop handing out tasks (after a configuration error). */
  stopped: () => boolean;
}

/** Tasks a worker holds at once: one running, one waiting, so it never idles between messages. */
const PREFETCH = 2;
/** Replacement workers a lane may start after its worker dies. */
const MAX_RESTARTS = 2;

const nextTick = () => new Promise<void>((r) => setImmediate(r));

/** Runs every task on the main thread and `lanes - 1` workers; resolves when all outcomes are in. */
export async function runPool(options: PoolOptions): Promise<{ workers: number }> {
  const retry: Task[] = [];
  const take = (): Task | undefined => (options.stopped() ? undefined : (retry.shift() ?? options.next()));
  const entry = options.lanes > 1 ? workerEntry() : null;
  const lanes: WorkerLane[] = [];
  if (entry) for (let i = 1; i < options.lanes; i++) lanes.push(workerLane(entry, take, retry, options.onOutcome));
  for (;;) {
    const task = take();
    if (!task) break;
    options.onOutcome(await processTask(task));
    // Let workers' messages in between files.
    if (lanes.length > 0) await nextTick();
  }
  // Workers still starting have nothing left to do: do not wait for them.
  for (const lane of lanes) lane.stopIfIdle();
  await Promise.all(lanes.map((l) => l.done));
  // A worker that died may have handed back tasks after the main lane finished.
  for (let task = take(); task; task = take()) options.onOutcome(await processTask(task));
  return { workers: lanes.length };
}

/** Heap limit of each worker: the process's own, so a file too big for memory ends its worker, not the process. */
const workerHeapMb = (): number => Math.max(256, Math.floor(getHeapStatistics().heap_size_limit / MB));

interface WorkerLane {
  /** Resolves when the lane has no task left and its worker is stopped. */
  done: Promise<void>;
  /** Stops the worker if it holds no task (e.g. it is still starting). */
  stopIfIdle(): void;
}

function workerLane(entry: string, take: () => Task | undefined, retry: Task[], onOutcome: (o: Outcome) => void): WorkerLane {
  let resolveLane!: () => void;
  const done = new Promise<void>((r) => (resolveLane = r));
  let restarts = 0;
  let current: { worker: Worker; inflight: Task[]; ended: boolean } | null = null;
  const finish = (lane: NonNullable<typeof current>) => {
    lane.ended = true;
    void lane.worker.terminate();
    resolveLane();
  };
  const start = () => {
    const worker = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb() }, stdout: false, stderr: false });
    const lane = { worker, inflight: [] as Task[], ended: false };
    current = lane;
    const feed = () => {
      while (lane.inflight.length < PREFETCH) {
        const task = take();
        if (!task) break;
        lane.inflight.push(task);
        worker.postMessage(task);
      }
      if (lane.inflight.length === 0) finish(lane);
    };
    worker.on('message', (msg: { ready: true } | Outcome) => {
      if (lane.ended) return;
      if ('ready' in msg) {
        feed();
        return;
      }
      const at = lane.inflight.findIndex((t) => t.id === msg.id);
      if (at >= 0) lane.inflight.splice(at, 1);
      onOutcome(msg);
      feed();
    });
    const died = (err: unknown) => {
      if (lane.ended) return;
      lane.ended = true;
      // The oldest task was running; the others had not started and go back to the queue.
      const [running, ...waiting] = lane.inflight;
      retry.push(...waiting);
      if (running) {
        const code = (err as { code?: string } | null)?.code;
        const why = code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : err instanceof Error ? err.message.split('\n')[0] : 'worker stopped';
        onOutcome({ id: running.id, kind: 'internal-error', message: `${running.path}: internal error: ${why}` });
      }
      void worker.terminate();
      if (restarts++ < MAX_RESTARTS) start();
      else resolveLane();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`worker exited with code ${code}`)));
  };
  start();
  return {
    done,
    stopIfIdle() {
      const lane = current;
      if (lane && !lane.ended && lane.inflight.length === 0) finish(lane);
    },
  };
}
