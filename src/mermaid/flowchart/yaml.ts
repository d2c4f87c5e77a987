/**
 * A small YAML reader for `@{ ... }` shape data: flow mappings (`{ a: 1, b: "x" }`) and
 * block mappings (`a: 1` lines, `|`/`>` block scalars), with JSON-schema typing of plain
 * scalars (true/false/null/numbers). Throws `YamlError` on input it cannot read.
 */

export class YamlError extends Error {}

export type YamlValue = string | number | boolean | null | YamlValue[] | { [k: string]: YamlValue };

function typed(plain: string): YamlValue {
  if (plain === 'true') return true;
  if (plain === 'false') return false;
  if (plain === 'null' || plain === '') return null;
  if (/^-?(?:0|[1-9][0-9]*)$/.test(plain)) return parseInt(plain, 10);
  if (/^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/.test(plain)) return parseFloat(plain);
  return plain;
}

function unescapeDouble(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case '0':
        return '\0';
      case 'x':
      case 'u':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}

/** Fold a quoted multi-line scalar the YAML way (line breaks → spaces, blank lines → \n). */
function foldLines(s: string): string {
  if (s.indexOf('\n') < 0) return s;
  const lines = s.split('\n');
  let out = (lines[0] ?? '').replace(/[ \t]+$/, '');
  let pendingBreaks = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' && i < lines.length - 1) {
      pendingBreaks++;
      continue;
    }
    out += pendingBreaks > 0 ? '\n'.repeat(pendingBreaks) : ' ';
    pendingBreaks = 0;
    out += line;
  }
  return out;
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else if (c === '#' && (this.i === 0 || /\s/.test(this.s[this.i - 1] ?? ''))) {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else return;
    }
  }
  quoted(): string {
    const q = this.s[this.i];
    const start = ++this.i;
    if (q === '"') {
      while (this.i < this.s.length && this.s[this.i] !== '"') {
        if (this.s[this.i] === '\\') this.i++;
        this.i++;
      }
      if (this.i >= this.s.length) throw new YamlError('unterminated string');
      const raw = this.s.slice(start, this.i++);
      return unescapeDouble(foldLines(raw));
    }
    let out = '';
    for (;;) {
      const k = this.s.indexOf("'", this.i);
      if (k < 0) throw new YamlError('unterminated string');
      out += this.s.slice(this.i, k);
      if (this.s[k + 1] === "'") {
        out += "'";
        this.i = k + 2;
      } else {
        this.i = k + 1;
        break;
      }
    }
    return foldLines(out);
  }
}

function parseFlowValue(r: Reader): YamlValue {
  r.ws();
  const c = r.s[r.i];
  if (c === '"' || c === "'") return r.quoted();
  if (c === '{') return parseFlowMap(r);
  if (c === '[') {
    r.i++;
    const arr: YamlValue[] = [];
    for (;;) {
      r.ws();
      if (r.s[r.i] === ']') {
        r.i++;
        return arr;
      }
      arr.push(parseFlowValue(r));
      r.ws();
      if (r.s[r.i] === ',') r.i++;
      else if (r.s[r.i] !== ']') throw new YamlError('bad sequence');
    }
  }
  // plain scalar in flow context
  const start = r.i;
  while (r.i < r.s.length) {
    const d = r.s[r.i];
    if (d === ',' || d === '}' || d === ']' || d === '{' || d === '[') break;
    if (d === ':' && /[\s,}\]]/.test(r.s[r.i + 1] ?? ' ')) throw new YamlError('unexpected mapping value');
    if (d === '#' && /\s/.test(r.s[r.i - 1] ?? '')) break;
    r.i++;
  }
  return typed(foldLines(r.s.slice(start, r.i)).trim());
}

function parseFlowKey(r: Reader): string {
  r.ws();
  const c = r.s[r.i];
  if (c === '"' || c === "'") return r.quoted();
  const start = r.i;
  while (r.i < r.s.length) {
    const d = r.s[r.i];
    if (d === ':' && /[\s,}\]]/.test(r.s[r.i + 1] ?? ' ')) break;
    if (d === ',' || d === '}' || d === '{' || d === '[' || d === ']') break;
    r.i++;
  }
  return r.s.slice(start, r.i).trim();
}

