/**
 * Sound fast-accept for gitGraph diagrams: decides from the Langium AST
 * (`parse('gitGraph', text)` of @mermaid-js/parser) whether mermaid 12.3.0's
 * `mermaid.parse(text)` is certain to accept the text, so that the (slow) call
 * to mermaid can be skipped.
 *
 * mermaid's gitGraph db (src/diagrams/git/gitGraphAst.ts) replays the statements
 * and throws on: creating a branch that exists, checking out a branch that does
 * not exist, merging a branch into itself / into a branch without commits / a
 * branch without commits / a branch with the same head, merging with a custom
 * id that is already used, and cherry-picking an unknown commit, a merge commit
 * without `parent:`, with a `parent:` that is not an immediate parent, a commit
 * of the current branch, or onto a branch without commits. This module replays
 * the statements the same way (re-implemented, not copied) and answers false on
 * any of those, and on anything it does not model:
 *
 * - `%%{...}%%` directives, and front matter that is invalid YAML or whose
 *   `config` holds anything but `logLevel`, a built-in `theme`, gitGraph
 *   colours / label font sizes in `themeVariables` and the gitGraph
 *   keys in GITGRAPH_KEYS (`mainBranchName` is modelled, the others do not
 *   affect parsing);
 * - text that mermaid's preprocessing would rewrite differently from what the
 *   Langium parse saw (`encodeEntities`' `#name;` / `style…#…;` patterns, HTML
 *   attributes `="…"` inside `<tag …>`, lone `\r`);
 * - identifiers (branch names, commit ids, parents) containing `<` (DOMPurify
 *   would rewrite them) or line breaks, and custom ids shaped like mermaid's
 *   generated ones (`<seq>-<7 hex digits>`), which could collide by chance;
 * - any AST shape other than the one the grammar produces.
 *
 * False means "not sure": the caller then asks mermaid.
 */
import { detectDiagramType, type DetectedType } from '../detect.js';

/** Commit types as in mermaid's commitType (only the distinction MERGE / other matters here). */
const enum Kind {
  Normal,
  Merge,
  CherryPick,
}

interface SimCommit {
  id: string;
  branch: string;
  kind: Kind;
  parents: string[];
}

/** mermaid's default `gitGraph.mainBranchName`. */
const MAIN_BRANCH = 'main';

/** Shape of mermaid's generated commit ids: `${seq}-${random hex of length 7}`. */
const GENERATED_ID = /^\d+-[0-9a-f]{7}$/;

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null;

/** An optional string feature: undefined, or a string. Anything else makes the AST unknown (throws). */
function optString(node: Rec, key: string): string | undefined {
  const v = node[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Unsupported(`${key} is not a string`);
  return v;
}

class Unsupported extends Error {}

/**
 * An identifier mermaid passes through `common.sanitizeText` before using it as a
 * key: must come out unchanged (DOMPurify returns text without `<` untouched) and
 * must not be affected by mermaid's line-based comment stripping.
 */
function safeKey(s: string): string {
  if (s.includes('<') || s.includes('\n') || s.includes('\r') || s.includes('\u0000')) throw new Unsupported('identifier with <, line break or NUL');
  return s;
}

/** Result of the text-level checks: why not (or not sure), or the main branch's name. */
type TextCheck = { issue: string } | { mainBranch: string };

const LOG_LEVELS = new Set<unknown>(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 0, 1, 2, 3, 4, 5]);
const THEMES = new Set<unknown>(['default', 'base', 'dark', 'forest', 'neutral']);
/** gitGraph config keys verified not to affect parsing, with their expected value type. */
const GITGRAPH_KEYS: Record<string, 'boolean' | 'number' | 'string'> = {
  showBranches: 'boolean',
  showCommitLabel: 'boolean',
  rotateCommitLabel: 'boolean',
  parallelCommits: 'boolean',
  mainBranchName: 'string',
  mainBranchOrder: 'number',
};

/** gitGraph theme variables verified harmless: hex colours, and pixel font sizes. */
function themeVariableOk(key: string, value: string): boolean {
  if (/^(?:git|gitInv|gitBranchLabel)\d$|^(?:commitLabel|tagLabel)(?:Color|Background)$|^tagLabelBorder$/.test(key)) {
    return /^#(?:[0-9a-fA-F]{3}){1,2}$/.test(value);
  }
  if (key === 'commitLabelFontSize' || key === 'tagLabelFontSize') return /^\d{1,3}px$/.test(value);
  return false;
}

/**
 * Front-matter config this module models: only `logLevel`, `theme` (a built-in
 * theme), `themeVariables` limited to the gitGraph colours (hex) and label font sizes, and `gitGraph` with the keys above. Returns the main branch's name, or
 * null for any other config.
 */
