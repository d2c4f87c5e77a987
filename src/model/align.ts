import { normalizeName } from './names.js';
import type { Comment, Diagram, DocumentModel, FlowchartModel, FlowNode } from './types.js';

/**
 * Cross-diagram alignment: which node of one flowchart is which node of
 * another. Nodes are matched by normalised label, then by label similarity
 * backed by structure (matched parents and children), never by id alone —
 * split-out diagrams reuse short ids (`A`, `B`, `C`) for different things.
 */

/** Words that carry no meaning when labels are compared ("Tracking with MLflow" ~ "Tracking - MLflow"). */
const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'with', 'to', 'in', 'on', 'via', 'using', 'by', 'at', 'or']);

/** How a pair of nodes was matched. */
export type MatchKind = 'label' | 'similar' | 'structure';

export interface NodeMatch {
  /** Node id in the first diagram (the view). */
  from: string;
  /** Node id in the second diagram (the overview). */
  to: string;
  kind: MatchKind;
  /** Label similarity in [0, 1]. */
  similarity: number;
}

export interface Alignment {
  /** Index of the first diagram (the smaller one, or the view). */
  from: number;
  /** Index of the second diagram. */
  to: number;
  matches: NodeMatch[];
  /** Share of the first diagram's nodes that found a counterpart. */
  coverage: number;
}

/** A diagram that shows part of another one. */
export interface ViewRelation {
  view: number;
  overview: number;
  /** `directive`: the document said so; `detected`: most of its nodes appear in the overview. */
  source: 'directive' | 'detected';
  alignment: Alignment;
  /** Where the directive is, for `directive` relations. */
  directive: Comment | null;
}

export interface DocumentAlignment {
  views: ViewRelation[];
  /** Directives that name no diagram of the document. */
  unresolved: { comment: Comment; reason: string }[];
}

/** Tokens of a label for similarity: normalised words without stop words. */
function tokens(label: string): string[] {
  return normalizeName(label)
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w));
}

/**
 * Similarity of two labels in [0, 1]: 1 for the same normalised text, 0.95 for
 * the same meaningful words, 0.6–0.9 when one label's words contain the
 * other's ("MLOps Fundamentals" in "Master MLOps Fundamentals"), else the
 * Dice overlap of their words scaled down.
 */
export function labelSimilarity(a: string, b: string): number {
  return similarity(labelKey(a), labelKey(b));
}

/** What `labelSimilarity` reads of a label, computed once per node. */
interface LabelKey {
  normalized: string;
  /** Meaningful words (no stop words), each once. */
  words: Set<string>;
}

function labelKey(label: string): LabelKey {
  let key = labelKeys.get(label);
  if (!key) {
    const normalized = normalizeName(label);
    key = { normalized, words: new Set(normalized ? tokens(label) : []) };
    // Labels repeat across a document's diagrams and a run's files; the memo starts over rather than grow without bound.
    if (labelKeys.size >= LABEL_KEYS_LIMIT) labelKeys.clear();
    labelKeys.set(label, key);
  }
  return key;
}
const LABEL_KEYS_LIMIT = 50_000;
const labelKeys = new Map<string, LabelKey>();

/** {@link labelSimilarity} of every pair of labels, row by row (what alignment computes, faster than pair by pair). */
export function labelSimilarities(a: string[], b: string[]): number[][] {
  return similarities(a.map(labelKey), b.map(labelKey)).map((row) => [...row]);
}

/**
 * `similarity` of every pair, as rows per node of `a`: computed only for pairs
 * that share a meaningful word or the whole normalised label — every other
 * pair is 0.
 */
function similarities(labelsA: LabelKey[], labelsB: LabelKey[]): Float64Array[] {
  const byWord = new Map<string, number[]>();
  const byText = new Map<string, number[]>();
  const index = (m: Map<string, number[]>, k: string, j: number): void => {
    const list = m.get(k);
    if (list) list.push(j);
    else m.set(k, [j]);
  };
  labelsB.forEach((lb, j) => {
    if (lb.normalized) index(byText, lb.normalized, j);
    for (const w of lb.words) index(byWord, w, j);
  });
  return labelsA.map((la) => {
    const row = new Float64Array(labelsB.length);
    if (!la.normalized) return row;
    for (const j of byText.get(la.normalized) ?? []) row[j] = 1;
    for (const w of la.words) {
      for (const j of byWord.get(w) ?? []) if (row[j] === 0) row[j] = similarity(la, labelsB[j] as LabelKey);
    }
    return row;
  });
}

