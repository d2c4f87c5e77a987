/**
 * Generated blocks: a `<!-- mermaid-lint generate: <generator> key="value" … -->` comment
 * right before a fenced Mermaid block (or a table) says that the block is the output of a
 * transform applied to another part of the document. This module reads such directives,
 * computes what the block should hold now (through `split`, `extract`, `merge`,
 * `diagramToTable`, `tableToDiagram` and the printers), compares it with what the block
 * holds, and builds the text edits that regenerate it. The `generated-block` rule reports
 * with them; `mermaid-lint --fix` applies them.
 *
 * Directive syntax (see docs/transforms.md, "Generated blocks"):
 *
 *     <!-- mermaid-lint generate: split of="Overview" at="Master MLOps Fundamentals" part=2 hash=1a2b3c4d -->
 *
 * - the first word names the generator: `split`, `extract`, `merge`, `table`, `diagram`;
 * - then `key=value` pairs, the value bare (no blanks, no `"`) or in double quotes, where
 *   `\"` is a quote, `\\` a backslash and `\` before any other character that character
 *   (write `--\>` for a `-->` that must not end the comment);
 * - a bare `--` ends the arguments; what follows is a free-text reason;
 * - `hash=` records a short hash of the text last generated (written by `--fix`), so that
 *   hand edits can be told from a changed source.
 */
import { printFlowchart, type PrintFlowchartOptions } from '../mermaid/flowchart/printer.js';
import type { FlowGraph } from '../mermaid/flowchart/types.js';
import { normalizeName } from '../model/names.js';
import type { Position } from '../model/position.js';
import type { Comment, Diagram, DocumentModel, Table } from '../model/types.js';
import { extract, type ExtractOptions } from './extract.js';
import { nodeList, TransformError } from './graph-utils.js';
import { toMarkdown } from './markdown.js';
import { merge, type MergeOptions, type MergePolicy, type UnifyBy } from './merge.js';
import { flowGraphOf, selectDiagrams } from './select.js';
import { split, type SplitBy, type SplitOptions } from './split.js';
import { diagramToTable, TableTransformError, tableToDiagram, type TableToDiagramOptions } from './tables.js';

/** The generators a directive can name. */
export const GENERATORS = ['split', 'extract', 'merge', 'table', 'diagram'] as const;
export type GeneratorName = (typeof GENERATORS)[number];

/** A directive that cannot be read or a block that cannot be generated; `key` names the argument at fault. */
export class GenerateError extends Error {
  readonly key: string | null;
  constructor(message: string, key: string | null = null) {
    super(message);
    this.name = 'GenerateError';
    this.key = key;
  }
}

/** One `key=value` argument, with offsets of the whole token in the parsed text. */
export interface GenerateArg {
  key: string;
  value: string;
  start: number;
  end: number;
}

/** A parsed `generate:` directive. */
export interface GenerateSpec {
  generator: GeneratorName;
  /** The arguments in the order written, `hash` included. */
  args: GenerateArg[];
  /** The recorded hash (`hash=…`), or null. */
  hash: string | null;
  /** Offset just after the last argument (or the generator name): where `hash=…` is inserted. */
  end: number;
  /** Text after a bare `--`, or null. */
  reason: string | null;
}

/** Keys every generator takes. */
const COMMON = ['hash'];
/** Printer keys of the generators that write Mermaid. */
const PRINT = ['keyword', 'indent'];
/** Each generator's keys; keys that may repeat are listed in {@link REPEATABLE}. */
const KEYS: Record<GeneratorName, string[]> = {
  split: ['of', 'part', 'by', 'at', 'group', 'detach', 'context', 'max-nodes', ...PRINT, ...COMMON],
  extract: ['of', 'node', 'depth', 'direction', ...PRINT, ...COMMON],
  merge: ['of', 'by', 'policy', 'ids', ...PRINT, ...COMMON],
  table: ['of', 'columns', 'layout', ...COMMON],
  diagram: ['of', 'parent', 'child', 'direction', 'root', ...PRINT, ...COMMON],
};
const REPEATABLE = new Set(['group', 'detach']);
const REPEATABLE_FOR: Partial<Record<GeneratorName, Set<string>>> = { merge: new Set(['of']) };

const quote = (s: string): string => `\`${s}\``;

/**
 * Reads the text after `generate:` (offsets in the result are relative to it). Throws a
 * {@link GenerateError} naming the key at fault for an unknown generator or key, a key
 * given twice, a missing value or an unterminated quote.
 */
