import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../lint/config.js';
import { defineRule } from '../lint/types.js';
import { LineIndex } from '../markdown/lines.js';
import { parseDocument } from '../model/document.js';
import type { Position } from '../model/position.js';
import type { DocumentModel, Link } from '../model/types.js';
import { ruleDocs } from './docs.js';

type Options = {
  checkAnchors: boolean;
  checkFiles: boolean;
  ignorePatterns: string[];
};

/** `https:`, `mailto:`, `data:`, … (also a Windows drive letter, which no renderer resolves either). */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Files GitHub renders as Markdown, whose headings a fragment can point at. */
const MARKDOWN_FILE = /\.(md|markdown|mdown|mkdn|mkd|mdwn|mdtxt|mdtext)$/i;
/** GitHub's line references (`#L10`, `#L10-L20`, `#L3C5-L4C2`) and the HTML `#top`. */
const BUILTIN_FRAGMENT = /^(?:top|L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?)$/i;
const MAX_LISTED = 6;

/** The anchors of one Markdown document. */
interface Anchors {
  /** Lower-cased heading slugs and HTML `id`/`name` values. */
  keys: Set<string>;
  /** Heading slugs in document order, for messages. */
  slugs: string[];
}

/**
 * Local images and links whose file is missing, and `#fragments` that match no
 * heading, in this file or in the Markdown file the link points to.
 */
export const brokenReference = defineRule<Options>({
  meta: {
    id: 'broken-reference',
    description: 'Reports links and images to local files that do not exist and to headings that no document has.',
    defaultSeverity: 'warning',
    fixable: false,
    docs: ruleDocs('broken-reference'),
    defaultOptions: { checkAnchors: true, checkFiles: true, ignorePatterns: [] },
  },
  check(context) {
    const { model, text, options } = context;
    if (model.links.length === 0) return;
    const ignore = compilePatterns(options.ignorePatterns);
    const here = model.path !== null ? resolve(model.path) : null;
    const dir = here !== null ? dirname(here) : null;
    const hereName = here !== null ? basename(here) : 'this file';
    let lines: LineIndex | undefined;
    const point = (offset: number) => (lines ??= new LineIndex(text)).point(offset);
    let own: Anchors | undefined;
    const ownAnchors = (): Anchors => (own ??= anchorsOf(model, text));
    const others = new Map<string, Anchors | null>();
    const otherAnchors = (file: string): Anchors | null => {
      if (!others.has(file)) others.set(file, loadAnchors(file));
      return others.get(file) ?? null;
    };
    let gitRoot: string | null | undefined;

    for (const link of model.links) {
      const url = link.url;
      if (url === '' || SCHEME.test(url) || url.startsWith('//')) continue;
      if (ignore.some((re) => re.test(url))) continue;
      const hash = url.indexOf('#');
      const beforeHash = hash >= 0 ? url.slice(0, hash) : url;
      const fragment = hash >= 0 ? url.slice(hash + 1) : null;
      const query = beforeHash.indexOf('?');
      const filePart = decode(query >= 0 ? beforeHash.slice(0, query) : beforeHash);
      const at = (): Position => urlPosition(link, text, point);

      if (filePart === '') {
        // `#anchor` (or `?query#anchor`): this document.
        if (fragment !== null && options.checkAnchors) {
          const problem = fragmentProblem(fragment, ownAnchors(), 'here');
          if (problem) context.report({ message: `${noun(link)} points to no heading; ${problem}`, position: at() });
        }
        continue;
      }
      if (dir === null || here === null) continue;
      if (!options.checkFiles && (fragment === null || !options.checkAnchors)) continue;

      let target: string;
      let rootRelative = false;
      if (filePart.startsWith('/')) {
        gitRoot ??= findGitRoot(dir);
        if (gitRoot === null) continue;
        target = join(gitRoot, filePart);
        rootRelative = true;
      } else {
        target = resolve(dir, filePart);
      }

      const found = target === here ? ({ kind: 'file' } as const) : lookup(target, dir, filePart);
      if (found.kind === 'missing') {
        if (!options.checkFiles) continue;
        const where = rootRelative
          ? missingUnderRoot(target, gitRoot as string, found)
          : missingRelative(target, dir, hereName, found);
        context.report({ message: `${noun(link)} not found (${where})`, position: at() });
        continue;
      }
      if (fragment === null || !options.checkAnchors || found.kind !== 'file' || !MARKDOWN_FILE.test(target)) continue;
      const anchors = target === here ? ownAnchors() : otherAnchors(target);
      if (!anchors) continue;
      const name = target === here ? 'here' : `in ${basename(target)}`;
      const problem = fragmentProblem(fragment, anchors, name);
      if (problem) context.report({ message: `${noun(link)} points to no heading ${name}; ${problem}`, position: at() });
    }
  },
});

