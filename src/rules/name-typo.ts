import { COMMON_WORDS, CURATED_TERMS } from '../lint/data/terms.js';
import type { RuleContext, TextEdit } from '../lint/types.js';
import { bareNode } from './name-spelling.js';
import { defineRule } from '../lint/types.js';
import type { Vocabulary } from '../lint/vocabulary.js';
import { LineIndex } from '../markdown/lines.js';
import { normalizeName } from '../model/names.js';
import type { Position } from '../model/position.js';
import type { DocumentModel, Mention, Name } from '../model/types.js';
import { editDistance, inCodeSpan, inPath, isConfusable, isInflection, singleEdit, words, type WordToken } from '../text/distance.js';
import { ruleDocs } from './docs.js';

type Options = {
  /** Words shorter than this are never checked. */
  minLength: number;
  /** Edits allowed per letter of a word longer than four letters (at least one). */
  maxDistanceRatio: number;
  /** Names and words never reported, nor suggested. */
  ignore: string[];
};

/** Where a known spelling comes from, for the message. */
type Origin = { kind: 'declared'; where: 'table' | 'list'; line: number } | { kind: 'config' } | { kind: 'dictionary' };

interface Known {
  /** The spelling to suggest. */
  word: string;
  key: string;
  /** Its normalised words. */
  words: string[];
  origin: Origin;
}

/** Words of four letters or fewer get only the strongest signals. */
const SHORT = 4;
const MAX_WINDOW = 8;
/** From this length on, one plain edit is a slip even against a dictionary name the document never writes. */
const LONG = 9;

const COMMON: ReadonlySet<string> = new Set(COMMON_WORDS.map((w) => w.toLowerCase()));
const CURATED: ReadonlySet<string> = new Set(CURATED_TERMS);

/** The dictionary words the rule suggests: names as spelled by their makers, not lower-case terms or code identifiers. */
function nameLike(word: string): boolean {
  if (CURATED.has(word)) return true;
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word) && !COMMON.has(word.toLowerCase());
}

/** Dictionary and configured names, split by word count; built once per vocabulary. */
interface VocabularyIndex {
  single: Known[];
  multi: Known[];
}
const vocabularyIndexes = new WeakMap<Vocabulary, VocabularyIndex>();

function indexVocabulary(vocabulary: Vocabulary): VocabularyIndex {
  let index = vocabularyIndexes.get(vocabulary);
  if (index) return index;
  index = { single: [], multi: [] };
  for (const e of vocabulary.entries()) {
    if (e.source === 'dictionary' && !nameLike(e.word)) continue;
    const ws = e.key.split(' ');
    const known: Known = { word: e.word, key: e.key, words: ws, origin: e.source === 'config' ? { kind: 'config' } : { kind: 'dictionary' } };
    (ws.length > 1 ? index.multi : index.single).push(known);
  }
  vocabularyIndexes.set(vocabulary, index);
  return index;
}

/** How close a written word is to a known one; null when it is not a likely misspelling of it. */
interface Closeness {
  distance: number;
  /** A transposition, a c/k-type confusion or a doubled letter: the marks of a slip, not of another word. */
  strong: boolean;
}

/**
 * Compares a written word with a known word (both normalised). Short words
 * (four letters or fewer) match only by a transposition or a phonetic
 * confusion; longer ones within `ratio` edits per letter, keeping the first
 * letter unless the edit is a swap or a confusion. Inflections (plurals,
 * possessives) and differences in digits (`K3s`/`K8s`) are never typos.
 *
 * `phonetic` says whether a c/k-type confusion is the mark of a slip: it is
 * against a name the document writes (`Cubeflow` beside `Kubeflow
 * Pipelines`), not against a dictionary name alone, since product names
 * respell English words (`Karpenter`, `Skaffold`, `Arize`).
 */
function closeness(written: string, known: string, ratio: number, phonetic: boolean): Closeness | null {
  if (written === known) return null;
  if (digitsOf(written) !== digitsOf(known)) return null;
  if (isInflection(written, known)) return null;
  const len = Math.max([...written].length, [...known].length);
  const allowed = len <= SHORT ? 1 : Math.max(1, Math.floor(len * ratio));
  const distance = editDistance(written, known, allowed);
  if (distance > allowed) return null;
  const edit = distance === 1 ? singleEdit(written, known) : null;
  const confusion = phonetic && edit !== null && edit.kind === 'substitution' && isConfusable(edit.from, edit.to);
  const swapOrConfusion = edit !== null && (edit.kind === 'transposition' || confusion);
  const strong = swapOrConfusion || (edit !== null && edit.doubling);
  if (len <= SHORT && !swapOrConfusion) return null;
  if (written[0] !== known[0] && !(swapOrConfusion && edit?.at === 0)) return null;
  return { distance, strong };
}

