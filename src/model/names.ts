import { splitTopLevel } from '../text/split.js';
import type { LineIndex } from '../markdown/lines.js';
import type { Position } from './position.js';
import type { Cell, Diagram, List, Mention, MentionKind, MentionRef, MentionRole, Name, Section, Table } from './types.js';

/**
 * The form every comparison of names uses: Unicode-compatibility folded, lower
 * case, `&` read as `and`, punctuation and blanks collapsed to one space.
 * `+` and `#` stay when they end a word (`C++`, `C#`), since they change the name.
 *
 * `normalizeName('ELK Stack/OpenSearch') === normalizeName('ELK Stack / OpenSearch')`
 */
export function normalizeName(text: string): string {
  let out = normalized.get(text);
  if (out === undefined) {
    out = fold(text);
    // Labels and names repeat across a run's files; the memo starts over rather than grow without bound.
    if (normalized.size >= NORMALIZED_LIMIT) normalized.clear();
    normalized.set(text, out);
  }
  return out;
}

const NORMALIZED_LIMIT = 100_000;
const normalized = new Map<string, string>();

function fold(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\p{M}+#]+/gu, ' ');
  let out = '';
  for (const word of folded.split(' ')) {
    const w = word.replace(/^[+#]+/, '');
    if (w) out = out ? `${out} ${w}` : w;
  }
  return out;
}

/** One name read from a table cell or list member. */
export interface NameEntry {
  name: string;
  aliases: string[];
  parts: string[];
  /** True when the cell lists alternatives (`(Alt: Seaborn / Plotly)`). */
  alternative: boolean;
}

const ALT_PREFIX = /^(?:alt|alts|alternatives?|or|also|see also|optional)\s*:\s*/i;
const MAX_NAME_WORDS = 8;

/**
 * Reads the names in a first-column cell or list member:
 * `Flask / FastAPI` → Flask, FastAPI; `KServe (KFServing)` → KServe alias KFServing;
 * `ELK Stack (Elasticsearch, Logstash, Kibana)` → ELK Stack with parts;
 * `(Alt: Seaborn / Plotly)` → Seaborn and Plotly as alternatives.
 * Returns nothing for text that is not a name (empty, numbers, sentences).
 */
export function parseNames(text: string): NameEntry[] {
  let t = text.trim().replace(/^[*_]+|[*_]+$/g, '').trim();
  let alternative = false;
  const whole = /^\((.*)\)$/s.exec(t);
  if (whole && !(whole[1] ?? '').includes(')')) t = (whole[1] ?? '').trim();
  const alt = ALT_PREFIX.exec(t);
  if (alt) {
    alternative = true;
    t = t.slice(alt[0].length);
  }
  if (!t || /^[\d\s.,:%-]*$/.test(t)) return [];
  const pieces = alternative ? splitTopLevel(t, ',').flatMap((p) => splitSlash(p)) : splitSlash(t);
  const out: NameEntry[] = [];
  for (const piece of pieces) {
    const p = piece.trim();
    if (!p) continue;
    const m = /^(.*?)\s*\(([^()]*)\)\s*$/s.exec(p);
    const base = (m ? m[1] : p)?.trim() ?? '';
    if (!base || base.split(/\s+/).length > MAX_NAME_WORDS || /^[\d\s.,:%-]*$/.test(base)) continue;
    const inner = m ? (m[2] ?? '').trim() : '';
    const list = inner ? splitTopLevel(inner, ',').map((s) => s.trim()).filter(Boolean) : [];
    out.push({
      name: base,
      aliases: list.length === 1 ? list : [],
      parts: list.length > 1 ? list : [],
      alternative,
    });
  }
  return out;
}

/**
 * Splits at `/` outside parentheses. `a/b` pairs of short tokens without
 * blanks (`CI/CD`, `I/O`, `TCP/IP`) and paths or URLs stay whole.
 */
function splitSlash(text: string): string[] {
  if (!text.includes('/')) return [text];
  if (/:\/\/|^\.{0,2}\//.test(text.trim())) return [text];
  const parts = splitTopLevel(text, '/');
  if (parts.length === 2 && parts.every((p) => /^\S{1,3}$/.test(p))) return [text];
  return parts;
}

/** Collects names from tables, list members and headings, with every mention. */
export class NameIndex {
  private readonly byKey = new Map<string, Name>();
  private readonly aliasOf = new Map<string, Name>();
  private readonly lines: LineIndex;

  constructor(lines: LineIndex) {
    this.lines = lines;
  }

  /** The names in document order of their first mention, each with its mentions in document order. */
  get names(): Name[] {
    const names = [...this.byKey.values()];
    for (const n of names) n.mentions.sort((a, b) => a.position.start.offset - b.position.start.offset);
    const first = (n: Name): number => n.mentions[0]?.position.start.offset ?? Number.MAX_SAFE_INTEGER;
    return names.sort((a, b) => first(a) - first(b));
  }

  /** The name (or the name an alias belongs to) for a text, if known. */
  lookup(text: string): Name | undefined {
    const key = normalizeName(text);
    return this.byKey.get(key) ?? this.aliasOf.get(key);
  }

  /** Declares the names of each table's first column. */
  addTables(tables: Table[]): void {
    for (const table of tables) {
      let previous: string | null = null;
      table.rows.forEach((row, r) => {
        const cell = row[0];
        if (!cell) return;
        const ref: MentionRef = { kind: 'table', table: table.index, row: r };
        const entries = parseNames(cell.text);
        for (const e of entries) this.declare(e, 'table', ref, cell, e.alternative ? previous : null);
        const primary = entries.find((e) => !e.alternative);
        if (primary) previous = primary.name;
      });
    }
  }

  /** Declares the members of "label: members" list items. */
  addLists(lists: List[]): void {
    for (const list of lists) {
      list.items.forEach((item, i) => {
        if (!item.labelled) return;
        const ref: MentionRef = { kind: 'list', list: list.index, item: i };
        for (const member of item.labelled.members) {
          const cell: Cell = { raw: member.text, text: member.text, position: member.position };
          for (const e of parseNames(member.text)) this.declare(e, 'list', ref, cell, null);
        }
      });
    }
  }

  /** Records headings whose text is a known name. */
  addHeadings(sections: Section[]): void {
    for (const s of sections) {
      const candidates = [s.text, s.text.replace(/\s*\([^()]*\)\s*$/, '')];
      for (const c of candidates) {
        const name = this.lookup(c);
        if (name) {
          this.mention(name, { text: s.text, kind: 'heading', role: 'name', position: s.position, ref: { kind: 'heading', section: s.index } });
          break;
        }
      }
    }
  }

  /**
   * Records flowchart node labels. A label that is a known name (or alias) is a
   * mention of it; a label made of known names joined by `/`, `+` or `,`
   * (`FastAPI/Flask`, `Prometheus + Grafana`) mentions each; any other label
   * becomes an undeclared name of its own.
   */
  addDiagrams(diagrams: Diagram[]): void {
    for (const d of diagrams) {
      for (const node of d.flowchart?.nodes ?? []) {
        const label = node.label.trim();
        if (!label || !/\p{L}/u.test(label)) continue;
        const ref: MentionRef = { kind: 'diagram', diagram: d.index, node: node.id };
        const position = node.labelPosition ?? node.position;
        if (this.lookup(label)) {
          this.addMention(label, 'diagram', 'name', position, ref);
          continue;
        }
        const parts = label.split(/\s*(?:\/|\s\+\s|,)\s*/).filter(Boolean);
        if (parts.length > 1 && parts.every((p) => this.lookup(p))) {
          for (const p of parts) this.addMention(p, 'diagram', 'name', this.locateIn(p, position), ref);
          continue;
        }
        this.addMention(label, 'diagram', 'name', position, ref);
      }
    }
  }

  /** Adds a mention of `text` (creating an undeclared name when it is new). */
  addMention(text: string, kind: MentionKind, role: MentionRole, position: Position, ref: MentionRef): Name {
    const found = this.lookup(text);
    const name = found ?? this.create(text, false);
    const viaAlias = found !== undefined && normalizeName(found.name) !== normalizeName(text) && role === 'name';
    this.mention(name, { text, kind, role: viaAlias ? 'alias' : role, position, ref });
    return name;
  }

  private declare(e: NameEntry, kind: MentionKind, ref: MentionRef, cell: Cell, alternativeTo: string | null): void {
    const pos = this.locate(e.name, cell);
    let name = this.lookup(e.name);
    const viaAlias = name !== undefined && name.key !== normalizeName(e.name);
    if (!name) name = this.create(e.name, true);
    name.declared = true;
    if (e.alternative && alternativeTo && !name.alternativeTo) name.alternativeTo = alternativeTo;
    const role: MentionRole = viaAlias ? 'alias' : e.alternative ? 'alternative' : 'name';
    this.mention(name, { text: e.name, kind, role, position: pos, ref });
    for (const alias of e.aliases) {
      if (!name.aliases.includes(alias)) name.aliases.push(alias);
      const key = normalizeName(alias);
      if (key && !this.byKey.has(key) && !this.aliasOf.has(key)) this.aliasOf.set(key, name);
      this.mention(name, { text: alias, kind, role: 'alias', position: this.locate(alias, cell), ref });
    }
    for (const part of e.parts) {
      if (!name.parts.includes(part)) name.parts.push(part);
      const partName = this.lookup(part) ?? this.create(part, true);
      partName.declared = true;
      this.mention(partName, { text: part, kind, role: 'part', position: this.locate(part, cell), ref });
    }
  }

  private create(text: string, declared: boolean): Name {
    const key = normalizeName(text);
    const name: Name = { key, name: text, aliases: [], parts: [], alternativeTo: null, declared, mentions: [] };
    this.byKey.set(key, name);
    return name;
  }

  private mention(name: Name, m: Mention): void {
    name.mentions.push(m);
  }

  /** Position of `text` inside a span of the file, or the span itself. */
  private locateIn(text: string, within: Position): Position {
    const at = this.lines.text.indexOf(text, within.start.offset);
    if (at >= 0 && at + text.length <= within.end.offset) return { start: this.lines.point(at), end: this.lines.point(at + text.length) };
    return within;
  }

  /** Position of `text` inside a cell's source, or the cell's position when it is not written literally. */
  private locate(text: string, cell: Cell): Position {
    const src = this.lines.text;
    const at = src.indexOf(text, cell.position.start.offset);
    if (at >= 0 && at + text.length <= cell.position.end.offset) {
      return { start: this.lines.point(at), end: this.lines.point(at + text.length) };
    }
    return cell.position;
  }
}