function parseFlowMap(r: Reader): { [k: string]: YamlValue } {
  if (r.s[r.i] !== '{') throw new YamlError('expected {');
  r.i++;
  const obj: { [k: string]: YamlValue } = {};
  for (;;) {
    r.ws();
    if (r.s[r.i] === '}') {
      r.i++;
      return obj;
    }
    if (r.i >= r.s.length) throw new YamlError('unterminated mapping');
    const key = parseFlowKey(r);
    r.ws();
    let value: YamlValue = null;
    if (r.s[r.i] === ':') {
      r.i++;
      r.ws();
      if (r.s[r.i] !== ',' && r.s[r.i] !== '}') value = parseFlowValue(r);
    }
    if (Object.prototype.hasOwnProperty.call(obj, key)) throw new YamlError('duplicated mapping key');
    obj[key] = value;
    r.ws();
    if (r.s[r.i] === ',') r.i++;
    else if (r.s[r.i] !== '}') throw new YamlError('missed comma between flow collection entries');
  }
}

function parseBlock(text: string): YamlValue {
  const lines = text.split('\n');
  const obj: { [k: string]: YamlValue } = {};
  let indent = -1;
  let i = 0;
  let any = false;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (/^\s*(#.*)?$/.test(line)) {
      i++;
      continue;
    }
    const ind = (/^ */.exec(line)?.[0] ?? '').length;
    if (indent < 0) indent = ind;
    if (ind !== indent) throw new YamlError('bad indentation of a mapping entry');
    const body = line.slice(ind);
    if (!any && body.startsWith('{')) {
      // a flow mapping written over several lines
      const r = new Reader(lines.slice(i).join('\n').trimStart());
      const v = parseFlowMap(r);
      r.ws();
      if (r.i < r.s.length) throw new YamlError('end of the stream expected');
      return v;
    }
    any = true;
    const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#:]+?|[^\s#][^:]*?)\s*:(?:\s+|$)(.*)$/.exec(body);
    if (!m) throw new YamlError('can not read a block mapping entry');
    let key = m[1] ?? '';
    if (key.startsWith('"') || key.startsWith("'")) key = new Reader(key).quoted();
    const rest = (m[2] ?? '').replace(/\s+#.*$/, '').trim();
    i++;
    let value: YamlValue;
    if (rest === '|' || rest === '>' || /^[|>][-+]?$/.test(rest)) {
      const folded = rest.startsWith('>');
      const chomp = rest.endsWith('-') ? 'strip' : rest.endsWith('+') ? 'keep' : 'clip';
      const block: string[] = [];
      let bi = -1;
      while (i < lines.length) {
        const l = lines[i] as string;
        const li = (/^ */.exec(l)?.[0] ?? '').length;
        if (l.trim() !== '' && li <= indent) break;
        if (bi < 0 && l.trim() !== '') bi = li;
        block.push(l.trim() === '' ? '' : l.slice(bi < 0 ? 0 : bi));
        i++;
      }
      let content = folded ? block.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ') : block.join('\n');
      content = content.replace(/\n*$/, '');
      if (chomp === 'clip' && content !== '') content += '\n';
      value = content;
    } else if (rest.startsWith('"') || rest.startsWith("'")) {
      // quoted, possibly continuing on the next lines
      let src = rest;
      const q = rest[0] as string;
      const closed = (t: string) => {
        const r = new Reader(t);
        try {
          r.quoted();
          return r.i;
        } catch {
          return -1;
        }
      };
      while (closed(src) < 0 && i < lines.length) src += '\n' + lines[i++];
      const r = new Reader(src);
      value = r.quoted();
      if (src.slice(r.i).trim() !== '') throw new YamlError('unexpected characters after ' + q + ' string');
    } else if (rest.startsWith('{') || rest.startsWith('[')) {
      const r = new Reader(rest);
      value = parseFlowValue(r);
    } else {
      // plain, possibly continued on more-indented lines
      let v = rest;
      while (i < lines.length) {
        const l = lines[i] as string;
        const li = (/^ */.exec(l)?.[0] ?? '').length;
        if (l.trim() === '' || li <= indent) break;
        v += ' ' + l.trim();
        i++;
      }
      if (/:\s/.test(v)) throw new YamlError('bad indentation of a mapping entry');
      value = typed(v);
    }
    if (Object.prototype.hasOwnProperty.call(obj, key)) throw new YamlError('duplicated mapping key');
    obj[key] = value;
  }
  return any ? obj : null;
}

/** Parse the YAML mermaid builds from shape data (see FlowDB.addVertex). */
export function loadShapeData(yamlData: string): YamlValue {
  const trimmed = yamlData.trim();
  if (trimmed.startsWith('{')) {
    const r = new Reader(trimmed);
    const v = parseFlowMap(r);
    r.ws();
    if (r.i < r.s.length) throw new YamlError('end of the stream or a document separator is expected');
    return v;
  }
  return parseBlock(yamlData);
}