export function parseGenerateArgs(text: string): GenerateSpec {
  const n = text.length;
  let i = 0;
  let generator: GeneratorName | null = null;
  let end = 0;
  let reason: string | null = null;
  const args: GenerateArg[] = [];
  const isBlank = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
  while (i < n) {
    while (i < n && isBlank(text[i])) i++;
    if (i >= n) break;
    const start = i;
    if (text.startsWith('--', i) && (i + 2 >= n || isBlank(text[i + 2]))) {
      reason = text.slice(i + 2).trim() || null;
      break;
    }
    while (i < n && !isBlank(text[i]) && text[i] !== '=') i++;
    const word = text.slice(start, i);
    if (text[i] !== '=') {
      if (generator === null && args.length === 0) {
        if (!(GENERATORS as readonly string[]).includes(word)) {
          throw new GenerateError(`unknown generator ${quote(word)} (${GENERATORS.join(', ')})`);
        }
        generator = word as GeneratorName;
        end = i;
        continue;
      }
      throw new GenerateError(`expected key="value", found ${quote(word)}`, word);
    }
    const key = word;
    if (!/^[a-z][a-z0-9-]*$/.test(key)) throw new GenerateError(`${quote(key || '=')} is not a key (lower-case letters, digits and -)`, key || null);
    i++; // '='
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i] as string;
        if (c === '\\' && i + 1 < n) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        value += c;
        i++;
      }
      if (!closed) throw new GenerateError(`the value of ${quote(key)} has no closing \`"\``, key);
      if (i < n && !isBlank(text[i])) throw new GenerateError(`the value of ${quote(key)} is followed by ${quote(text.slice(i).split(/\s/)[0] ?? '')}; leave a blank between arguments`, key);
    } else {
      const vs = i;
      while (i < n && !isBlank(text[i])) i++;
      value = text.slice(vs, i);
      if (value === '') throw new GenerateError(`${quote(key)} has no value; write ${key}="…"`, key);
      if (value.includes('"')) throw new GenerateError(`the value of ${quote(key)} has a stray \`"\`; quote the whole value`, key);
    }
    if (generator === null) throw new GenerateError(`names no generator; start with one of ${GENERATORS.join(', ')}`, key);
    if (!KEYS[generator].includes(key)) {
      throw new GenerateError(`unknown key ${quote(key)} for ${generator} (${KEYS[generator].join(', ')})`, key);
    }
    if (args.some((a) => a.key === key) && !REPEATABLE.has(key) && !REPEATABLE_FOR[generator]?.has(key)) {
      throw new GenerateError(`${quote(key)} is given twice`, key);
    }
    args.push({ key, value, start, end: i });
    end = i;
  }
  if (generator === null) throw new GenerateError(`names no generator; start with one of ${GENERATORS.join(', ')}`);
  const hashArg = args.find((a) => a.key === 'hash');
  if (hashArg && !/^[0-9a-f]{8}$/.test(hashArg.value)) throw new GenerateError(`hash=${hashArg.value} is not a hash this tool writes (8 hex digits); remove it`, 'hash');
  return { generator, args, hash: hashArg?.value ?? null, end, reason };
}

// ------------------------------------------------------------------ text helpers