function configMainBranch(config: unknown): string | null {
  if (config === undefined) return MAIN_BRANCH;
  if (!isRec(config) || Array.isArray(config)) return null;
  let main = MAIN_BRANCH;
  for (const [k, v] of Object.entries(config)) {
    if (k === 'logLevel' && LOG_LEVELS.has(v)) continue;
    if (k === 'theme' && THEMES.has(v)) continue;
    // gitGraph colours as plain hex colours (the theme derives other colours from them), label font sizes
    if (k === 'themeVariables' && isRec(v) && !Array.isArray(v)) {
      const ok = Object.entries(v).every(([tk, tv]) => typeof tv === 'string' && themeVariableOk(tk, tv));
      if (ok) continue;
      return null;
    }
    if (k !== 'gitGraph' || !isRec(v) || Array.isArray(v)) return null;
    for (const [gk, gv] of Object.entries(v)) {
      const want = GITGRAPH_KEYS[gk];
      if (want === undefined || typeof gv !== want) return null;
      if (gk === 'mainBranchOrder' && !Number.isFinite(gv)) return null;
      if (gk === 'mainBranchName') {
        const name = gv as string;
        if (name === '' || /[<\r\n\u0000]/.test(name)) return null;
        main = name;
      }
    }
  }
  return main;
}

/** Checks that mermaid's preprocessing feeds its parser something equivalent to `text`, and reads the config. */
function checkText(text: string, known?: DetectedType): TextCheck {
  const detected = known ?? detectDiagramType(text);
  if (detected.type !== 'gitGraph') return { issue: 'not detected as gitGraph' };
  if (detected.directives.length > 0 || text.includes('%%{')) return { issue: 'directive' };
  let body = text;
  let mainBranch = MAIN_BRANCH;
  const fm = detected.frontMatter;
  if (fm) {
    // front matter: valid YAML whose config is modelled, at the very start
    if (fm.error !== undefined || fm.span.start !== 0 || !text.startsWith('---')) return { issue: 'front matter' };
    const main = configMainBranch(fm.config);
    if (main === null) return { issue: 'front matter config' };
    mainBranch = main;
    body = text.slice(fm.span.end);
  }
  // any other YAML-like fence: Langium hides it, mermaid may not
  if (/^[ \t]*---/m.test(body)) return { issue: 'front matter' };
  // cleanupText: CRLF/CR -> LF; attribute quotes in tags rewritten
  if (/\r(?!\n)/.test(body)) return { issue: 'lone CR' };
  if (/<\w+[^>]*=/.test(body)) return { issue: 'HTML attribute' };
  // encodeEntities (Diagram.fromText)
  if (/#\w+;/.test(body) || /style.*:\S*#.*;/.test(body) || /classDef.*:\S*#.*;/.test(body)) return { issue: 'entity' };
  // the header must be the first thing after comment lines
  for (const line of body.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('%%')) continue;
    return /^gitGraph/.test(t) ? { mainBranch } : { issue: 'header not first' };
  }
  return { issue: 'no header' };
}

/** True only when mermaid 12.3.0 is certain to accept a gitGraph whose langium parse succeeded with this AST (and whose text is `text`). False: not sure — ask mermaid. */
export function gitGraphSemanticsOk(ast: unknown, text: string, detected?: DetectedType): boolean {
  return gitGraphDeclineReason(ast, text, detected) === null;
}

/**
 * Why {@link gitGraphSemanticsOk} declines (null: it accepts). The reason is for
 * diagnostics and tests only; it is not mermaid's message.
 */
export function gitGraphDeclineReason(ast: unknown, text: string, detected?: DetectedType): string | null {
  if (typeof text !== 'string') return 'no text';
  // `detected`: what detectDiagramType(text) gave, when the caller has it already.
  const checked = checkText(text, detected);
  if ('issue' in checked) return checked.issue;
  // with a direction (`gitGraph LR:`) Langium's root node is the unassigned Direction rule's node
  if (!isRec(ast) || (ast['$type'] !== 'GitGraph' && ast['$type'] !== 'Direction')) return 'not a GitGraph AST';
  const statements = ast['statements'];
  if (!Array.isArray(statements)) return 'no statements';
  // mermaid strips comment lines before parsing: only multi-line tokens (strings,
  // `accDescr {…}`) can differ from what this AST saw
  const descr = ast['accDescr'];
  if (descr !== undefined && (typeof descr !== 'string' || (/[\r\n]/.test(descr) && text.includes('%%')))) return 'multi-line accDescr with comments';
  try {
    return replay(statements, checked.mainBranch);
  } catch (e) {
    if (e instanceof Unsupported) return `unsupported: ${e.message}`;
    throw e;
  }
}