/** The runs of digits of a word, space-separated (`k8s` → `8`); '' when it has none. */
function digitsOf(s: string): string {
  // Most words have no digit: skip the regular expression for them.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return s.replace(/\D+/g, ' ').trim();
  }
  return '';
}

/** `declared in the table at line 50`, `in the configured vocabulary`, `in the dictionary`. */
function describeOrigin(origin: Origin): string {
  if (origin.kind === 'declared') return `declared in the ${origin.where} at line ${origin.line}`;
  if (origin.kind === 'config') return 'in the configured vocabulary';
  return 'in the dictionary';
}

const rank = (o: Origin): number => (o.kind === 'declared' ? 0 : o.kind === 'config' ? 1 : 2);

/** Where a mention's text is in the file: the offset its text starts at, or null when it is not written literally. */
function mentionBase(text: string, m: Mention): number | null {
  const { start, end } = m.position;
  if (text.slice(start.offset, end.offset) === m.text) return start.offset;
  const at = text.indexOf(m.text, start.offset);
  return at >= 0 && at + m.text.length <= end.offset ? at : null;
}

interface Finding {
  /** Offsets of the misspelt word(s) in the file, or null when not located. */
  start: number;
  end: number;
  located: boolean;
  /** The written phrase the message quotes. */
  written: string;
  candidates: Known[];
  /** Replacement for `[start, end)` when there is exactly one candidate. */
  replacement: string | null;
  strong: boolean;
}

/**
 * Mentions of names that are one slip away from a known name: a name the
 * document declares, a configured name, or a dictionary name.
 */
