import { extract } from '../../transform/extract.js';
import { resolveNode } from '../../transform/graph-utils.js';
import { flowGraphOf, formatDiagrams, selectDiagram } from '../../transform/select.js';
import { EXIT } from '../io.js';
import type { Command } from './types.js';
import { CommandError, emit, loadDocument, runTransform, transformArgs } from './transform-command.js';

const HELP = `Usage: mermaid-lint extract <file> --diagram <sel> --node <node> [options]

Prints the neighbourhood of one node of a flowchart as a diagram of its own,
with the classes and styles its nodes and edges use.

Options:
  -d, --diagram <sel>   The diagram: 1-based index, a heading's text or a title
  -n, --node <node>     The node, by id or label
      --depth <d>       Steps to follow (default: all)
      --direction <d>   down (default), up or both
  -f, --format <f>      mermaid (default), markdown or json
  -o, --out <file>      Write to a file instead of stdout
  -h, --help            Show this help
`;

export const extractCommand: Command = {
  run: (argv, io) =>
    runTransform('extract', io, () => {
      const args = transformArgs(argv, io, HELP, {
        diagram: { type: 'string', short: 'd' },
        node: { type: 'string', short: 'n' },
        depth: { type: 'string' },
        direction: { type: 'string' },
      });
      if (!args) return EXIT.ok;
      const { values, file, format } = args;
      const direction = values.direction ?? 'down';
      if (direction !== 'down' && direction !== 'up' && direction !== 'both') throw new CommandError(`unknown --direction \`${direction}\` (down, up or both)`);
      let depth = Infinity;
      if (values.depth !== undefined && values.depth !== 'all') {
        if (!/^\d+$/.test(values.depth)) throw new CommandError(`--depth needs a whole number or \`all\`, not \`${values.depth}\``);
        depth = Number(values.depth);
      }
      const model = loadDocument(file, 'extract');
      if (values.diagram === undefined) throw new CommandError('needs --diagram (for example --diagram 1)');
      if (values.node === undefined) throw new CommandError('needs --node (an id or a label)');
      const diagram = selectDiagram(model, values.diagram);
      const graph = flowGraphOf(diagram);
      const node = resolveNode(graph, values.node);
      const part = extract(graph, { node: node.id, depth, direction });
      emit(io, formatDiagrams([{ graph: part, heading: `${node.text} (diagram ${diagram.index + 1})` }], format), values.out);
      return EXIT.ok;
    }),
};