/** A short hash of a block's text (FNV-1a, 32 bits, 8 hex digits) after {@link normalizeBlockText}. */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  const s = normalizeBlockText(text).join('\n');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A block's lines for comparison: line endings unified, trailing blanks and trailing empty lines dropped. */
export function normalizeBlockText(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function lineStartOf(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

/** What every line of a block inside a container starts with: `> `, list indentation, … (list markers become blanks). */
function containerPrefix(text: string, blockStart: number, marker: RegExp): string {
  const ls = lineStartOf(text, blockStart);
  const lineEnd = text.slice(ls).search(/\r|\n/);
  const line = lineEnd < 0 ? text.slice(ls) : text.slice(ls, ls + lineEnd);
  const m = marker.exec(line);
  const lead = m ? line.slice(0, m.index) : text.slice(ls, blockStart);
  return lead.replace(/[^>\s]/g, ' ');
}

// ------------------------------------------------------------------ directives and their blocks

/** The block a directive generates. */
export type GeneratedTarget = { kind: 'diagram'; diagram: Diagram } | { kind: 'table'; table: Table };

/** A `generate:` directive, read, with the block it applies to. */
export interface GeneratedBlockSite {
  comment: Comment;
  /** The parsed directive, or null when it could not be read ({@link error} says why). */
  spec: GenerateSpec | null;
  error: GenerateError | null;
  /** The fenced block or table right after the comment, or null. */
  target: GeneratedTarget | null;
  /** File offset of the parsed argument text (spec offsets are relative to it), or null when the comment could not be located. */
  argsOffset: number | null;
}

const GENERATE_HEAD = /^<!--\s*mermaid-lint\s+generate\s*:/;

/**
 * Every `mermaid-lint generate:` comment of a Markdown document with the block right
 * after it: the next fenced Mermaid block or table, with nothing but blanks, blockquote
 * markers and other comments between them.
 */
export function generatedBlocks(model: DocumentModel, text: string): GeneratedBlockSite[] {
  const out: GeneratedBlockSite[] = [];
  for (const c of model.comments) {
    if (c.kind !== 'html' || c.directive?.name !== 'generate') continue;
    const raw = text.slice(c.position.start.offset, c.position.end.offset);
    const head = GENERATE_HEAD.exec(raw);
    let argsText: string;
    let argsOffset: number | null;
    if (head && raw.endsWith('-->')) {
      argsText = raw.slice(head[0].length, raw.length - 3);
      argsOffset = c.position.start.offset + head[0].length;
    } else {
      argsText = c.text.replace(/^mermaid-lint\s+generate\s*:/, '');
      argsOffset = null;
    }
    let spec: GenerateSpec | null = null;
    let error: GenerateError | null = null;
    try {
      spec = parseGenerateArgs(argsText);
    } catch (e) {
      if (!(e instanceof GenerateError)) throw e;
      error = e;
    }
    out.push({ comment: c, spec, error, target: nextBlock(model, text, c), argsOffset });
  }
  return out;
}

function nextBlock(model: DocumentModel, text: string, c: Comment): GeneratedTarget | null {
  const after = c.position.end.offset;
  const d = model.diagrams.find((x) => x.blockPosition.start.offset >= after);
  const t = model.tables.find((x) => x.position.start.offset >= after);
  const target: GeneratedTarget | null =
    d && (!t || d.blockPosition.start.offset < t.position.start.offset) ? { kind: 'diagram', diagram: d } : t ? { kind: 'table', table: t } : null;
  if (!target) return null;
  const start = target.kind === 'diagram' ? target.diagram.blockPosition.start.offset : target.table.position.start.offset;
  const between = text.slice(after, start).replace(/<!--[\s\S]*?-->/g, '');
  return /^[\s>]*$/.test(between) ? target : null;
}

// ------------------------------------------------------------------ generating

/** What a generator gives: the block's text and the blocks it was made from. */
export interface Generated {
  kind: 'diagram' | 'table';
  text: string;
  sources: ({ kind: 'diagram'; diagram: Diagram } | { kind: 'table'; table: Table })[];
}

class Args {
  constructor(
    readonly spec: GenerateSpec,
    readonly generator: GeneratorName,
  ) {}
  all(key: string): string[] {
    return this.spec.args.filter((a) => a.key === key).map((a) => a.value);
  }
  one(key: string): string | undefined {
    return this.all(key)[0];
  }
  required(key: string, what: string): string {
    const v = this.one(key);
    if (v === undefined || v.trim() === '') throw new GenerateError(`${this.generator} needs ${key}="…" (${what})`, key);
    return v;
  }
  choice<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.one(key);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw new GenerateError(`${key}=${v} is not one of ${allowed.join(', ')}`, key);
    return v as T;
  }
  integer(key: string, min: number): number | undefined {
    const v = this.one(key);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min) throw new GenerateError(`${key}=${v} is not a whole number of at least ${min}`, key);
    return Number(v);
  }
}

/** Wraps the transforms' errors as {@link GenerateError}s. */
function transformed<T>(generator: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TransformError || e instanceof TableTransformError) throw new GenerateError(`${generator}: ${e.message}`);
    throw e;
  }
}

interface Resolver {
  model: DocumentModel;
  self: GeneratedTarget | null;
  /** Diagrams and tables that are generated blocks themselves. */
  generatedDiagrams: Set<number>;
  generatedTables: Set<number>;
}