export const nameTypo = defineRule<Options>({
  meta: {
    id: 'name-typo',
    description: 'Reports names in diagrams, tables, lists and headings that are misspellings of a declared, configured or dictionary name, such as `Cubeflow` for `Kubeflow`.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docs: ruleDocs('name-typo'),
    defaultOptions: { minLength: 3, maxDistanceRatio: 0.2, ignore: [] },
  },
  check(context) {
    const { model, options } = context;
    if (model.names.length === 0) return;
    const ratio = Math.max(0, Math.min(0.5, options.maxDistanceRatio));
    const minLength = Math.max(1, options.minLength);
    const ignore = new Set(options.ignore.map((w) => normalizeName(w)));
    const vocab = indexVocabulary(context.vocabulary);

    // The document's declared names (with aliases), and every word the author or the dictionary knows.
    const declared = declaredNames(model);
    const knownWords = new Set<string>();
    for (const k of declared.values()) for (const w of k.words) knownWords.add(w);
    // A declared name's own words are not evidence that it is spelt right.
    const isKnownWord = (key: string, declaredMode: boolean): boolean =>
      (!declaredMode && knownWords.has(key)) || COMMON.has(key) || ignore.has(key) || context.vocabulary.lookup(key) !== undefined;

    const declaredList = [...declared.values()];
    const derived = derivedIndexes(vocab);
    // The document's own one-word names are matched per document; the vocabulary's, once per run per word.
    const declaredSingle = declaredList.filter((k) => k.words.length === 1);
    const declaredSingleKeys = new Set(declaredSingle.map((k) => k.key));
    const memo = wordMemo(derived, ratio, ignore);
    const windowsFree = declaredList.length === 0 ? derived.freeWindows : windowIndex(dedupe([...declaredList.filter((k) => k.words.length > 1), ...vocab.multi]));
    const windowsDeclared = derived.windows;

    let lines: LineIndex | undefined;
    const point = (offset: number) => (lines ??= new LineIndex(context.text)).point(offset);

    for (const name of model.names) {
      if (ignore.has(name.key)) continue;
      // A declared name is a known name: checked only against configured and dictionary names, and only for clear slips.
      const own = name.declared;
      if (own && context.vocabulary.lookup(name.key)) continue;
      if (!own && (declared.has(name.key) || context.vocabulary.lookup(name.key))) continue;
      for (const m of name.mentions) {
        if (normalizeName(m.text) !== name.key && (declared.has(normalizeName(m.text)) || context.vocabulary.lookup(m.text))) continue;
        // A bare node id (`LLAMA --> TOOLS`) is an identifier, not a label.
        if (m.ref.kind === 'diagram' && bareNode(model, m.ref.diagram, m.ref.node)) continue;
        const base = mentionBase(context.text, m);
        if (base !== null && m.kind !== 'diagram' && inCodeSpan(context.text, base)) continue;
        const findings = own
          ? check(m.text, { single: [], windows: windowsDeclared, strongOnly: true })
          : check(m.text, { single: declaredSingle, windows: windowsFree, strongOnly: false });
        for (const f of findings) {
          // Words of paths, URLs and image references (`/shared/opa/opa.sock`) are not names.
          if (base !== null ? inPath(context.text, base + f.start, base + f.end) : inPath(m.text, f.start, f.end)) continue;
          report(context, f, base, m.position, point);
        }
      }
    }

    function check(text: string, against: { single: Known[]; windows: Map<string, [Known, number][]>; strongOnly: boolean }): Finding[] {
      const tokens = words(text);
      const used = new Set<number>();
      const out: Finding[] = [];
      // Multi-word names first, longest windows first: `Cubeflow Pipelines` is `Kubeflow Pipelines`.
      for (let size = Math.min(MAX_WINDOW, tokens.length); size >= 2; size--) {
        for (let i = 0; i + size <= tokens.length; i++) {
          const win = tokens.slice(i, i + size);
          if (win.some((_, j) => used.has(i + j)) || (win[0] as WordToken).part !== (win[size - 1] as WordToken).part) continue;
          const f = matchWindow(text, win, against.windows);
          if (!f) continue;
          out.push(f);
          for (let j = 0; j < size; j++) used.add(i + j);
        }
      }
      tokens.forEach((t, i) => {
        if (used.has(i) || [...t.key].length < minLength || !/\p{L}/u.test(t.key) || isKnownWord(t.key, against.strongOnly)) return;
        // Acronyms of four letters or fewer (`SKD`, `ECS`) are other acronyms more often than slips.
        if (t.text.length <= SHORT && t.text === t.text.toUpperCase()) return;
        const f = matchWord(t, against.single, against.strongOnly);
        if (f) out.push(f);
      });
      return out.sort((a, b) => a.start - b.start);
    }

    /** A window of words equal to a known multi-word name but for one misspelt word. */
    function matchWindow(text: string, win: WordToken[], index: Map<string, [Known, number][]>): Finding | null {
      const keys = win.map((t) => t.key);
      const hits: { known: Known; at: number; close: Closeness }[] = [];
      for (let j = 0; j < keys.length; j++) {
        const key = keys.map((k, x) => (x === j ? '\u0000' : k)).join(' ');
        for (const [known, at] of index.get(key) ?? []) {
          const written = keys[at] as string;
          const want = known.words[at] as string;
          if ([...written].length < minLength || ignore.has(written) || declared.has(written)) continue;
          const entry = context.vocabulary.lookup(written);
          if (entry && (entry.source === 'config' || nameLike(entry.word))) continue;
          const close = closeness(written, want, ratio, known.origin.kind !== 'dictionary');
          if (close) hits.push({ known, at, close });
        }
      }
      if (hits.length === 0) return null;
      const best = pick(hits);
      const first = best[0];
      if (!first) return null;
      const word = win[first.at] as WordToken;
      const unique = new Set(best.map((h) => h.known.key)).size === 1;
      return {
        start: word.start,
        end: word.end,
        located: true,
        written: text.slice((win[0] as WordToken).start, (win[win.length - 1] as WordToken).end),
        candidates: uniqueKnown(best.map((h) => h.known)),
        replacement: unique ? spellingOfWord(first.known, first.at) : null,
        strong: first.close.strong,
      };
    }

    /**
     * A word one slip away from a one-word name: the document's own (`declaredSingle`,
     * none in declared mode) before the vocabulary's, whose matches depend on the
     * word alone and are remembered for the run.
     */
    function matchWord(t: WordToken, single: Known[], strongOnly: boolean): Finding | null {
      const own = single.length > 0 ? singleHits(t.key, single, strongOnly, ratio, ignore) : [];
      const memoKey = (strongOnly ? '1' : '0') + t.key;
      let fromVocab = memo.get(memoKey);
      if (!fromVocab) {
        fromVocab = singleHits(t.key, derived.single, strongOnly, ratio, ignore);
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(memoKey, fromVocab);
      }
      // A vocabulary entry the document declares too is the document's (as `dedupe` ranks them).
      const hits = fromVocab.length === 0 ? own : [...own, ...(own.length === 0 && declaredSingleKeys.size === 0 ? fromVocab : fromVocab.filter((h) => !declaredSingleKeys.has(h.known.key)))];
      if (hits.length === 0) return null;
      const best = pick(hits);
      const first = best[0];
      if (!first) return null;
      const unique = new Set(best.map((h) => h.known.key)).size === 1;
      return {
        start: t.start,
        end: t.end,
        located: true,
        written: t.text,
        candidates: uniqueKnown(best.map((h) => h.known)),
        replacement: unique ? first.known.word : null,
        strong: first.close.strong,
      };
    }
  },
});

