/**
 * String distances and word helpers for the name rules: edit distance with
 * transpositions, the kind of a single edit, letters people confuse, and the
 * word tokens of a name with their offsets.
 */

/** Code points of a string (so that astral characters count as one). */
function chars(s: string): string[] {
  return Array.from(s);
}

/**
 * Damerau–Levenshtein distance in its "optimal string alignment" form:
 * insertions, deletions, substitutions and transpositions of two adjacent
 * characters each cost 1, and no substring is edited twice. Counts code points.
 * Stops early and returns `max + 1` once the distance must exceed `max`.
 *
 * `editDistance('Cubeflow', 'Kubeflow') === 1`, `editDistance('Gti', 'Git') === 1`
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const s = codes(a, bufA);
  const t = codes(b, bufB);
  const n = s.length;
  const m = t.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rows: two back (for transpositions), one back, current.
  let prev2 = row(0, m);
  let prev = row(1, m);
  let cur = row(2, m);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const si = s[i - 1] as number;
    const sp = i > 1 ? (s[i - 2] as number) : -1;
    for (let j = 1; j <= m; j++) {
      const tj = t[j - 1] as number;
      const del = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      const sub = (prev[j - 1] as number) + (si === tj ? 0 : 1);
      let v = del < ins ? del : ins;
      if (sub < v) v = sub;
      if (j > 1 && si === t[j - 2] && sp === tj) {
        const tr = (prev2[j - 2] as number) + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  const d = prev[m] as number;
  return d > max ? max + 1 : d;
}

/** Scratch space for `editDistance`, grown as needed and reused (it runs for every candidate name of every word). */
let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
const bufA: number[] = [];
const bufB: number[] = [];

function row(k: number, m: number): Int32Array {
  if ((rows[0] as Int32Array).length <= m) rows = [0, 1, 2].map(() => new Int32Array(2 * (m + 1)));
  return rows[k] as Int32Array;
}

/** The code points of a string, into a reused buffer (so that astral characters count as one). */
function codes(s: string, buf: number[]): number[] {
  buf.length = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i) as number;
    buf.push(c);
    if (c > 0xffff) i++;
  }
  return buf;
}

export type EditKind = 'substitution' | 'insertion' | 'deletion' | 'transposition';

/** The one edit that turns one string into another. */
export interface SingleEdit {
  kind: EditKind;
  /** Code point index in the first string where the edit happens. */
  at: number;
  /** What the first string has there: the replaced, deleted or first transposed character; '' for an insertion. */
  from: string;
  /** What the second string has instead: '' for a deletion. */
  to: string;
  /** An insertion or deletion of a letter next to the same letter (`Kubernettes`, `Kuberntes` is not). */
  doubling: boolean;
}

/**
 * The single edit (substitution, insertion, deletion or adjacent
 * transposition) that turns `a` into `b`, or null when they are equal or
 * further apart.
 */
export function singleEdit(a: string, b: string): SingleEdit | null {
  const s = chars(a);
  const t = chars(b);
  let i = 0;
  while (i < s.length && i < t.length && s[i] === t[i]) i++;
  if (s.length === t.length) {
    if (i === s.length) return null;
    // Same tail after one position: substitution.
    if (s.slice(i + 1).join('') === t.slice(i + 1).join('')) {
      return { kind: 'substitution', at: i, from: s[i] ?? '', to: t[i] ?? '', doubling: false };
    }
    if (s[i] === t[i + 1] && s[i + 1] === t[i] && s.slice(i + 2).join('') === t.slice(i + 2).join('')) {
      return { kind: 'transposition', at: i, from: s[i] ?? '', to: t[i] ?? '', doubling: false };
    }
    return null;
  }
  if (s.length + 1 === t.length) {
    // Insertion into `a` at i.
    if (s.slice(i).join('') !== t.slice(i + 1).join('')) return null;
    const c = t[i] ?? '';
    return { kind: 'insertion', at: i, from: '', to: c, doubling: s[i - 1] === c || s[i] === c };
  }
  if (s.length === t.length + 1) {
    if (s.slice(i + 1).join('') !== t.slice(i).join('')) return null;
    const c = s[i] ?? '';
    return { kind: 'deletion', at: i, from: c, to: '', doubling: s[i - 1] === c || s[i + 1] === c };
  }
  return null;
}

