import { COMMON_WORDS, CURATED_TERMS } from '../lint/data/terms.js';
import type { RuleContext } from '../lint/types.js';
import { defineRule } from '../lint/types.js';
import type { Vocabulary, VocabularyEntry } from '../lint/vocabulary.js';
import { LineIndex } from '../markdown/lines.js';
import { alignDocument } from '../model/align.js';
import { findNode } from '../model/flowchart.js';
import { normalizeName } from '../model/names.js';
import type { Position } from '../model/position.js';
import type { DocumentModel, Mention } from '../model/types.js';
import { compactKey, inCodeSpan, inPath, words, type WordToken } from '../text/distance.js';
import { ruleDocs } from './docs.js';

type Options = {
  /** Names never reported (any spelling of them). */
  ignore: string[];
};

/** One place a name is written. */
interface Form {
  /** As written (plain text). */
  text: string;
  key: string;
  compact: string;
  position: Position;
  /** Offset of `text` in the file, or null when it is not written literally there. */
  offset: number | null;
  /** A table row or list member declaring it. */
  declaring: boolean;
  kind: Mention['kind'];
  /** The diagram node it belongs to (`diagram:node`), for labels. */
  node: string | null;
  /** A first-column cell of a table whose first column is all lower case (`aws`, `gcp`): identifiers. */
  identifierColumn: boolean;
}

/** The spelling a form should have, and why. */
interface Canonical {
  spelling: string;
  origin: string;
  /** The maker's spelling (configured or dictionary): a word's first letter must match too (`pandas`, not `Pandas`). */
  strict: boolean;
  /** When true, a difference in the case of the first letter alone is not reported. */
  ignoreFirstCase: boolean;
  fromDictionary: boolean;
}

const COMMON: ReadonlySet<string> = new Set(COMMON_WORDS);
const CURATED: ReadonlySet<string> = new Set(CURATED_TERMS);
/** Where a label joins names: `FastAPI/Flask`, `Prometheus + Grafana`, `Linux, Git`. */
const JOIN = /\s*(?:\/|\s\+\s|,)\s*/;

/** Dictionary spellings by compact key, split by how much they can be trusted; built once per vocabulary. */
interface Spellings {
  config: VocabularyEntry[];
  /** Curated names and spellings with inner capitals (`GitHub`, `PostgreSQL`): exact. */
  strong: VocabularyEntry[];
  /** Other capitalised dictionary words (`Kafka`): exact but for the case of their first letter. */
  weak: VocabularyEntry[];
}
const spellingIndexes = new WeakMap<Vocabulary, Map<string, Spellings>>();

function spellingIndex(vocabulary: Vocabulary): Map<string, Spellings> {
  let index = spellingIndexes.get(vocabulary);
  if (index) return index;
  index = new Map();
  for (const e of vocabulary.entries()) {
    let tier: keyof Spellings;
    const capital = /^\p{Lu}/u.test(e.word);
    const allCaps = !/\p{Ll}/u.test(e.word);
    if (e.source === 'config') tier = 'config';
    else if (CURATED.has(e.word)) tier = 'strong';
    // `GitHub`, `PostgreSQL`; acronyms such as `AWS` (longer capitals are codes: `ENOTFOUND`).
    else if (capital && ((!allCaps && /^.+\p{Lu}/u.test(e.word)) || (allCaps && [...e.word].length <= 5))) tier = 'strong';
    else if (capital && !allCaps) tier = 'weak';
    else continue; // lower-case and camelCase dictionary words (`readFile`) say nothing about a name's case
    const c = compactKey(e.key);
    let s = index.get(c);
    if (!s) index.set(c, (s = { config: [], strong: [], weak: [] }));
    s[tier].push(e);
  }
  spellingIndexes.set(vocabulary, index);
  return index;
}

/** Where `text` is written inside a mention's span, or null. */
function locate(source: string, text: string, position: Position): number | null {
  const { start, end } = position;
  if (source.slice(start.offset, end.offset) === text) return start.offset;
  const at = source.indexOf(text, start.offset);
  return at >= 0 && at + text.length <= end.offset ? at : null;
}