/** The diagrams an `of` value names: `diagram N`/`diagrams 2-5`, an index list, a heading or a title; never the block itself. */
function diagramsOf(r: Resolver, selector: string): Diagram[] {
  const sel = selector.trim().replace(/^diagrams?\s+(?=\d)/i, '');
  let found: Diagram[];
  try {
    found = selectDiagrams(r.model, sel);
  } catch (e) {
    if (e instanceof TransformError) throw new GenerateError(`of="${selector}": ${e.message}`, 'of');
    throw e;
  }
  const self = r.self?.kind === 'diagram' ? r.self.diagram.index : -1;
  const others = found.filter((d) => d.index !== self);
  if (others.length === 0) throw new GenerateError(`of="${selector}" names only the generated block itself`, 'of');
  return others;
}

/** The one diagram an `of` value names; in a heading's section, generated blocks are passed over when another diagram is there. */
function diagramOf(r: Resolver, selector: string): Diagram {
  const found = diagramsOf(r, selector);
  const plain = found.filter((d) => !r.generatedDiagrams.has(d.index));
  const pick = plain.length > 0 ? plain : found;
  if (pick.length !== 1) {
    throw new GenerateError(`of="${selector}" names ${pick.length} diagrams (${pick.map((d) => d.index + 1).join(', ')}); name one, as in of="diagram ${(pick[0]?.index ?? 0) + 1}"`, 'of');
  }
  return pick[0] as Diagram;
}