/**
 * The best matches: the smallest distance, then names of the document over
 * configured over dictionary ones; all of them when several tie.
 */
function pick<T extends { known: Known; close: Closeness }>(hits: T[]): T[] {
  const d = Math.min(...hits.map((h) => h.close.distance));
  const nearest = hits.filter((h) => h.close.distance === d);
  const r = Math.min(...nearest.map((h) => rank(h.known.origin)));
  return nearest.filter((h) => rank(h.known.origin) === r);
}

function uniqueKnown(ks: Known[]): Known[] {
  const seen = new Map<string, Known>();
  for (const k of ks) if (!seen.has(k.key)) seen.set(k.key, k);
  return [...seen.values()];
}

/** A known one-word name a word is close to. */
interface WordHit {
  known: Known;
  at: number;
  close: Closeness;
}

/** Words remembered per vocabulary and options before the memo starts over (memory stays bounded). */
const MEMO_LIMIT = 50_000;
const memos = new WeakMap<Derived, Map<string, Map<string, WordHit[]>>>();

/** The run-wide memo of vocabulary matches for one set of options. */
function wordMemo(derived: Derived, ratio: number, ignore: ReadonlySet<string>): Map<string, WordHit[]> {
  let byOptions = memos.get(derived);
  if (!byOptions) memos.set(derived, (byOptions = new Map()));
  const sig = `${ratio}\u0001${[...ignore].sort().join('\u0001')}`;
  let memo = byOptions.get(sig);
  if (!memo) byOptions.set(sig, (memo = new Map()));
  return memo;
}

/** The entries of `single` a word (normalised) is a likely misspelling of, in `single`'s order. */
function singleHits(key: string, single: Known[], strongOnly: boolean, ratio: number, ignore: ReadonlySet<string>): WordHit[] {
  const hits: WordHit[] = [];
  const c0 = key.charAt(0);
  const c1 = key.charAt(1);
  const len = key.length;
  const long = [...key].length >= LONG;
  for (const known of candidatesByFirstLetter(single, c0, c1)) {
    // Cheap filters first: the length and the first letter (kept, swapped with the second, or confused).
    const k = known.key;
    const gap = Math.abs(k.length - len);
    if (gap > 0 && gap > Math.max(1, Math.floor(Math.max(k.length, len) * ratio))) continue;
    if (k.charAt(0) !== c0 && k.charAt(0) !== c1 && !isConfusable(k.charAt(0), c0)) continue;
    if (ignore.has(k)) continue;
    const close = closeness(key, k, ratio, known.origin.kind !== 'dictionary');
    if (!close || (strongOnly && !close.strong)) continue;
    // A dictionary name the document never writes needs the mark of a slip, or one edit in a long word.
    if (known.origin.kind === 'dictionary' && !close.strong && !(close.distance === 1 && long)) continue;
    hits.push({ known, at: 0, close });
  }
  return hits;
}

/** Keeps the first (best-ranked) entry of each key. */
function dedupe(ks: Known[]): Known[] {
  const seen = new Map<string, Known>();
  for (const k of ks) {
    const prev = seen.get(k.key);
    if (!prev || rank(k.origin) < rank(prev.origin)) seen.set(k.key, k);
  }
  return [...seen.values()];
}

/** Multi-word names by each of their words replaced with a hole: `kubeflow \0` → Kubeflow Pipelines at 1. */
function windowIndex(ks: Known[]): Map<string, [Known, number][]> {
  const index = new Map<string, [Known, number][]>();
  for (const k of ks) {
    if (k.words.length < 2 || k.words.length > MAX_WINDOW) continue;
    for (let j = 0; j < k.words.length; j++) {
      const key = k.words.map((w, x) => (x === j ? '\u0000' : w)).join(' ');
      const list = index.get(key);
      if (list) list.push([k, j]);
      else index.set(key, [[k, j]]);
    }
  }
  return index;
}

/** The spelling of word `at` of a known name, as the name writes it (`Kubeflow` of `Kubeflow Pipelines`). */
function spellingOfWord(known: Known, at: number): string | null {
  const ws = words(known.word).filter((t) => t.key !== '');
  return ws.length === known.words.length ? (ws[at]?.text ?? null) : null;
}