/** Text with these characters is code (`task_id`, `{"limit": 1}`, `o--`), not a name. */
const CODE_LIKE = /[_{}"`<>=[\]()\\*]|--/;
/** Forms of more words are phrases, not names. */
const MAX_WORDS = 5;

/** A node written as a bare id (`LLAMA --> TOOLS`): its text is an identifier, not a label. */
export function bareNode(model: DocumentModel, diagram: number, id: string): boolean {
  const fc = model.diagrams[diagram]?.flowchart;
  const node = fc ? findNode(fc, id) : undefined;
  return node !== undefined && node.labelPosition === null;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * One name written with different case, spacing or punctuation in different
 * places: `Kserve` in a diagram for the table's `KServe`.
 */
export const nameSpelling = defineRule<Options>({
  meta: {
    id: 'name-spelling',
    description: 'Reports a name written with different case, spacing or punctuation than its dictionary, declared or most frequent spelling, such as `Kserve` for `KServe`.',
    defaultSeverity: 'warning',
    fixable: 'safe',
    docs: ruleDocs('name-spelling'),
    defaultOptions: { ignore: [] },
  },
  check(context) {
    const { model, text } = context;
    if (model.names.length === 0) return;
    const ignore = new Set(context.options.ignore.map((w) => compactKey(normalizeName(w))));
    const lines = new LineIndex(text);
    const { forms, composites } = collectForms(model, lines, context.vocabulary);
    const spellings = spellingIndex(context.vocabulary);
    const styleOnly = (word: string): boolean => {
      const key = word.toLowerCase();
      if ([...key].length <= 2 || COMMON.has(key)) return true;
      const e = context.vocabulary.lookup(key);
      return e !== undefined && e.source === 'dictionary' && e.word === e.word.toLowerCase() && !CURATED.has(e.word);
    };
    const differs = (a: string, b: string, strict = true): boolean => significantDifference(a, b, styleOnly, strict);
    const reportedNodes = new Set<string>();

    // One group per name: forms with the same words, or with the same letters as a configured or dictionary spelling (`Open Search`, `OpenSearch`).
    const groups = new Map<string, { compact: string; forms: Form[] }>();
    for (const f of forms) {
      if (!f.compact || ignore.has(f.compact)) continue;
      const dict = spellings.get(f.compact);
      const id = dict && (dict.config.length > 0 || dict.strong.length > 0) ? `c:${f.compact}` : `n:${f.key}`;
      const g = groups.get(id);
      if (g) g.forms.push(f);
      else groups.set(id, { compact: f.compact, forms: [f] });
    }
    for (const { compact, forms: group } of groups.values()) {
      group.sort((a, b) => a.position.start.offset - b.position.start.offset);
      const fromDictionary = spellings.get(compact);
      for (const f of group) {
        const canonical = canonicalFor(f, group, fromDictionary, differs);
        if (!canonical || !differs(f.text, canonical.spelling, canonical.strict)) continue;
        // A lower-case column of identifiers (`aws`, `gcp`) names settings, not products.
        if (canonical.fromDictionary && f.identifierColumn) continue;
        if (canonical.ignoreFirstCase && lowerFirst(f.text) === lowerFirst(canonical.spelling)) continue;
        report(context, f, canonical);
        if (f.node) reportedNodes.add(f.node);
      }
    }

    // Whole labels that join names (`ELK Stack/OpenSearch`) differing in how they join them.
    const labelGroups = new Map<string, Form[]>();
    for (const f of composites) {
      if (!f.key || ignore.has(f.compact)) continue;
      const g = labelGroups.get(f.key);
      if (g) g.push(f);
      else labelGroups.set(f.key, [f]);
    }
    // A view's node labelled differently from its overview's is label-drift's finding: one finding per problem.
    const drifted = new Set<string>();
    for (const rel of alignDocument(model).views) {
      for (const m of rel.alignment.matches) {
        drifted.add(`${rel.view}:${m.from}`);
        drifted.add(`${rel.overview}:${m.to}`);
      }
    }
    for (const group of labelGroups.values()) {
      if (group.every((f) => f.node !== null && drifted.has(f.node))) continue;
      if (new Set(group.map((f) => f.text)).size < 2) continue;
      group.sort((a, b) => a.position.start.offset - b.position.start.offset);
      const canonical = mostFrequent(group);
      for (const f of group) {
        if (!differs(f.text, canonical.spelling, false) || (f.node && reportedNodes.has(f.node))) continue;
        report(context, f, canonical);
      }
    }
  },
});

/**
 * Whether two spellings of one name differ in a way worth reporting: in the
 * case of a word that is a name (`Kserve`/`KServe`, `numpy`/`NumPy`), in the
 * letters of a word, or in what joins the words (`ELK Stack/OpenSearch`,
 * `ELK Stack / OpenSearch`). Case alone is style for common words (`Send
 * Message`/`Send message`, `GET`/`Get`), so it does not count for them; nor
 * does the case of a word's first letter unless `strict` (the spelling to
 * match is the maker's).
 */
export function significantDifference(a: string, b: string, styleOnly: (word: string) => boolean, strict: boolean): boolean {
  if (a === b) return false;
  const wa = words(a);
  const wb = words(b);
  if (wa.length !== wb.length) return true;
  for (let i = 0; i < wa.length; i++) {
    const x = wa[i] as WordToken;
    const y = wb[i] as WordToken;
    if (x.text === y.text) continue;
    if (x.key !== y.key) return true;
    if (styleOnly(x.key)) continue;
    // Title case and sentence case (`Paper Tape`, `Paper tape`) are style, unless the maker's spelling is known.
    if (!strict && x.text.slice(1) === y.text.slice(1)) continue;
    return true;
  }
  // The same words: compare what joins them.
  const gaps = (s: string, ws: WordToken[]): string[] => ws.slice(1).map((w, i) => s.slice((ws[i] as WordToken).end, w.start));
  const ga = gaps(a, wa);
  const gb = gaps(b, wb);
  return ga.some((g, i) => g !== gb[i]);
}

const DICTIONARY = "the dictionary's spelling";
const CONFIG = 'the configured spelling';

/**
 * The spelling a form should have: the configured one, else the dictionary's
 * (curated names and names with inner capitals), else the first declaration
 * in the document, else a capitalised dictionary word (its first letter's case
 * aside), else the most frequent form (the first on a tie).
 */
function canonicalFor(f: Form, group: Form[], dict: Spellings | undefined, differs: (a: string, b: string, strict?: boolean) => boolean): Canonical | null {
  const declared = group.find((g) => g.declaring);
  const declaredOrigin = (g: Form): string => `declared in the ${g.kind === 'list' ? 'list' : 'table'} at line ${g.position.start.line}`;
  const fromEntries = (entries: VocabularyEntry[], origin: string, weak: boolean): Canonical | null => {
    const base = { ignoreFirstCase: weak, strict: !weak, fromDictionary: origin === DICTIONARY };
    if (entries.length === 0) return null;
    if (entries.some((e) => !differs(e.word, f.text))) return { ...base, spelling: f.text, origin };
    const same = entries.find((e) => e.key === f.key) ?? entries[0];
    if (!same) return null;
    // Name the declaration as the source when it agrees with the dictionary.
    const agreeing = group.find((g) => g.declaring && !differs(g.text, same.word));
    return { ...base, spelling: same.word, origin: agreeing ? declaredOrigin(agreeing) : origin };
  };
  return (
    fromEntries(dict?.config ?? [], CONFIG, false) ??
    fromEntries(dict?.strong ?? [], DICTIONARY, false) ??
    (declared ? { spelling: declared.text, origin: declaredOrigin(declared), ignoreFirstCase: false, strict: false, fromDictionary: false } : null) ??
    fromEntries(dict?.weak ?? [], DICTIONARY, true) ??
    (group.length > 1 ? mostFrequent(group) : null)
  );
}

/** The most frequent spelling of a group (sorted by position); the first written on a tie. */
function mostFrequent(group: Form[]): Canonical {
  const counts = new Map<string, number>();
  for (const f of group) counts.set(f.text, (counts.get(f.text) ?? 0) + 1);
  let best = group[0] as Form;
  for (const f of group) if ((counts.get(f.text) ?? 0) > (counts.get(best.text) ?? 0)) best = f;
  const n = counts.get(best.text) ?? 0;
  const tie = [...counts.values()].filter((c) => c === n).length > 1;
  const line = best.position.start.line;
  const origin = tie ? `as first written, at line ${line}` : `as written ${n} times, first at line ${line}`;
  return { spelling: best.text, origin, ignoreFirstCase: false, strict: false, fromDictionary: false };
}

function report(context: RuleContext<Options>, f: Form, canonical: Canonical): void {
  const message = `Unexpected \`${f.text}\`, expected \`${canonical.spelling}\` (${canonical.origin})`;
  const fix = f.offset === null ? null : [{ start: f.offset, end: f.offset + f.text.length, text: canonical.spelling }];
  context.report({ message, position: f.position, fix });
}

/**
 * Every place a name is written: the model's mentions; the parts of diagram
 * labels that join known names; and those joined labels as wholes.
 */
function collectForms(model: DocumentModel, lines: LineIndex, vocabulary: Vocabulary): { forms: Form[]; composites: Form[] } {
  const text = lines.text;
  const push = (list: Form[], f: Form | null): void => {
    if (f) list.push(f);
  };
  const forms: Form[] = [];
  const composites: Form[] = [];
  const known = new Set<string>();
  for (const n of model.names) {
    if (!n.declared) continue;
    known.add(n.key);
    for (const a of n.aliases) known.add(normalizeName(a));
  }
  const isKnown = (t: string): boolean => known.has(normalizeName(t)) || vocabulary.lookup(t) !== undefined;
  /** `within`: the text the form was cut from when it is not located in the file (a label as mermaid reads it). */
  const make = (raw: string, m: Mention, offset: number | null, position: Position, within: string = raw): Form | null => {
    // Quotes, brackets and emoji around a name are not part of its spelling.
    const lead = (/^[^\p{L}\p{N}]*/u.exec(raw)?.[0] ?? '').length;
    const t = raw.slice(lead).replace(/[^\p{L}\p{N}+#]+$/u, '');
    if (!/\p{L}/u.test(t) || CODE_LIKE.test(t) || t.split(/\s+/).length > MAX_WORDS) return null;
    const at = offset === null ? null : offset + lead;
    if (at !== null && (inPath(text, at, at + t.length) || (m.kind !== 'diagram' && inCodeSpan(text, at)))) return null;
    const inWithin = within.indexOf(t);
    if (at === null && inWithin >= 0 && inPath(within, inWithin, inWithin + t.length)) return null;
    if (m.ref.kind === 'diagram' && bareNode(model, m.ref.diagram, m.ref.node)) return null;
    const key = normalizeName(t);
    const ref = m.ref;
    return {
      text: t,
      key,
      compact: compactKey(key),
      position: at === null ? position : { start: lines.point(at), end: lines.point(at + t.length) },
      offset: at,
      declaring: m.kind === 'table' || m.kind === 'list',
      kind: m.kind,
      node: ref.kind === 'diagram' ? `${ref.diagram}:${ref.node}` : null,
      identifierColumn: ref.kind === 'table' && (model.tables[ref.table]?.rows ?? []).every((r) => !/\p{Lu}/u.test(r[0]?.text ?? '')),
    };
  };
  const perNode = new Map<string, Mention[]>();
  const seen = new Set<string>();
  for (const n of model.names) {
    for (const m of n.mentions) {
      if (m.ref.kind === 'diagram') {
        const id = `${m.ref.diagram}:${m.ref.node}`;
        const list = perNode.get(id);
        if (list) list.push(m);
        else perNode.set(id, [m]);
      }
      let t = m.text;
      if (m.kind === 'heading') {
        // `KServe (KFServing)`: the heading names the part before its parenthesis.
        const bare = t.replace(/\s*\([^()]*\)\s*$/, '');
        if (normalizeName(t) !== n.key && !n.aliases.some((a) => normalizeName(a) === normalizeName(t))) t = bare;
      }
      const dedupe = `${m.position.start.offset}:${t}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      const parts = !n.declared && m.kind === 'diagram' ? t.split(JOIN).filter(Boolean) : [];
      if (parts.length > 1) {
        // An undeclared label joining names: its known parts are forms, the whole is a joined label.
        const offset = locate(text, t, m.position);
        push(composites, make(t, m, offset, m.position));
        for (const p of parts) {
          if (!isKnown(p)) continue;
          const at = offset !== null ? text.indexOf(p, offset) : -1;
          push(forms, make(p, m, at >= 0 && at + p.length <= m.position.end.offset ? at : null, m.position, t));
        }
        continue;
      }
      push(forms, make(t, m, locate(text, t, m.position), m.position));
    }
  }
  // Labels the model split into several names (`ELK Stack/OpenSearch`) are joined labels too.
  for (const d of model.diagrams) {
    for (const node of d.flowchart?.nodes ?? []) {
      const mentions = perNode.get(`${d.index}:${node.id}`);
      if (!mentions || mentions.length < 2) continue;
      const label = node.label.trim();
      const position = node.labelPosition ?? node.position;
      const first = mentions[0] as Mention;
      push(composites, make(label, first, locate(text, label, position), position));
    }
  }
  return { forms, composites };
}