function similarity(a: LabelKey, b: LabelKey): number {
  const na = a.normalized;
  const nb = b.normalized;
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  const sa = a.words;
  const sb = b.words;
  if (sa.size === 0 || sb.size === 0) return 0;
  let common = 0;
  for (const t of sa) if (sb.has(t)) common++;
  if (common === sa.size && common === sb.size) return 0.95;
  const small = Math.min(sa.size, sb.size);
  const large = Math.max(sa.size, sb.size);
  if (common === small) return 0.6 + (0.3 * small) / large;
  return (0.7 * 2 * common) / (sa.size + sb.size);
}

interface Adjacency {
  parents: Map<string, Set<string>>;
  children: Map<string, Set<string>>;
}

function adjacency(fc: FlowchartModel): Adjacency {
  const parents = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, v: string) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(v);
  };
  for (const e of fc.edges) {
    add(children, e.from, e.to);
    add(parents, e.to, e.from);
  }
  return { parents, children };
}

/** Minimum similarity to match on labels alone. */
const ALONE = 0.75;
/** Minimum similarity when a matched neighbour agrees. */
const WITH_STRUCTURE = 0.35;

/**
 * Aligns the nodes of diagram `a` with those of diagram `b`: a one-to-one
 * partial matching. Exact (normalised) label matches first; then, repeatedly,
 * the most similar remaining pair whose label similarity is high enough on
 * its own or whose already-matched parents and children agree.
 */
export function alignFlowcharts(a: Diagram, b: Diagram): Alignment {
  const fa = a.flowchart;
  const fb = b.flowchart;
  if (!fa || !fb) return { from: a.index, to: b.index, matches: [], coverage: 0 };
  const adjA = adjacency(fa);
  const adjB = adjacency(fb);
  const forward = new Map<string, NodeMatch>();
  const taken = new Set<string>();
  const accept = (m: NodeMatch) => {
    forward.set(m.from, m);
    taken.add(m.to);
  };

  const labelsA = fa.nodes.map((n) => labelKey(n.label));
  const labelsB = fb.nodes.map((n) => labelKey(n.label));

  // 1. Unique exact label matches.
  const byKey = new Map<string, FlowNode[]>();
  fb.nodes.forEach((n, j) => {
    const k = labelsB[j]!.normalized;
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), n]);
  });
  const keysA = new Map<string, number>();
  for (const l of labelsA) keysA.set(l.normalized, (keysA.get(l.normalized) ?? 0) + 1);
  fa.nodes.forEach((n, i) => {
    const k = labelsA[i]!.normalized;
    const cands = byKey.get(k);
    if (k && cands?.length === 1 && keysA.get(k) === 1) accept({ from: n.id, to: cands[0]!.id, kind: 'label', similarity: 1 });
  });

  // 2. Similar labels, confirmed by structure when not similar enough alone.
  const agreement = (x: string, y: string): number => {
    let agree = 0;
    let disagree = 0;
    const check = (mine: Set<string> | undefined, theirs: Set<string> | undefined) => {
      for (const n of mine ?? []) {
        const m = forward.get(n);
        if (!m) continue;
        if (theirs?.has(m.to)) agree++;
        else disagree++;
      }
    };
    check(adjA.parents.get(x), adjB.parents.get(y));
    check(adjA.children.get(x), adjB.children.get(y));
    return agree - disagree;
  };
  // Similarities do not change as matches are accepted (agreement does): computed once per pair.
  const sims = similarities(labelsA, labelsB);
  for (;;) {
    let best: NodeMatch | null = null;
    let bestScore = -Infinity;
    for (let i = 0; i < fa.nodes.length; i++) {
      const na = fa.nodes[i]!;
      if (forward.has(na.id)) continue;
      const row = sims[i]!;
      for (let j = 0; j < fb.nodes.length; j++) {
        const sim = row[j]!;
        if (sim < WITH_STRUCTURE) continue;
        const nb = fb.nodes[j]!;
        if (taken.has(nb.id)) continue;
        const agree = agreement(na.id, nb.id);
        const ok = (sim >= ALONE && agree >= 0) || (sim >= WITH_STRUCTURE && agree > 0);
        if (!ok) continue;
        // A shared id only breaks ties; it never makes a match on its own.
        const score = sim + 0.2 * agree + (na.id === nb.id ? 0.01 : 0);
        if (score > bestScore) {
          bestScore = score;
          best = { from: na.id, to: nb.id, kind: sim >= ALONE ? 'similar' : 'structure', similarity: sim };
        }
      }
    }
    if (!best) break;
    accept(best);
  }
  const matches = fa.nodes.flatMap((n) => {
    const m = forward.get(n.id);
    return m ? [m] : [];
  });
  return { from: a.index, to: b.index, matches, coverage: fa.nodes.length ? matches.length / fa.nodes.length : 0 };
}

