/**
 * A small YAML reader for mermaid front matter (block mappings and sequences,
 * quoted/plain/block scalars, single-line flow collections, comments), resolving
 * scalars like js-yaml's JSON_SCHEMA, which mermaid uses. It reports an error for
 * the common mistakes js-yaml rejects (bad indentation, tabs, duplicate keys,
 * unterminated quotes or flow collections, `a: b: c`). It is not a full YAML
 * implementation; `validate/` prefers the real js-yaml when it can be loaded.
 */

export type YamlResult = { ok: true; value: unknown } | { ok: false; error: string; line: number };

interface Line {
  indent: number;
  content: string;
  /** 0-based line number in the source */
  no: number;
}

class YamlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function parseYamlSubset(src: string): YamlResult {
  try {
    return { ok: true, value: new Reader(src).document() };
  } catch (e) {
    if (e instanceof YamlError) return { ok: false, error: `${e.message} (line ${e.line + 1})`, line: e.line };
    throw e;
  }
}

/** Removes a trailing comment (`#` at start or after whitespace, outside quotes). */
function stripComment(s: string): string {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s[{,:]/.test(s[i - 1]!)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) {
      return s.slice(0, i).trimEnd();
    }
  }
  return s.trimEnd();
}

function resolvePlain(s: string): unknown {
  if (/^(?:~|null|Null|NULL|)$/.test(s)) return null;
  if (/^(?:true|True|TRUE)$/.test(s)) return true;
  if (/^(?:false|False|FALSE)$/.test(s)) return false;
  if (/^[-+]?(?:0|[1-9][0-9_]*)$/.test(s)) return Number(s.replace(/_/g, ''));
  if (/^0x[0-9a-fA-F_]+$/.test(s)) return parseInt(s.slice(2).replace(/_/g, ''), 16);
  if (/^0o[0-7_]+$/.test(s)) return parseInt(s.slice(2).replace(/_/g, ''), 8);
  if (/^0b[01_]+$/.test(s)) return parseInt(s.slice(2).replace(/_/g, ''), 2);
  if (/^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return Number(s.replace(/_/g, ''));
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};

class Reader {
  private lines: Line[] = [];
  private raw: string[];
  private i = 0;

  constructor(src: string) {
    this.raw = src.split('\n');
    this.raw.forEach((text, no) => {
      const m = /^[ \t]*/.exec(text)![0];
      const content = stripComment(text.slice(m.length));
      if (content === '' || content === '---' || content === '...') return;
      if (m.includes('\t')) throw new YamlError('tab characters must not be used in indentation', no);
      this.lines.push({ indent: m.length, content, no });
    });
  }

  document(): unknown {
    if (this.lines.length === 0) return null;
    const first = this.lines[0]!;
    const v = this.block(first.indent);
    const rest = this.lines[this.i];
    if (rest) throw new YamlError('end of the stream or a document separator is expected', rest.no);
    return v;
  }

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  private block(indent: number): unknown {
    const line = this.peek();
    if (!line) return null;
    if (isSeqItem(line.content)) return this.sequence(line.indent);
    if (findMappingColon(line.content) !== -1) return this.mapping(line.indent);
    // a (possibly multi-line) scalar
    this.i++;
    return this.scalarValue(line.content, line, indent - 1);
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) throw new YamlError('bad indentation of a sequence entry', line.no);
      if (!isSeqItem(line.content)) break;
      const rest = line.content.slice(1);
      const spaces = /^ */.exec(rest)![0].length;
      const body = rest.slice(spaces);
      if (body === '') {
        this.i++;
        const next = this.peek();
        out.push(next && next.indent > indent ? this.block(next.indent) : null);
      } else {
        // re-read the item's content as a block at its own column
        this.lines[this.i] = { indent: indent + 1 + spaces, content: body, no: line.no };
        out.push(this.block(indent + 1 + spaces));
      }
    }
    return out;
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent) throw new YamlError('bad indentation of a mapping entry', line.no);
      const colon = findMappingColon(line.content);
      if (colon === -1) {
        if (isSeqItem(line.content)) break; // belongs to a parent `key:` at the same indent
        throw new YamlError('can not read a block mapping entry; a multiline key may not be an implicit key', line.no);
      }
      const key = this.keyOf(line.content.slice(0, colon).trim(), line);
      if (Object.prototype.hasOwnProperty.call(out, key)) throw new YamlError('duplicated mapping key', line.no);
      const rest = line.content.slice(colon + 1).trim();
      this.i++;
      let value: unknown;
      if (rest === '') {
        const next = this.peek();
        if (next && (next.indent > indent || (next.indent === indent && isSeqItem(next.content)))) {
          value = this.block(next.indent);
        } else value = null;
      } else value = this.scalarValue(rest, line, indent);
      out[key] = value;
    }
    return out;
  }

  private keyOf(k: string, line: Line): string {
    if (k.startsWith('"') || k.startsWith("'")) {
      const { value, end } = quoted(k, 0, line.no);
      if (end !== k.length) throw new YamlError('unexpected characters after a quoted key', line.no);
      return value;
    }
    if (k.startsWith('[') || k.startsWith('{')) return JSON.stringify(new Flow(k, line.no).value());
    return String(resolvePlain(k));
  }

  /** A value that starts on `line` (text `text`); continuation lines must be indented more than `parentIndent`. */
  private scalarValue(text: string, line: Line, parentIndent: number): unknown {
    const c = text[0];
    if (c === '|' || c === '>') {
      if (!/^[|>][-+0-9]*$/.test(text)) throw new YamlError('unexpected characters after a block scalar indicator', line.no);
      return this.blockScalar(text, line, parentIndent);
    }
    if (c === '"' || c === "'") {
      let s = text;
      while (quotedEnd(s, line.no) === -1) {
        const next = this.peek();
        if (!next) throw new YamlError('unexpected end of the stream within a quoted scalar', line.no);
        s += ' ' + this.raw[next.no]!.trim();
        this.i++;
      }
      const { value, end } = quoted(s, 0, line.no);
      if (s.slice(end).trim() !== '') throw new YamlError('unexpected characters after a quoted scalar', line.no);
      return value;
    }
    if (c === '[' || c === '{') {
      let s = text;
      for (;;) {
        try {
          return new Flow(s, line.no).value();
        } catch (e) {
          const next = this.peek();
          if (!(e instanceof YamlError) || !e.message.startsWith('unexpected end') || !next || next.indent <= parentIndent) throw e;
          s += ' ' + next.content;
          this.i++;
        }
      }
    }
    if (c === '&' || c === '*' || c === '!' || c === '%' || c === '@' || c === '`') {
      if (c === '@' || c === '`') throw new YamlError(`the character "${c}" is reserved`, line.no);
    }
    if (/(?:^|\s)- /.test(text) && text.startsWith('- ')) throw new YamlError('sequence entries are not allowed here', line.no);
    if (findMappingColon(text) !== -1) throw new YamlError('bad indentation of a mapping entry', line.no);
    let s = text;
    for (let next = this.peek(); next && next.indent > parentIndent; next = this.peek()) {
      if (findMappingColon(next.content) !== -1) throw new YamlError('bad indentation of a mapping entry', next.no);
      s += ' ' + next.content;
      this.i++;
    }
    return resolvePlain(s);
  }

  private blockScalar(header: string, line: Line, parentIndent: number): string {
    const folded = header[0] === '>';
    const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
    const parts: string[] = [];
    let indent = -1;
    let no = line.no + 1;
    for (; no < this.raw.length; no++) {
      const t = this.raw[no]!;
      if (t.trim() === '') {
        parts.push('');
        continue;
      }
      const ind = /^ */.exec(t)![0].length;
      if (ind <= parentIndent) break;
      if (indent === -1) indent = ind;
      if (ind < indent) break;
      parts.push(t.slice(indent));
    }
    while (this.i < this.lines.length && this.lines[this.i]!.no < no) this.i++;
    let trailing = 0;
    while (parts.length && parts[parts.length - 1] === '') {
      parts.pop();
      trailing++;
    }
    let body = folded ? parts.join('\n').replace(/([^\n])\n(?=[^\n ])/g, '$1 ') : parts.join('\n');
    if (parts.length === 0) return '';
    if (chomp === 'clip') body += '\n';
    else if (chomp === 'keep') body += '\n'.repeat(trailing + 1);
    return body;
  }
}