/** Pairs of letters that sound alike or are written for one another: `Cubeflow` for `Kubeflow`. */
const CONFUSABLE: ReadonlySet<string> = new Set(['ck', 'kq', 'cq', 'sz', 'iy']);

/** True when two letters are a phonetic confusion (c/k, k/q, c/q, s/z, i/y); case-insensitive. */
export function isConfusable(x: string, y: string): boolean {
  const a = x.toLowerCase();
  const b = y.toLowerCase();
  if (a === b) return false;
  return CONFUSABLE.has(a < b ? a + b : b + a);
}

/** Endings that make another form of the same word: plurals, possessives, verb forms, agent nouns. */
const INFLECTIONS = ['s', 'es', "'s", '’s', "'", '’', 'e', 'd', 'ed', 'r', 'er', 'ing'];

/**
 * True when one word is the other with an inflection added rather than a
 * misspelling of it: a plural or possessive (`Airflows`, `Kafka's`), a verb
 * form (`promoted`), an agent noun (`Fiddler` from `Fiddle`), a final `e`
 * (`Werkzeuge`), or `y` → `ies`. Case-insensitive.
 */
export function isInflection(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (long.startsWith(short) && INFLECTIONS.includes(long.slice(short.length))) return true;
  if (short.endsWith('y') && long === `${short.slice(0, -1)}ies`) return true;
  return false;
}

/** The letters and digits of a name, lower-cased, without blanks or punctuation: `ELK Stack / OpenSearch` → `elkstackopensearch`. */
export function compactKey(normalized: string): string {
  return normalized.replace(/ /g, '');
}

/** One word of a text, as `normalizeName` reads words, with where it is. */
export interface WordToken {
  /** The word as written. */
  text: string;
  /** Lower-cased, compatibility-folded; `&` reads `and`. */
  key: string;
  /** Offsets into the text the words were read from. */
  start: number;
  end: number;
  /** Index of the part of the text the word is in; parts are separated by `/`, `,`, ` + `, `:`, `;`, `|` and brackets. */
  part: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+[+#]*|&/gu;
const PART_BREAK = /[/,:;|()[\]{}]|(^|\s)\+(\s|$)/;

/**
 * The words of a name or label, split as `normalizeName` splits them, each
 * with its offsets and the part of the text it belongs to.
 *
 * `words('Cubeflow Pipelines / Argo')` → Cubeflow (0), Pipelines (0), Argo (1)
 */
export function words(text: string): WordToken[] {
  const out: WordToken[] = [];
  let part = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const gap = text.slice(last, start);
    if (out.length > 0 && PART_BREAK.test(gap)) part++;
    const key = m[0] === '&' ? 'and' : m[0].normalize('NFKC').toLowerCase();
    out.push({ text: m[0], key, start, end: start + m[0].length, part });
    last = start + m[0].length;
  }
  return out;
}

/** Whether an offset is inside an inline code span of its line (an odd number of backticks before it on the line). */
export function inCodeSpan(text: string, offset: number): boolean {
  // Walk back to the line start and count backticks on the way (two `lastIndexOf`s would scan
  // the whole text back when it has no `\r`).
  let ticks = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 96) ticks++;
  }
  return ticks % 2 === 1;
}

/**
 * Whether `[start, end)` lies in a path, URL, glob or `owner/image:tag`
 * reference: the run of non-blank characters around it is one
 * (`/v1/prometheus/write`, `.github/agents`, `*.bicep`, `linux/x86`,
 * `grafana/otel-lgtm:0.29`). Names joined by a slash (`FastAPI/Flask`,
 * `ELK Stack/OpenSearch`) are not: their parts are capitalised.
 */
export function inPath(text: string, start: number, end: number): boolean {
  let a = start;
  let b = end;
  while (a > 0 && !/[\s"'`[\](){}<>|]/.test(text.charAt(a - 1))) a--;
  while (b < text.length && !/[\s"'`[\](){}<>|]/.test(text.charAt(b))) b++;
  const chunk = text.slice(a, b).replace(/[.,;:!?*]+$/, '');
  if (/:\/\/|^(?:~|\.{1,2})?\/|^\*\.|^\.\p{L}/u.test(chunk)) return true;
  if (!chunk.includes('/')) return false;
  const segments = chunk.split('/');
  if (segments.length > 2 || /[:.@]/.test(chunk)) return true;
  return segments.every((s) => s === s.toLowerCase());
}