/** A view must have at least this share of its nodes in the overview. */
const VIEW_COVERAGE = 0.5;

const cache = new WeakMap<DocumentModel, DocumentAlignment>();

/**
 * Finds which flowcharts of a document are views of a larger one: stated by a
 * `mermaid-lint view-of: <target>` directive (a comment just before the fence
 * or inside the diagram; target: a heading's text, `diagram N` counting from 1,
 * or `none`), else detected when most of a diagram's nodes align with a larger
 * diagram's. Computed once per model.
 */
export function alignDocument(model: DocumentModel): DocumentAlignment {
  const cached = cache.get(model);
  if (cached) return cached;
  const result: DocumentAlignment = { views: [], unresolved: [] };
  const flows = model.diagrams.filter((d) => d.flowchart && (d.errors?.length ?? 0) === 0 && d.flowchart.nodes.length > 0);
  const directives = viewDirectives(model);
  for (const d of flows) {
    const directive = directives.get(d.index);
    if (directive) {
      const target = resolveTarget(model, directive.directive!.args, d);
      if (target === 'none') continue;
      if (typeof target === 'string') {
        result.unresolved.push({ comment: directive, reason: target });
      } else {
        result.views.push({ view: d.index, overview: target.index, source: 'directive', alignment: alignFlowcharts(d, target), directive });
        continue;
      }
    }
    let best: Alignment | null = null;
    for (const o of flows) {
      if (o === d || o.flowchart!.nodes.length <= d.flowchart!.nodes.length) continue;
      const al = alignFlowcharts(d, o);
      if (al.matches.length < 2 || al.coverage < VIEW_COVERAGE) continue;
      if (!best || al.coverage > best.coverage || (al.coverage === best.coverage && o.flowchart!.nodes.length > model.diagrams[best.to]!.flowchart!.nodes.length)) best = al;
    }
    if (best) result.views.push({ view: d.index, overview: best.to, source: 'detected', alignment: best, directive: null });
  }
  cache.set(model, result);
  return result;
}

/** `view-of` directives by the diagram they apply to: inside it, or the last comment between the previous block and its fence. */
function viewDirectives(model: DocumentModel): Map<number, Comment> {
  const out = new Map<number, Comment>();
  for (const c of model.comments) {
    if (c.directive?.name !== 'view-of') continue;
    if (c.diagram !== null) {
      out.set(c.diagram, c);
      continue;
    }
    const next = model.diagrams.find((d) => d.blockPosition.start.offset >= c.position.end.offset);
    if (next && !out.has(next.index)) {
      // Only when nothing but blank lines or other comments separate them.
      const between = model.comments.filter((x) => x.position.start.offset > c.position.end.offset && x.position.end.offset <= next.blockPosition.start.offset);
      const gapLines = next.blockPosition.start.line - c.position.end.line - 1 - between.length;
      if (gapLines <= 1) out.set(next.index, c);
    }
  }
  return out;
}

/** The overview a `view-of` directive names: a diagram, `'none'`, or why it names none. */
function resolveTarget(model: DocumentModel, args: string, view: Diagram): Diagram | 'none' | string {
  const target = args.trim().replace(/^["']|["']$/g, '');
  if (!target) return 'names no diagram; expected a heading, `diagram N` or `none`';
  if (/^none$/i.test(target)) return 'none';
  const byIndex = /^diagram\s+(\d+)$/i.exec(target);
  if (byIndex) {
    const d = model.diagrams[Number(byIndex[1]) - 1];
    if (!d) return `names diagram ${byIndex[1]}, but the document has ${model.diagrams.length}`;
    if (!d.flowchart) return `names diagram ${byIndex[1]}, which is not a flowchart`;
    return d === view ? 'names the diagram itself' : d;
  }
  const key = normalizeName(target);
  const section = model.sections.find((s) => normalizeName(s.text) === key);
  if (!section) return `names \`${target}\`, but no heading has that text`;
  const inSection = model.diagrams.find(
    (d) => d.flowchart && d !== view && d.blockPosition.start.offset >= section.position.start.offset && d.blockPosition.start.offset < section.extent.end.offset,
  );
  return inSection ?? `names \`${target}\`, but that section has no other flowchart`;
}
