import { split, type SplitBy } from '../../transform/split.js';
import { flowGraphOf, formatDiagrams, selectDiagram } from '../../transform/select.js';
import { EXIT } from '../io.js';
import type { Command } from './types.js';
import { nodeList } from '../../transform/graph-utils.js';
import { CommandError, emit, loadDocument, runTransform, transformArgs } from './transform-command.js';

const HELP = `Usage: mermaid-lint split <file> --diagram <sel> [options]

Splits a flowchart into smaller ones. Every part is a complete diagram and
together they hold every node and edge of the original.

Options:
  -d, --diagram <sel>   The diagram: 1-based index, a heading's text or a title
      --at <node>       Split into the child subtrees of this node (id or label)
      --group <list>    Children that share a part: "A,B;C,D" (ids or labels;
                        ";" between parts); repeat for more
      --detach <list>   Nodes whose subtrees become parts of their own
      --context <c>     path (default: every part shows the path to the root)
                        or none
      --by <mode>       children (with --at), subgraph, component, or size
      --max-nodes <n>   Parts of at most n nodes (--by size)
  -f, --format <f>      mermaid (default), markdown or json
  -o, --out <file>      Write to a file instead of stdout
  -h, --help            Show this help
`;

export const splitCommand: Command = {
  run: (argv, io) =>
    runTransform('split', io, () => {
      const args = transformArgs(argv, io, HELP, {
        diagram: { type: 'string', short: 'd' },
        at: { type: 'string' },
        group: { type: 'string', multiple: true },
        detach: { type: 'string', multiple: true },
        context: { type: 'string' },
        by: { type: 'string' },
        'max-nodes': { type: 'string' },
      });
      if (!args) return EXIT.ok;
      const { values, file, format } = args;
      if (values.by !== undefined && !['children', 'subgraph', 'component', 'size'].includes(values.by)) {
        throw new CommandError(`unknown --by \`${values.by}\` (children, subgraph, component or size)`);
      }
      if (values.context !== undefined && values.context !== 'path' && values.context !== 'none') throw new CommandError(`unknown --context \`${values.context}\` (path or none)`);
      let maxNodes: number | undefined;
      if (values['max-nodes'] !== undefined) {
        maxNodes = Number(values['max-nodes']);
        if (!/^\d+$/.test(values['max-nodes']) || maxNodes < 2) throw new CommandError(`--max-nodes needs a whole number of at least 2, not \`${values['max-nodes']}\``);
      }
      const model = loadDocument(file, 'split');
      if (values.diagram === undefined) throw new CommandError('needs --diagram (for example --diagram 1)');
      const diagram = selectDiagram(model, values.diagram);
      const graph = flowGraphOf(diagram);
      const groups = (values.group ?? []).flatMap((g) => g.split(';').map((part) => nodeList(part, graph)).filter((ids) => ids.length > 0));
      const detach = (values.detach ?? []).flatMap((d) => nodeList(d, graph));
      const parts = split(graph, {
        ...(values.by ? { by: values.by as SplitBy } : {}),
        ...(values.at !== undefined ? { at: values.at } : {}),
        ...(groups.length > 0 ? { groups } : {}),
        ...(detach.length > 0 ? { detach } : {}),
        ...(values.context ? { context: values.context as 'path' | 'none' } : {}),
        ...(maxNodes !== undefined ? { maxNodes } : {}),
      });
      const n = diagram.index + 1;
      const out = parts.map((graph, i) => ({ graph, heading: `Diagram ${n}, part ${i + 1}: ${graph.vertices[0]?.text ?? 'empty'}` }));
      emit(io, formatDiagrams(out, format), values.out);
      return EXIT.ok;
    }),
};
