/**
 * The `files done / total` line on a terminal: shown only when standard error
 * is a terminal, not in CI, and once the run has taken about a second; redrawn
 * in place with `\r` and erased at the end, so logs and pipes never see it.
 */

/** Where the progress line goes (normally `process.stderr`). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressOptions {
  stream: ProgressStream | null;
  env: NodeJS.ProcessEnv;
  /** Milliseconds before the line first appears (default 1000). */
  delayMs?: number;
  /** Least milliseconds between redraws (default 100). */
  intervalMs?: number;
  /** The clock (tests pass their own). */
  now?: () => number;
  /** Set a timer that draws the line once the delay has passed even when no file finishes (default true). */
  timer?: boolean;
}

export interface Progress {
  /** Whether this progress line can appear at all. */
  readonly enabled: boolean;
  /** `done` files of the total have finished. */
  update(done: number): void;
  /** Erases the line if it is shown (before other output goes to the same stream); the next update redraws it. */
  clear(): void;
  /** Erases the line and stops. */
  finish(): void;
}

/** CI services set `CI` (GitHub Actions, GitLab, CircleCI, Travis, Buildkite, …); `CI=false` and `CI=0` mean not CI. */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const v = env['CI'];
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

const CLEAR = '\r\u001b[K';

export function createProgress(total: number, options: ProgressOptions): Progress {
  const stream = options.stream;
  const enabled = stream !== null && stream.isTTY === true && !isCI(options.env) && total > 0;
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 1000;
  const interval = options.intervalMs ?? 100;
  const start = now();
  let done = 0;
  let shown = false;
  let lastDraw = -Infinity;
  let finished = false;
  let timer: NodeJS.Timeout | undefined;

  const draw = () => {
    if (!enabled || finished || !stream) return;
    const text = `mermaid-lint: ${done} / ${total} files`;
    // A pseudo-terminal without a size reports 0 columns.
    const width = stream.columns || 80;
    stream.write(`${CLEAR}${text.slice(0, Math.max(0, width - 1))}`);
    shown = true;
    lastDraw = now();
  };

  if (enabled && options.timer !== false) {
    timer = setTimeout(draw, delay);
    timer.unref();
  }

  return {
    enabled,
    update(n) {
      done = n;
      if (!enabled || finished) return;
      const t = now();
      if (t - start < delay) return;
      if (shown && t - lastDraw < interval) return;
      draw();
    },
    clear() {
      if (shown && stream) stream.write(CLEAR);
      shown = false;
      lastDraw = -Infinity;
    },
    finish() {
      if (timer) clearTimeout(timer);
      if (shown && stream) stream.write(CLEAR);
      shown = false;
      finished = true;
    },
  };
}
