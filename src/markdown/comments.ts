import type { Comment, Diagram, Directive } from '../model/types.js';
import type { LineIndex } from './lines.js';
import { DiagramSourceMap } from '../model/source-map.js';

const DIRECTIVE = /^mermaid-lint(-disable-next-line|-disable-line|-disable-file|-disable|-enable)?(?:\s+|$)([\s\S]*)$/;
const NAMED = /^([a-z][a-z0-9-]*)\s*:\s*([\s\S]*)$/;

/** Reads a mermaid-lint directive from a comment's text, or null when it holds none. */
export function parseDirective(text: string): Directive | null {
  const m = DIRECTIVE.exec(text.trim());
  if (!m) return null;
  const family = m[1];
  let rest = (m[2] ?? '').trim();
  let reason: string | null = null;
  const dash = rest.search(/(?:^|\s)--(?:\s|$)/);
  if (dash >= 0) {
    reason = rest.slice(dash).replace(/^\s*--\s*/, '').trim() || null;
    rest = rest.slice(0, dash).trim();
  }
  if (family) {
    const rules = rest ? rest.split(/[\s,]+/).filter(Boolean) : [];
    return { name: family.slice(1), rules, args: rest, reason };
  }
  const named = NAMED.exec(rest);
  if (!named) return null;
  return { name: named[1] as string, rules: [], args: (named[2] ?? '').trim(), reason };
}

const HTML_COMMENT = /<!--([\s\S]*?)-->/g;

/** Comments inside an mdast `html` node's source text. */
export function htmlComments(value: string, startOffset: number, lines: LineIndex): Comment[] {
  const out: Comment[] = [];
  for (const m of value.matchAll(HTML_COMMENT)) {
    const start = startOffset + (m.index ?? 0);
    // The node's value is its source text, so offsets line up unless a container prefix intervenes;
    // find the comment in the file text to be exact.
    const at = lines.text.indexOf(m[0], start);
    const s = at >= 0 ? at : start;
    const text = (m[1] ?? '').trim();
    out.push({ kind: 'html', text, diagram: null, position: { start: lines.point(s), end: lines.point(s + m[0].length) }, directive: parseDirective(text) });
  }
  return out;
}

const MERMAID_COMMENT_LINE = /^[ \t]*%%(?!\{)(.*)$/gm;

/** `%%` comment lines of a diagram (not `%%{init}%%` directives). */
export function diagramComments(d: Pick<Diagram, 'index' | 'source' | 'lineMap'>): Comment[] {
  if (!d.source.includes('%%')) return [];
  const map = new DiagramSourceMap(d.source, d.lineMap);
  const out: Comment[] = [];
  for (const m of d.source.matchAll(MERMAID_COMMENT_LINE)) {
    const raw = m[0].replace(/\r$/, '');
    const lead = raw.length - raw.trimStart().length;
    const start = (m.index ?? 0) + lead;
    const text = (m[1] ?? '').replace(/\r$/, '').trim();
    out.push({ kind: 'mermaid', text, diagram: d.index, position: map.position({ start, end: (m.index ?? 0) + raw.length }), directive: parseDirective(text) });
  }
  return out;
}