/** `Image \`x.png\``, `Link \`#setup\``, `Link \`a.md\` (definition \`[a]\`)`. */
function noun(link: Link): string {
  if (link.kind === 'image') return `Image \`${link.url}\``;
  if (link.kind === 'definition') return `Link \`${link.url}\` (definition \`[${link.text}]\`)`;
  return `Link \`${link.url}\``;
}

function compilePatterns(patterns: string[]): RegExp[] {
  return patterns.map((p, i) => {
    try {
      return new RegExp(p);
    } catch (err) {
      throw new ConfigError(`rules.broken-reference[1].ignorePatterns[${i}]`, `invalid regular expression: ${(err as Error).message}`);
    }
  });
}

/** Percent-decodes, keeping the text as written when it is not valid percent-encoding. */
function decode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------
// Files

type Lookup =
  | { kind: 'file' | 'dir' }
  | { kind: 'missing'; /** The deepest missing directory, when the target's directory is missing. */ missingDir: string | null; suggestion: string | null; caseOf: string | null };

/**
 * Whether `target` exists, with its name spelled exactly as written (GitHub's
 * paths are case-sensitive even where the file system is not).
 */
function lookup(target: string, dir: string, written: string): Lookup {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    return missing(target, dir, written);
  }
  const name = basename(target);
  const entries = listDir(dirname(target));
  if (name && entries && !entries.includes(name)) {
    const actual = entries.find((e) => e.toLowerCase() === name.toLowerCase()) ?? null;
    return { kind: 'missing', missingDir: null, suggestion: null, caseOf: actual };
  }
  return { kind: isDir ? 'dir' : 'file' };
}

/** `written` is the path as the link gives it (decoded): suggestions are spelled the same way. */
function missing(target: string, dir: string, written: string): Lookup {
  const parent = dirname(target);
  if (!existsSync(parent)) {
    let d = parent;
    while (!existsSync(dirname(d)) && dirname(d) !== d) d = dirname(d);
    return { kind: 'missing', missingDir: d, suggestion: null, caseOf: null };
  }
  const name = basename(target);
  const entries = listDir(parent) ?? [];
  const caseOf = entries.find((e) => e.toLowerCase() === name.toLowerCase()) ?? null;
  if (caseOf !== null) return { kind: 'missing', missingDir: null, suggestion: null, caseOf };
  const near = closest(name, entries);
  let suggestion: string | null = null;
  if (near !== null) suggestion = written.replace(/[^/]*\/?$/, (last) => near + (last.endsWith('/') ? '/' : ''));
  else if (!written.startsWith('/')) suggestion = sameNameNextTo(name, parent, dir);
  return { kind: 'missing', missingDir: null, suggestion, caseOf: null };
}

/** `chart.svg` when `../chart.svg` is missing but the linted file's directory has a `chart.svg`. */
function sameNameNextTo(name: string, parent: string, dir: string): string | null {
  if (parent === dir || !name) return null;
  return listDir(dir)?.includes(name) ? name : null;
}

function listDir(dir: string): string[] | null {
  try {
    return readdirSync(dir);
  } catch {
    return null;
  }
}

const slash = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

function missingRelative(target: string, dir: string, hereName: string, m: Lookup & { kind: 'missing' }): string {
  let why: string;
  if (m.missingDir !== null) why = `no directory \`${slash(relative(dir, m.missingDir))}/\` relative to ${hereName}`;
  else if (dirname(target) === dir) why = `no such file next to ${hereName}`;
  else why = `no such file \`${slash(relative(dir, target))}\` relative to ${hereName}`;
  return why + hint(m);
}