/** The names a document declares (tables, lists), with their aliases, by key. */
function declaredNames(model: DocumentModel): Map<string, Known> {
  const out = new Map<string, Known>();
  const add = (word: string, name: Name, role: 'name' | 'alias'): void => {
    const key = normalizeName(word);
    if (!key || out.has(key)) return;
    const decl = name.mentions.find((m) => (m.kind === 'table' || m.kind === 'list') && normalizeName(m.text) === key && (role === 'alias') === (m.role === 'alias'))
      ?? name.mentions.find((m) => m.kind === 'table' || m.kind === 'list');
    const origin: Origin = decl
      ? { kind: 'declared', where: decl.kind === 'list' ? 'list' : 'table', line: decl.position.start.line }
      : { kind: 'dictionary' };
    out.set(key, { word: decl && normalizeName(decl.text) === key ? decl.text : word, key, words: key.split(' '), origin });
  };
  for (const name of model.names) {
    if (!name.declared) continue;
    add(name.name, name, 'name');
    for (const alias of name.aliases) add(alias, name, 'alias');
  }
  return out;
}

function report(
  context: RuleContext<Options>,
  f: Finding,
  base: number | null,
  fallback: Position,
  point: (offset: number) => Position['start'],
): void {
  const list = f.candidates;
  const origins = new Set(list.map((k) => describeOrigin(k.origin)));
  const expected =
    origins.size === 1
      ? `${list.map((k) => `\`${k.word}\``).join(' or ')} (${[...origins][0] ?? ''})`
      : list.map((k) => `\`${k.word}\` (${describeOrigin(k.origin)})`).join(' or ');
  const message = `Unexpected \`${f.written}\`, expected ${expected}`;
  if (base === null) {
    context.report({ message, position: fallback });
    return;
  }
  const start = base + f.start;
  const end = base + f.end;
  const position = { start: point(start), end: point(end) };
  const only = list.length === 1 ? list[0] : undefined;
  if (!only || f.replacement === null) {
    context.report({ message, position });
    return;
  }
  const fix: TextEdit[] = [{ start, end, text: f.replacement }];
  // Safe when the slip is unmistakable or the document itself spells the name; otherwise offered as unsafe.
  const safe = f.strong || only.origin.kind !== 'dictionary';
  context.report({ message, position, fix, fixKind: safe ? 'safe' : 'unsafe' });
}

/** `Known` lists bucketed by first letter, built once per list. */
const buckets = new WeakMap<Known[], Map<string, { known: Known; index: number }[]>>();

/**
 * The entries of `single` whose first letter is the word's first or second
 * letter or confusable with its first (the only ones `matchWord` can accept),
 * in their order in `single` — without scanning the whole dictionary per word.
 */
function candidatesByFirstLetter(single: Known[], c0: string, c1: string): Known[] {
  let byPair = picks.get(single);
  if (!byPair) picks.set(single, (byPair = new Map()));
  const pairKey = `${c0}\u0000${c1}`;
  const cached = byPair.get(pairKey);
  if (cached) return cached;
  const list = pickByFirstLetter(single, c0, c1);
  byPair.set(pairKey, list);
  return list;
}
/** The lists `candidatesByFirstLetter` made, per list and letter pair. */
const picks = new WeakMap<Known[], Map<string, Known[]>>();

function pickByFirstLetter(single: Known[], c0: string, c1: string): Known[] {
  let byLetter = buckets.get(single);
  if (!byLetter) {
    byLetter = new Map();
    single.forEach((known, index) => {
      const b = known.key.charAt(0);
      const list = byLetter!.get(b);
      if (list) list.push({ known, index });
      else byLetter!.set(b, [{ known, index }]);
    });
    buckets.set(single, byLetter);
  }
  const picked: { known: Known; index: number }[] = [];
  for (const [letter, list] of byLetter) {
    if (letter === c0 || letter === c1 || isConfusable(letter, c0)) picked.push(...list);
  }
  return picked.sort((a, b) => a.index - b.index).map((p) => p.known);
}

/** What `check` derives from the vocabulary alone, kept for the whole run. */
interface Derived {
  single: Known[];
  windows: Map<string, [Known, number][]>;
  freeWindows: Map<string, [Known, number][]>;
}
const derivedCache = new WeakMap<VocabularyIndex, Derived>();

function derivedIndexes(vocab: VocabularyIndex): Derived {
  let d = derivedCache.get(vocab);
  if (!d) {
    d = { single: dedupe([...vocab.single]), windows: windowIndex(vocab.multi), freeWindows: windowIndex(dedupe([...vocab.multi])) };
    derivedCache.set(vocab, d);
  }
  return d;
}