/** Replays the statements like mermaid's db; null when it succeeds, else why mermaid would throw (or why unsure). */
function replay(statements: unknown[], mainBranch: string): string | null {
  const commits = new Map<string, SimCommit>();
  /** branch name -> id of its tip commit, or null when it has none */
  const branches = new Map<string, string | null>([[mainBranch, null]]);
  let current = mainBranch;
  let head: string | null = null;
  let seq = 0;
  /** generated ids never collide with each other nor (see GENERATED_ID) with custom ones */
  const generated = (): string => `\u0000gen${seq}`;

  const checkout = (name: string): boolean => {
    if (!branches.has(name)) return false;
    current = name;
    const tip = branches.get(name);
    head = tip ? (commits.has(tip) ? tip : null) : null;
    return true;
  };

  /** A new commit on the current branch, its head's child (and `mergedFrom`'s, for a merge or cherry-pick). */
  const addCommit = (id: string | undefined, kind: Kind, mergedFrom?: string): void => {
    const c: SimCommit = {
      id: id ? id : generated(),
      branch: current,
      kind,
      parents: head === null ? [] : mergedFrom === undefined ? [head] : [head, mergedFrom],
    };
    seq++;
    // a duplicate custom id only logs a warning in mermaid; the newer commit replaces the older
    commits.set(c.id, c);
    head = c.id;
    branches.set(current, c.id);
  };

  const customId = (s: string | undefined): string | undefined => {
    if (s === undefined || s === '') return s;
    safeKey(s);
    if (GENERATED_ID.test(s)) throw new Unsupported('id shaped like a generated one');
    return s;
  };

  for (const st of statements) {
    if (!isRec(st)) return 'statement is not a node';
    // strings spanning lines may contain comment lines mermaid removes (ids are checked in safeKey)
    const msg = st['message'];
    if (msg !== undefined && (typeof msg !== 'string' || /[\r\n]/.test(msg))) return 'message is not a single-line string';
    const tags = st['tags'];
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string' && !/[\r\n]/.test(t)))) return 'tags are not single-line strings';
    switch (st['$type']) {
      case 'Commit': {
        const id = customId(optString(st, 'id'));
        const type = optString(st, 'type');
        if (type !== undefined && type !== 'NORMAL' && type !== 'REVERSE' && type !== 'HIGHLIGHT') return 'unknown commit type';
        addCommit(id, Kind.Normal);
        break;
      }
      case 'Branch': {
        const nameRaw = optString(st, 'name');
        if (nameRaw === undefined) return 'branch without name';
        const name = safeKey(nameRaw);
        const order = st['order'];
        if (order !== undefined && typeof order !== 'number') return 'order is not a number';
        if (branches.has(name)) return 'branch already exists';
        branches.set(name, head);
        if (!checkout(name)) return 'checkout of a missing branch';
        break;
      }
      case 'Checkout': {
        const nameRaw = optString(st, 'branch');
        if (nameRaw === undefined) return 'checkout without branch';
        if (!checkout(safeKey(nameRaw))) return 'checkout of a missing branch';
        break;
      }
      case 'Merge': {
        const otherRaw = optString(st, 'branch');
        if (otherRaw === undefined) return 'merge without branch';
        const other = safeKey(otherRaw);
        const id = customId(optString(st, 'id'));
        const type = optString(st, 'type');
        if (type !== undefined && type !== 'NORMAL' && type !== 'REVERSE' && type !== 'HIGHLIGHT') return 'unknown merge type';
        const curTip = branches.get(current);
        const otherTip = branches.get(other);
        const curCommit = curTip ? commits.get(curTip) : undefined;
        const otherCommit = otherTip ? commits.get(otherTip) : undefined;
        if (curCommit && otherCommit && curCommit.branch === other) return 'merge: current head belongs to the merged branch';
        if (current === other) return 'merge of a branch into itself';
        if (!curCommit) return 'merge: current branch has no commits';
        if (!branches.has(other)) return 'merge: branch does not exist';
        if (!otherCommit) return 'merge: merged branch has no commits';
        if (curCommit === otherCommit) return 'merge: both branches have the same head';
        if (id && commits.has(id)) return 'merge: custom id already exists';
        addCommit(id, Kind.Merge, otherTip ?? '');
        break;
      }
      case 'CherryPicking': {
        const srcRaw = optString(st, 'id');
        const parentRaw = optString(st, 'parent');
        if (!srcRaw) return 'cherry-pick without source id';
        const src = customId(srcRaw)!;
        const parent = parentRaw ? customId(parentRaw) : undefined;
        const source = commits.get(src);
        if (!source) return 'cherry-pick: source commit does not exist';
        if (parent && !source.parents.includes(parent)) return 'cherry-pick: parent is not an immediate parent';
        if (source.kind === Kind.Merge && !parent) return 'cherry-pick of a merge commit without parent';
        if (source.branch === current) return 'cherry-pick: source commit is on the current branch';
        const curTip = branches.get(current);
        if (!curTip || !commits.has(curTip)) return 'cherry-pick: current branch has no commits';
        addCommit(undefined, Kind.CherryPick, source.id);
        break;
      }
      default:
        return `unknown statement ${String(st['$type'])}`;
    }
  }
  return null;
}