function missingUnderRoot(target: string, root: string, m: Lookup & { kind: 'missing' }): string {
  const why =
    m.missingDir !== null
      ? `no directory \`/${slash(relative(root, m.missingDir))}/\` in the repository`
      : `no such file \`/${slash(relative(root, target))}\` in the repository`;
  return why + hint(m);
}

function hint(m: Lookup & { kind: 'missing' }): string {
  if (m.caseOf !== null) return `; the file is \`${m.caseOf}\`, and GitHub's paths are case-sensitive`;
  if (m.suggestion !== null) return `; did you mean \`${m.suggestion}\`?`;
  return '';
}

/** The nearest ancestor directory (or `dir` itself) holding `.git`, or null. */
function findGitRoot(dir: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return null;
  }
}

// ---------------------------------------------------------------------------
// Anchors

/** What is wrong with `fragment` against `anchors`, or null when it matches. */
/** `where` is `here` for this document, else `in other.md`. */
function fragmentProblem(fragment: string, anchors: Anchors, where: string): string | null {
  if (fragment === '') return null;
  const decoded = decode(fragment);
  if (BUILTIN_FRAGMENT.test(decoded)) return null;
  // GitHub tries the fragment as written, then lower-cased: `#Usage` reaches `usage`.
  if (anchors.keys.has(decoded.toLowerCase()) || anchors.keys.has(fragment.toLowerCase())) return null;
  const near = closest(decoded.toLowerCase(), anchors.slugs);
  if (near !== null) return `did you mean \`#${near}\`?`;
  const here = where === 'here';
  if (anchors.slugs.length === 0) return here ? 'there are no headings here' : 'it has no headings';
  const listed = anchors.slugs.slice(0, MAX_LISTED).map((s) => `\`#${s}\``);
  const more = anchors.slugs.length > MAX_LISTED ? `, … (${anchors.slugs.length} in all)` : '';
  return `${here ? 'headings here' : 'its headings'}: ${listed.join(', ')}${more}`;
}

function anchorsOf(model: DocumentModel, text: string): Anchors {
  const slugs = model.sections.map((s) => s.slug);
  const keys = new Set(slugs.map((s) => s.toLowerCase()));
  for (const id of htmlAnchors(text)) keys.add(id.toLowerCase());
  return { keys, slugs };
}

/**
 * Anchors of other files, shared by every document of the run: a README linked
 * from fifty files is parsed once. Keyed by path, size and modification time,
 * so an edited file is read again.
 */
const anchorCache = new Map<string, { stamp: string; anchors: Anchors | null }>();
const ANCHOR_CACHE_LIMIT = 2000;

function loadAnchors(file: string): Anchors | null {
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
  const hit = anchorCache.get(file);
  if (hit && hit.stamp === stamp) return hit.anchors;
  let anchors: Anchors | null;
  try {
    const source = readFileSync(file, 'utf8');
    const model = parseDocument(source, { path: file, kind: 'markdown' });
    anchors = anchorsOf(model, model.bom ? source.slice(1) : source);
  } catch {
    anchors = null;
  }
  if (anchorCache.size >= ANCHOR_CACHE_LIMIT) anchorCache.delete(anchorCache.keys().next().value as string);
  anchorCache.set(file, { stamp, anchors });
  return anchors;
}

const TAG = /<([a-z][a-z0-9-]*)(\s[^<>]*)?>/gi;
const ATTRIBUTE = /\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/**
 * `id` attributes of any HTML element and `name` attributes of `<a>`, found
 * in the raw text (the model does not carry HTML). Tags inside code are
 * counted too, which can only hide a finding, never invent one.
 */
