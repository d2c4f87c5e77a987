/**
 * Mermaid flowchart parser conformant with mermaid 12.3.0: `parseFlowchart(text)` returns a
 * typed AST with spans, the graph mermaid would build, and errors exactly when
 * `mermaid.parse` would reject the text.
 */
import { FlowParser } from './parser.js';
import { preprocess } from './preprocess.js';
import type { FlowchartParseResult, FlowGraph } from './types.js';

export type * from './types.js';
export { printFlowchart, type PrintFlowchartOptions } from './printer.js';

function emptyGraph(title?: string): FlowGraph {
  const g: FlowGraph = {
    direction: null,
    vertices: [],
    edges: [],
    subgraphs: [],
    classDefs: {},
    tooltips: {},
    linkStyleDefault: null,
    accTitle: null,
    accDescr: null,
  };
  if (title !== undefined) g.title = title;
  return g;
}

export function parseFlowchart(text: string): FlowchartParseResult {
  const pre = preprocess(text);
  const title = pre.frontMatter?.title;
  if (!pre.detected) {
    const start = pre.map.toOriginal(0);
    const nl = text.indexOf('\n', start);
    const end = Math.min(text.length, nl < 0 ? text.length : nl);
    const found = text.slice(start, end).trim();
    return {
      ast: { type: 'flowchart', span: { start: 0, end: text.length }, header: null, statements: [] },
      graph: emptyGraph(title),
      errors: [
        {
          message: found.startsWith('---')
            ? 'Unexpected `---`: this is not valid front matter (it must start on the first line and its closing `---` must not be indented); expected `graph` or `flowchart`'
            : `Unexpected ${found ? '`' + found.slice(0, 24) + '`' : 'end of input'}; expected \`graph\` or \`flowchart\``,
          span: { start, end: Math.max(end, start) },
          kind: 'syntax',
          expected: ['`graph`', '`flowchart`'],
          found: found.slice(0, 24),
        },
      ],
      hints: [],
    };
  }
  const parser = new FlowParser(pre.text, pre.map, text.length);
  parser.db.inheritDir = pre.inheritDir;
  const out = parser.parse();
  if (pre.frontMatter) {
    out.ast.frontMatter = { span: { start: pre.frontMatter.start, end: pre.frontMatter.end } };
    if (title !== undefined) out.ast.frontMatter.title = title;
  }
  const graph = out.db.toGraph(title);
  return { ast: out.ast, graph, errors: out.errors, hints: out.hints };
}
