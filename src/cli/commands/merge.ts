import { merge, type MergePolicy, type UnifyBy } from '../../transform/merge.js';
import { flowGraphOf, formatDiagrams, selectDiagrams, type OutputDiagram } from '../../transform/select.js';
import { EXIT } from '../io.js';
import { CommandError, emit, loadDocument, runTransform, transformArgs } from './transform-command.js';
import type { Command } from './types.js';

// ------------------------------------------------------------------ merge

const HELP = `Usage: mermaid-lint merge <file> --diagrams <sel> [options]

Merges flowcharts of a document into one: nodes that are the same thing are
unified, edges de-duplicated; subgraphs, classes, styles and link styles are
carried over. Disagreements (a node's label or shape) are decided by the policy
and listed on stderr, one line each.

Options:
  -d, --diagrams <sel>  Diagrams to merge: 1-based indices (2-5, 1,3), a heading's
                        text, or a diagram title; repeat for more
      --by <how>        label, similar (default: label, else similar labels backed
                        by structure), id, or label+id
      --policy <p>      first (default), most-frequent, or prefer:N (diagram N of
                        the document wins)
      --ids <how>       slug (ids from labels) or keep (the first diagram's ids)
  -f, --format <f>      mermaid (default), markdown or json
  -o, --out <file>      Write to a file instead of stdout
  -q, --quiet           Do not list conflicts
  -h, --help            Show this help
`;

const BY: Record<string, UnifyBy> = { label: 'label', similar: 'label+similar', 'label+similar': 'label+similar', id: 'id', 'label+id': 'label+id' };

export const mergeCommand: Command = {
  run: (argv, io) =>
    runTransform('merge', io, () => {
      const args = transformArgs(argv, io, HELP, {
        diagrams: { type: 'string', short: 'd', multiple: true },
        by: { type: 'string' },
        policy: { type: 'string' },
        ids: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
      });
      if (!args) return EXIT.ok;
      const { values, file, format } = args;
      const unifyBy = BY[values.by ?? 'similar'];
      if (!unifyBy) throw new CommandError(`unknown --by \`${values.by}\` (label, similar, id or label+id)`);
      if (values.ids !== undefined && values.ids !== 'slug' && values.ids !== 'keep') throw new CommandError(`unknown --ids \`${values.ids}\` (slug or keep)`);
      const model = loadDocument(file, 'merge');
      if (!values.diagrams || values.diagrams.length === 0) throw new CommandError('needs --diagrams (for example --diagrams 2-5)');
      const diagrams = values.diagrams.flatMap((sel) => selectDiagrams(model, sel));
      const unique = diagrams.filter((d, i) => diagrams.indexOf(d) === i);
      const graphs = unique.map(flowGraphOf);
      let policy: MergePolicy = 'first';
      const p = values.policy ?? 'first';
      const prefer = /^prefer:(\d+)$/.exec(p);
      if (prefer) {
        const n = Number(prefer[1]);
        const at = unique.findIndex((d) => d.index + 1 === n);
        if (at < 0) throw new CommandError(`--policy ${p}: diagram ${n} is not one of the merged diagrams (${unique.map((d) => d.index + 1).join(', ')})`);
        policy = { prefer: at };
      } else if (p === 'first' || p === 'most-frequent') {
        policy = p;
      } else {
        throw new CommandError(`unknown --policy \`${p}\` (first, most-frequent or prefer:N)`);
      }
      const result = merge(graphs, { unifyBy, policy, ...(values.ids ? { ids: values.ids as 'slug' | 'keep' } : {}) });
      const number = (i: number): number => (unique[i]?.index ?? i) + 1;
      if (!values.quiet) {
        for (const c of result.conflicts) {
          const vals = c.values.map((v) => `diagram ${number(v.diagram)} ${JSON.stringify(v.value)}`).join(', ');
          io.stderr(`${file}: conflict: ${c.kind} of ${c.kind === 'classDef' ? 'class' : 'node'} ${c.node}: ${vals}; chose ${JSON.stringify(c.chosen)}\n`);
        }
      }
      const heading = `Merged diagrams ${unique.map((d) => d.index + 1).join(', ')}`;
      const out: OutputDiagram[] = [{ graph: result.graph, heading }];
      const conflicts = result.conflicts.map((c) => ({ ...c, values: c.values.map((v) => ({ ...v, diagram: number(v.diagram) })) }));
      emit(io, formatDiagrams(out, format, { conflicts, idMap: Object.fromEntries(result.idMap.map((m, i) => [String(number(i)), m])) }), values.out);
      return EXIT.ok;
    }),
};