function isSeqItem(s: string): boolean {
  return s === '-' || s.startsWith('- ');
}

/** Index of the `:` that makes this line a mapping entry, or -1. */
function findMappingColon(s: string): number {
  let i = 0;
  if (s[0] === '"' || s[0] === "'") {
    const end = quotedEnd(s, -1);
    if (end === -1) return -1;
    i = end;
    while (s[i] === ' ') i++;
    return s[i] === ':' && (i + 1 === s.length || s[i + 1] === ' ') ? i : -1;
  }
  if (s[0] === '[' || s[0] === '{' || isSeqItem(s)) return -1;
  for (; i < s.length; i++) {
    if (s[i] === ':' && (i + 1 === s.length || s[i + 1] === ' ' || s[i + 1] === '\t')) return i;
  }
  return -1;
}

/** End index (exclusive) of the quoted scalar starting at 0, or -1 when unterminated. */
function quotedEnd(s: string, _line: number): number {
  const q = s[0];
  for (let i = 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

function quoted(s: string, start: number, line: number): { value: string; end: number } {
  const q = s[start];
  let out = '';
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i]!;
    if (q === "'") {
      if (c === "'") {
        if (s[i + 1] === "'") {
          out += "'";
          i++;
        } else return { value: out, end: i + 1 };
      } else out += c;
    } else if (c === '\\') {
      const e = s[i + 1];
      if (e === undefined) break;
      if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = s.slice(i + 2, i + 2 + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new YamlError('expected hexadecimal character', line);
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + n;
      } else if (ESCAPES[e] !== undefined) {
        out += ESCAPES[e];
        i++;
      } else throw new YamlError('unknown escape sequence', line);
    } else if (c === '"') return { value: out, end: i + 1 };
    else out += c;
  }
  throw new YamlError('unexpected end of the stream within a quoted scalar', line);
}

