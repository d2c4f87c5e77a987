/**
 * Unified line diffs for `--fix-dry-run`: Myers' O(ND) algorithm over lines
 * (after trimming the common head and tail, as fixes are local), printed the
 * way `diff -u` and `git diff` print them, so `patch -p1` and `git apply`
 * take the output.
 */

export interface UnifiedDiffOptions {
  /** Name on the `---` line (e.g. `a/docs/x.md`). */
  oldName: string;
  /** Name on the `+++` line (e.g. `b/docs/x.md`). */
  newName: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

/** One step of an edit script: keep `a[i]`, delete `a[i]` or insert `b[j]`. */
type Op = { kind: ' '; i: number; j: number } | { kind: '-'; i: number } | { kind: '+'; j: number };

/** Beyond this many differing lines the middle is replaced wholesale instead of searched (memory grows with its square). */
const MAX_EDIT_DISTANCE = 2000;

/** Lines with their endings (`\n`; a `\r` before it stays part of the line); the last may have none. */
export function splitLinesKeep(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** The unified diff turning `before` into `after`, or `''` when they are equal. */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions): string {
  if (before === after) return '';
  const a = splitLinesKeep(before);
  const b = splitLinesKeep(after);
  const ops = diffLines(a, b);
  const context = Math.max(0, options.context ?? 3);
  const out: string[] = [`--- ${options.oldName}\n`, `+++ ${options.newName}\n`];
  for (const hunk of hunks(ops, context)) {
    let oldStart = -1;
    let newStart = -1;
    let oldLen = 0;
    let newLen = 0;
    // Positions before the hunk, for empty ranges (`-0,0` inserts at the top, as diff prints them).
    let oldBefore = 0;
    let newBefore = 0;
    const first = hunk[0] as Op;
    if (first.kind === ' ') [oldBefore, newBefore] = [first.i, first.j];
    else if (first.kind === '-') [oldBefore, newBefore] = [first.i, jBefore(ops, first)];
    else [oldBefore, newBefore] = [iBefore(ops, first), first.j];
    const body: string[] = [];
    for (const op of hunk) {
      if (op.kind !== '+') {
        if (oldStart < 0) oldStart = op.i;
        oldLen++;
      }
      if (op.kind !== '-') {
        if (newStart < 0) newStart = op.j;
        newLen++;
      }
      const line = op.kind === '+' ? (b[op.j] as string) : (a[op.i] as string);
      body.push(op.kind + (line.endsWith('\n') ? line : `${line}\n\\ No newline at end of file\n`));
    }
    const range = (start: number, before: number, len: number) =>
      len === 0 ? `${before},0` : len === 1 ? `${start + 1}` : `${start + 1},${len}`;
    out.push(`@@ -${range(oldStart, oldBefore, oldLen)} +${range(newStart, newBefore, newLen)} @@\n`, ...body);
  }
  return out.join('');
}

/** The index in `b` where an op that deletes from `a` sits (lines of `b` before it). */
function jBefore(ops: Op[], op: Op): number {
  let j = 0;
  for (const o of ops) {
    if (o === op) return j;
    if (o.kind !== '-') j++;
  }
  return j;
}

function iBefore(ops: Op[], op: Op): number {
  let i = 0;
  for (const o of ops) {
    if (o === op) return i;
    if (o.kind !== '+') i++;
  }
  return i;
}

/** Groups an edit script into hunks: changes with `context` kept lines around them, merging hunks that touch. */
function hunks(ops: Op[], context: number): Op[][] {
  const changed: number[] = [];
  ops.forEach((op, k) => {
    if (op.kind !== ' ') changed.push(k);
  });
  const out: Op[][] = [];
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, (changed[k] as number) - context);
    let last = changed[k] as number;
    while (k + 1 < changed.length && (changed[k + 1] as number) - last <= 2 * context + 1) last = changed[++k] as number;
    const to = Math.min(ops.length, last + context + 1);
    out.push(ops.slice(from, to));
    k++;
  }
  return out;
}

/** A shortest edit script from `a` to `b` (Myers), deletions before insertions within a change. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', i, j: i });
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const middle = myers(n, m, (x, y) => a[head + x] === b[head + y]);
  if (middle === null) {
    for (let x = 0; x < n; x++) ops.push({ kind: '-', i: head + x });
    for (let y = 0; y < m; y++) ops.push({ kind: '+', j: head + y });
  } else {
    for (const op of middle) {
      if (op.kind === ' ') ops.push({ kind: ' ', i: head + op.i, j: head + op.j });
      else if (op.kind === '-') ops.push({ kind: '-', i: head + op.i });
      else ops.push({ kind: '+', j: head + op.j });
    }
  }
  for (let t = 0; t < tail; t++) ops.push({ kind: ' ', i: a.length - tail + t, j: b.length - tail + t });
  return deletionsFirst(ops);
}

/** Within each run of changes, the deletions, then the insertions (as `diff` and `git` print them). */
function deletionsFirst(ops: Op[]): Op[] {
  const out: Op[] = [];
  let dels: Op[] = [];
  let ins: Op[] = [];
  const flush = () => {
    out.push(...dels, ...ins);
    dels = [];
    ins = [];
  };
  for (const op of ops) {
    if (op.kind === '-') dels.push(op);
    else if (op.kind === '+') ins.push(op);
    else {
      flush();
      out.push(op);
    }
  }
  flush();
  return out;
}

/**
 * Myers' greedy shortest edit script over sequences of lengths n and m, with
 * each step's frontier saved only over the diagonals it reaches (O(D²)
 * memory). Null when the edit distance exceeds {@link MAX_EDIT_DISTANCE}.
 */
function myers(n: number, m: number, equal: (x: number, y: number) => boolean): Op[] | null {
  const max = n + m;
  if (max === 0) return [];
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  const limit = Math.min(max, MAX_EDIT_DISTANCE);
  outer: for (let d = 0; d <= limit; d++) {
    // Diagonals -d-1 … d+1 of the frontier before this step.
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[off + k - 1] as number) < (v[off + k + 1] as number)) ? (v[off + k + 1] as number) : (v[off + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && equal(x, y)) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break outer;
      }
    }
  }
  if (found < 0) return null;
  const rev: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d >= 0; d--) {
    const snap = trace[d] as Int32Array;
    const at = (k: number) => snap[k + d + 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      rev.push({ kind: ' ', i: x, j: y });
    }
    if (d > 0) {
      if (x === prevX) rev.push({ kind: '+', j: prevY });
      else rev.push({ kind: '-', i: prevX });
    }
    x = prevX;
    y = prevY;
  }
  return rev.reverse();
}