function htmlAnchors(text: string): string[] {
  if (!text.includes('<')) return [];
  const out: string[] = [];
  for (const tag of text.matchAll(TAG)) {
    const attrs = tag[2];
    if (!attrs) continue;
    const isA = tag[1]?.toLowerCase() === 'a';
    for (const a of attrs.matchAll(ATTRIBUTE)) {
      const attr = a[1]?.toLowerCase();
      if (attr === 'name' && !isA) continue;
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      if (value) out.push(value);
    }
  }
  return out;
}

/** The candidate closest to `word` by edit distance, when it is close enough to be a likely typo. */
function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase(), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : null;
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string
 * alignment), or `limit + 1` once it is certainly larger than `limit`.
 */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (before[j - 2] as number) + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length] as number;
}

// ---------------------------------------------------------------------------
// Positions

/**
 * The destination's exact place inside the link, image or definition (inside
 * `<…>` for angle-bracket destinations), or the whole node when the source
 * does not read back to the model's URL.
 */
function urlPosition(link: Link, text: string, point: (offset: number) => Position['start']): Position {
  const start = link.position.start.offset;
  const src = text.slice(start, link.position.end.offset);
  const found = link.kind === 'definition' ? definitionDestination(src, link.url) : inlineDestination(src, link.url);
  if (!found) return link.position;
  return { start: point(start + found[0]), end: point(start + found[1]) };
}

/** `[label]: destination "title"` */
function definitionDestination(src: string, url: string): [number, number] | null {
  let i = 0;
  while (i < src.length) {
    if (src[i] === '\\') i += 2;
    else if (src[i] === ']' && src[i + 1] === ':') break;
    else i++;
  }
  if (i >= src.length) return null;
  const dest = destinationAt(src, skipSpace(src, i + 2));
  if (!dest || !matches(src.slice(dest[0], dest[1]), url)) return null;
  return titleThenEnd(src, dest[2], src.length) ? [dest[0], dest[1]] : null;
}

/** `[text](destination "title")` / `![alt](destination "title")`: the last `](` whose remainder parses to the end. */
function inlineDestination(src: string, url: string): [number, number] | null {
  if (!src.endsWith(')')) return null;
  for (let open = src.lastIndexOf(']('); open >= 0; open = open > 0 ? src.lastIndexOf('](', open - 1) : -1) {
    const dest = destinationAt(src, skipSpace(src, open + 2));
    if (!dest || !matches(src.slice(dest[0], dest[1]), url)) continue;
    if (titleThenEnd(src, dest[2], src.length - 1)) return [dest[0], dest[1]];
  }
  return null;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function skipSpace(src: string, i: number): number {
  while (isSpace(src[i])) i++;
  return i;
}

/** `[start, end, after]` of the destination's text at `i`: inside `<…>`, or up to a blank or the closing parenthesis. */
function destinationAt(src: string, i: number): [number, number, number] | null {
  if (src[i] === '<') {
    for (let j = i + 1; j < src.length; j++) {
      const c = src[j];
      if (c === '\\') j++;
      else if (c === '\n' || c === '\r' || c === '<') return null;
      else if (c === '>') return [i + 1, j, j + 1];
    }
    return null;
  }
  let depth = 0;
  let j = i;
  for (; j < src.length; j++) {
    const c = src[j] as string;
    if (c === '\\') j++;
    else if (isSpace(c) || c.charCodeAt(0) < 32) break;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return [i, Math.min(j, src.length), Math.min(j, src.length)];
}

/** After the destination: blanks, an optional title, blanks, then exactly `end`. */
function titleThenEnd(src: string, i: number, end: number): boolean {
  i = skipSpace(src, i);
  const open = src[i];
  if (i < end && (open === '"' || open === "'" || open === '(')) {
    const close = open === '(' ? ')' : open;
    let j = i + 1;
    for (; j < end; j++) {
      if (src[j] === '\\') j++;
      else if (src[j] === close) break;
    }
    if (j >= end) return false;
    i = skipSpace(src, j + 1);
  }
  return i === end;
}

/** Whether the destination as written reads as `url` (backslash escapes removed; entity references trusted). */
function matches(raw: string, url: string): boolean {
  if (raw === url) return true;
  const unescaped = raw.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return unescaped === url || (raw.includes('&') && raw.length > 0 && url.length > 0);
}