/** Single-line flow collections: `[a, "b", {c: 1}]`. */
class Flow {
  private p = 0;
  constructor(
    private s: string,
    private line: number,
  ) {}

  value(): unknown {
    const v = this.node();
    this.ws();
    if (this.p < this.s.length) throw new YamlError('unexpected characters after a flow collection', this.line);
    return v;
  }

  private ws() {
    while (this.p < this.s.length && /\s/.test(this.s[this.p]!)) this.p++;
  }

  private node(): unknown {
    this.ws();
    const c = this.s[this.p];
    if (c === undefined) throw new YamlError('unexpected end of the stream within a flow collection', this.line);
    if (c === '[') {
      this.p++;
      const out: unknown[] = [];
      for (;;) {
        this.ws();
        if (this.s[this.p] === ']') {
          this.p++;
          return out;
        }
        out.push(this.node());
        this.ws();
        const d = this.s[this.p];
        if (d === ',') this.p++;
        else if (d === ']') continue;
        else if (d === undefined) throw new YamlError('unexpected end of the stream within a flow collection', this.line);
        else throw new YamlError('missed comma between flow collection entries', this.line);
      }
    }
    if (c === '{') {
      this.p++;
      const out: Record<string, unknown> = {};
      for (;;) {
        this.ws();
        if (this.s[this.p] === '}') {
          this.p++;
          return out;
        }
        const k = this.node();
        this.ws();
        let v: unknown = null;
        if (this.s[this.p] === ':') {
          this.p++;
          this.ws();
          const d = this.s[this.p];
          if (d !== ',' && d !== '}') v = this.node();
        }
        const key = String(k);
        if (Object.prototype.hasOwnProperty.call(out, key)) throw new YamlError('duplicated mapping key', this.line);
        out[key] = v;
        this.ws();
        const d = this.s[this.p];
        if (d === ',') this.p++;
        else if (d === '}') continue;
        else if (d === undefined) throw new YamlError('unexpected end of the stream within a flow collection', this.line);
        else throw new YamlError('missed comma between flow collection entries', this.line);
      }
    }
    if (c === '"' || c === "'") {
      const { value, end } = quoted(this.s, this.p, this.line);
      this.p = end;
      return value;
    }
    const start = this.p;
    while (this.p < this.s.length) {
      const d = this.s[this.p]!;
      if (d === ',' || d === ']' || d === '}') break;
      if (d === ':' && (this.p + 1 === this.s.length || /[\s,\]}]/.test(this.s[this.p + 1]!))) break;
      this.p++;
    }
    return resolvePlain(this.s.slice(start, this.p).trim());
  }
}