/** The one table an `of` value names: `table N` (1-based) or a heading whose section holds one table. */
function tableOf(r: Resolver, selector: string): Table {
  const sel = selector.trim();
  const count = r.model.tables.length;
  const byIndex = /^(?:table\s+)?(\d+)$/i.exec(sel);
  const self = r.self?.kind === 'table' ? r.self.table.index : -1;
  if (byIndex) {
    const t = r.model.tables[Number(byIndex[1]) - 1];
    if (!t) throw new GenerateError(`of="${selector}": no table ${byIndex[1]}: the document has ${count} table${count === 1 ? '' : 's'}`, 'of');
    if (t.index === self) throw new GenerateError(`of="${selector}" names the generated table itself`, 'of');
    return t;
  }
  const key = normalizeName(sel.replace(/^#+\s*/, ''));
  const sections = r.model.sections.filter((s) => key !== '' && normalizeName(s.text) === key);
  if (sections.length === 0) throw new GenerateError(`of="${selector}": not a table number (1 to ${count}) or a heading`, 'of');
  let found = r.model.tables.filter((t) => t.index !== self && sections.some((s) => s.index === t.section));
  if (found.length === 0) {
    found = r.model.tables.filter(
      (t) => t.index !== self && sections.some((s) => t.position.start.offset >= s.extent.start.offset && t.position.start.offset < s.extent.end.offset),
    );
  }
  const plain = found.filter((t) => !r.generatedTables.has(t.index));
  const pick = plain.length > 0 ? plain : found;
  if (pick.length !== 1) {
    throw new GenerateError(
      pick.length === 0 ? `of="${selector}": that section holds no table` : `of="${selector}" names ${pick.length} tables (${pick.map((t) => t.index + 1).join(', ')}); name one, as in of="table ${(pick[0]?.index ?? 0) + 1}"`,
      'of',
    );
  }
  return pick[0] as Table;
}

function printOptions(a: Args): PrintFlowchartOptions {
  const out: PrintFlowchartOptions = {};
  const keyword = a.choice('keyword', ['flowchart', 'graph', 'flowchart-elk'] as const);
  if (keyword) out.keyword = keyword;
  const indent = a.one('indent');
  if (indent !== undefined) {
    if (indent === 'tab') out.indent = '\t';
    else if (/^\d$/.test(indent)) out.indent = ' '.repeat(Number(indent));
    else throw new GenerateError(`indent=${indent} is not a number of spaces (0 to 9) or tab`, 'indent');
  }
  return out;
}

const printed = (g: FlowGraph, a: Args): string => printFlowchart(g, printOptions(a)).replace(/\n+$/, '');

/**
 * The text a directive's generator gives for its block now. `self` is the block the
 * directive stands before (never its own source); `site`s of the document tell which
 * other blocks are generated (passed over when a heading names several diagrams).
 * Throws a {@link GenerateError}.
 */
export function generate(model: DocumentModel, spec: GenerateSpec, self: GeneratedTarget | null = null, sites: readonly GeneratedBlockSite[] = []): Generated {
  const r: Resolver = {
    model,
    self,
    generatedDiagrams: new Set(sites.flatMap((s) => (s.target?.kind === 'diagram' ? [s.target.diagram.index] : []))),
    generatedTables: new Set(sites.flatMap((s) => (s.target?.kind === 'table' ? [s.target.table.index] : []))),
  };
  const a = new Args(spec, spec.generator);
  const graphOf = (d: Diagram): FlowGraph => transformed(spec.generator, () => flowGraphOf(d));
  switch (spec.generator) {
    case 'split': {
      const source = diagramOf(r, a.required('of', 'the diagram to split'));
      const g = graphOf(source);
      const options: SplitOptions = {};
      const by = a.choice('by', ['children', 'subgraph', 'component', 'size'] as const satisfies readonly SplitBy[]);
      if (by) options.by = by;
      const at = a.one('at');
      if (at !== undefined) options.at = at;
      const groups = a.all('group').flatMap((v) => v.split(';').map((part) => nodeList(part, g)).filter((ids) => ids.length > 0));
      if (groups.length > 0) options.groups = groups;
      const detach = a.all('detach').flatMap((v) => nodeList(v, g));
      if (detach.length > 0) options.detach = detach;
      const context = a.choice('context', ['path', 'none'] as const);
      if (context) options.context = context;
      const max = a.integer('max-nodes', 2);
      if (max !== undefined) options.maxNodes = max;
      const parts = transformed('split', () => split(g, options));
      const part = a.integer('part', 1);
      if (part === undefined && parts.length !== 1) throw new GenerateError(`split gives ${parts.length} parts; say which this block is with part=1 to part=${parts.length}`, 'part');
      if (part !== undefined && part > parts.length) throw new GenerateError(`part=${part}, but split gives ${parts.length} part${parts.length === 1 ? '' : 's'}`, 'part');
      return { kind: 'diagram', text: printed(parts[(part ?? 1) - 1] as FlowGraph, a), sources: [{ kind: 'diagram', diagram: source }] };
    }
    case 'extract': {
      const source = diagramOf(r, a.required('of', 'the diagram to extract from'));
      const options: ExtractOptions = { node: a.required('node', 'the node whose neighbourhood to show, by id or label') };
      const depth = a.one('depth');
      if (depth !== undefined && depth !== 'all') options.depth = a.integer('depth', 0) as number;
      const direction = a.choice('direction', ['down', 'up', 'both'] as const);
      if (direction) options.direction = direction;
      const g = graphOf(source);
      return { kind: 'diagram', text: printed(transformed('extract', () => extract(g, options)), a), sources: [{ kind: 'diagram', diagram: source }] };
    }
    case 'merge': {
      const selectors = a.all('of');
      if (selectors.length === 0) throw new GenerateError('merge needs of="…" (the diagrams to merge: 2-5, a heading; repeat of= for more)', 'of');
      const diagrams: Diagram[] = [];
      for (const s of selectors) for (const d of diagramsOf(r, s)) if (!diagrams.includes(d)) diagrams.push(d);
      const options: MergeOptions = {};
      const by = a.choice('by', ['label', 'similar', 'label+similar', 'label+id', 'id'] as const);
      if (by) options.unifyBy = (by === 'similar' ? 'label+similar' : by) satisfies UnifyBy;
      const policy = a.one('policy');
      if (policy !== undefined) {
        const prefer = /^prefer:(\d+)$/.exec(policy);
        let p: MergePolicy;
        if (policy === 'first' || policy === 'most-frequent') p = policy;
        else if (prefer) {
          const at = diagrams.findIndex((d) => d.index === Number(prefer[1]) - 1);
          if (at < 0) throw new GenerateError(`policy=${policy}: diagram ${prefer[1]} is not one of the merged diagrams (${diagrams.map((d) => d.index + 1).join(', ')})`, 'policy');
          p = { prefer: at };
        } else throw new GenerateError(`policy=${policy} is not one of first, most-frequent, prefer:N`, 'policy');
        options.policy = p;
      }
      const ids = a.choice('ids', ['slug', 'keep'] as const);
      if (ids) options.ids = ids;
      const graphs = diagrams.map(graphOf);
      const result = transformed('merge', () => merge(graphs, options));
      return { kind: 'diagram', text: printed(result.graph, a), sources: diagrams.map((diagram) => ({ kind: 'diagram' as const, diagram })) };
    }
    case 'table': {
      const source = diagramOf(r, a.required('of', 'the diagram to write as a table'));
      // one block holds one table: only the edges layout (per-parent gives a table per parent)
      a.choice('layout', ['edges'] as const);
      const columns = a.one('columns');
      let cols: [string, string] | undefined;
      if (columns !== undefined) {
        const parts = columns.split(',').map((c) => c.trim());
        if (parts.length !== 2 || parts.some((p) => p === '')) throw new GenerateError(`columns="${columns}" must name two columns, as in columns="Parent, Child"`, 'columns');
        cols = parts as [string, string];
      }
      const g = graphOf(source);
      const result = transformed('table', () => diagramToTable(g, { layout: 'edges', ...(cols ? { columns: cols } : {}) }));
      if (result.layout !== 'edges') throw new GenerateError('table: expected the edges layout');
      const text = toMarkdown([{ table: result.table }]).replace(/\n+$/, '');
      return { kind: 'table', text, sources: [{ kind: 'diagram', diagram: source }] };
    }
    case 'diagram': {
      const source = tableOf(r, a.required('of', 'the table to draw: table N or a heading'));
      const options: TableToDiagramOptions = {};
      const parent = a.one('parent');
      if (parent !== undefined) options.parentColumn = parent;
      const child = a.one('child');
      if (child !== undefined) options.childColumn = child;
      const direction = a.choice('direction', ['TB', 'BT', 'LR', 'RL'] as const);
      if (direction) options.direction = direction;
      const root = a.one('root');
      if (root !== undefined) options.root = root;
      const g = transformed('diagram', () => tableToDiagram(source, options));
      return { kind: 'diagram', text: printed(g, a), sources: [{ kind: 'table', table: source }] };
    }
  }
}

// ------------------------------------------------------------------ comparing and regenerating

/** A replacement of `[start, end)` of the file text (after a BOM). */
export interface BlockEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * How a generated block compares with its generator's output:
 * - `current`: it holds what the generator gives (trailing blanks aside);
 * - `stale`: it differs, and either it still holds the text its `hash` records (so the
 *   source changed) or there is no hash to tell;
 * - `edited`: it differs and no longer holds the text its `hash` records: edited by hand;
 * - `hash`: it holds what the generator gives, but `hash` records another text.
 */
export type GeneratedStatus = 'current' | 'stale' | 'edited' | 'hash';

export interface GeneratedCheck {
  status: GeneratedStatus;
  generated: Generated;
  /** The hash of the generated text (what `--fix` records). */
  hash: string;
  /** The first line that differs: file line, the generated line and the block's (null past the end). */
  difference: { line: number; expected: string | null; found: string | null } | null;
  /** Where the block's content is, in the file. */
  position: Position;
  /** The edits that regenerate the block and record its hash; empty when `current`. */
  edits: BlockEdit[];
}

/** The block's current content lines (container prefixes removed) with the file line of each. */
function blockContent(text: string, target: GeneratedTarget): { lines: string[]; fileLines: number[]; after: number } {
  if (target.kind === 'diagram') {
    const d = target.diagram;
    const lines = d.source.split(/\r\n|\r|\n/);
    return { lines, fileLines: lines.map((_, i) => d.lineMap[i]?.line ?? d.position.start.line + i), after: d.blockPosition.end.line };
  }
  const t = target.table;
  const prefix = containerPrefix(text, t.position.start.offset, /[^\s>]/);
  const strip = prefix.includes('>') ? /^[ \t>]*/ : /^[ \t]*/;
  const lines = text
    .slice(t.position.start.offset, t.position.end.offset)
    .split(/\r\n|\r|\n/)
    .map((l, i) => (i === 0 ? l : l.replace(strip, '')));
  return { lines, fileLines: lines.map((_, i) => t.position.start.line + i), after: t.position.end.line + 1 };
}

/** The edit that puts `lines` into the block, each line after the first behind the container prefix. */
function contentEdit(model: DocumentModel, text: string, target: GeneratedTarget, lines: string[]): BlockEdit {
  const eol = model.lineEnding;
  if (target.kind === 'table') {
    const t = target.table;
    const prefix = containerPrefix(text, t.position.start.offset, /[^\s>]/);
    const body = lines.map((l, i) => (i === 0 ? l : (l === '' ? prefix.trimEnd() : prefix + l))).join(eol);
    return { start: t.position.start.offset, end: t.position.end.offset, text: body };
  }
  const d = target.diagram;
  const marker = d.container === 'azure' ? /:::/ : /```|~~~/;
  const prefix = containerPrefix(text, d.blockPosition.start.offset, marker);
  const withPrefix = (l: string): string => (l === '' ? prefix.trimEnd() : prefix + l);
  if (d.source === '') {
    // an empty block: insert before the closing fence, or after the opening one when there is none
    const closing = lineStartOf(text, d.blockPosition.end.offset);
    if (closing > d.blockPosition.start.offset) return { start: closing, end: closing, text: lines.map(withPrefix).join(eol) + eol };
    return { start: d.blockPosition.end.offset, end: d.blockPosition.end.offset, text: eol + lines.map(withPrefix).join(eol) };
  }
  const body = lines.map((l, i) => (i === 0 ? l : withPrefix(l))).join(eol);
  return { start: d.position.start.offset, end: d.position.end.offset, text: body };
}

/** The edit that records `hash` in the directive: replaces `hash=…` or adds it after the last argument. */
function hashEdit(site: GeneratedBlockSite, hash: string): BlockEdit | null {
  if (!site.spec || site.argsOffset === null) return null;
  const existing = site.spec.args.find((a) => a.key === 'hash');
  if (existing) return { start: site.argsOffset + existing.start, end: site.argsOffset + existing.end, text: `hash=${hash}` };
  const at = site.argsOffset + site.spec.end;
  return { start: at, end: at, text: ` hash=${hash}` };
}

/**
 * Compares a generated block with what its generator gives now. Throws a
 * {@link GenerateError} when the directive names nothing it can generate from; returns
 * null for a site without a parsed directive or without a block.
 */
export function checkGeneratedBlock(model: DocumentModel, text: string, site: GeneratedBlockSite, sites: readonly GeneratedBlockSite[] = [site]): GeneratedCheck | null {
  if (!site.spec || !site.target) return null;
  const generated = generate(model, site.spec, site.target, sites);
  if (generated.kind !== site.target.kind) {
    throw new GenerateError(`${site.spec.generator} writes a ${generated.kind}, but the block after the directive is a ${site.target.kind === 'diagram' ? 'Mermaid block' : 'table'}`);
  }
  const expected = normalizeBlockText(generated.text);
  const content = blockContent(text, site.target);
  const current = normalizeBlockText(content.lines.join('\n'));
  const hash = contentHash(generated.text);
  const position = site.target.kind === 'diagram' ? site.target.diagram.blockPosition : site.target.table.position;
  let difference: GeneratedCheck['difference'] = null;
  for (let i = 0; i < Math.max(expected.length, current.length); i++) {
    if (expected[i] === current[i]) continue;
    difference = { line: content.fileLines[i] ?? content.after, expected: expected[i] ?? null, found: current[i] ?? null };
    break;
  }
  const stored = site.spec.hash;
  let status: GeneratedStatus;
  if (!difference) status = stored !== null && stored !== hash ? 'hash' : 'current';
  else status = stored !== null && contentHash(current.join('\n')) !== stored ? 'edited' : 'stale';
  const edits: BlockEdit[] = [];
  if (status !== 'current') {
    if (status !== 'hash') edits.push(contentEdit(model, text, site.target, expected));
    const h = hashEdit(site, hash);
    if (h) edits.push(h);
  }
  return { status, generated, hash, difference, position, edits };
}

/**
 * Regenerates every generated block of a document whose generator can run (a directive
 * that cannot be read or run is left alone): the text with the blocks rewritten and the
 * hashes recorded. Repeats while blocks generated from generated blocks change (at most
 * ten passes). `parse` is the model builder (`parseDocument`).
 */
export function regenerateBlocks(text: string, parse: (text: string) => DocumentModel): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const bom = current.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const body = bom ? current.slice(1) : current;
    const model = parse(current);
    const sites = generatedBlocks(model, body);
    const edits: BlockEdit[] = [];
    for (const site of sites) {
      try {
        edits.push(...(checkGeneratedBlock(model, body, site, sites)?.edits ?? []));
      } catch (e) {
        if (!(e instanceof GenerateError)) throw e;
      }
    }
    if (edits.length === 0) break;
    let out = body;
    for (const e of [...edits].sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    if (out === body) break;
    current = bom + out;
  }
  return current;
}
