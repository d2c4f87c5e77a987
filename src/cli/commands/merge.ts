import { parseArgs } from 'node:util';
import { parseDocument } from '../../model/document.js';
import type { DocumentModel } from '../../model/types.js';
import { readSourceFile, SourceError } from '../../source/read.js';
import { TransformError } from '../../transform/graph-utils.js';
import { merge, type MergePolicy, type UnifyBy } from '../../transform/merge.js';
import { flowGraphOf, formatDiagrams, selectDiagrams, type OutputDiagram, type OutputFormat } from '../../transform/select.js';
import { EXIT, type CliIO } from '../io.js';
import { writeFileAtomic } from '../write.js';
import type { Command } from './types.js';

// ------------------------------------------------------------------ shared by merge, split and extract

/** A one-line error of a transform command: exit 2. */
export class CommandError extends Error {}

export const OUTPUT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs a transform command body, turning every expected failure into one line on stderr and exit 2. */
export async function runTransform(name: string, io: CliIO, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof SourceError) {
      io.stderr(`${err.format()}\n`);
      return EXIT.usage;
    }
    if (err instanceof CommandError || err instanceof TransformError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`mermaid-lint ${name}: ${(err as Error).message.split('\n')[0]}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

export function loadDocument(file: string | undefined, name: string): DocumentModel {
  if (file === undefined) throw new CommandError(`needs a file (see mermaid-lint ${name} --help)`);
  return parseDocument(readSourceFile(file), { path: file });
}

export function outputFormat(value: string | undefined): OutputFormat {
  const f = value ?? 'mermaid';
  if (f !== 'mermaid' && f !== 'markdown' && f !== 'json') throw new CommandError(`unknown format \`${f}\` (mermaid, markdown or json)`);
  return f;
}

/** Writes the result to `--out` (atomically) or stdout. */
export function emit(io: CliIO, text: string, out: string | undefined): void {
  if (out === undefined) io.stdout(text);
  else writeFileAtomic(out, text);
}

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
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          ...OUTPUT_OPTIONS,
          diagrams: { type: 'string', short: 'd', multiple: true },
          by: { type: 'string' },
          policy: { type: 'string' },
          ids: { type: 'string' },
          quiet: { type: 'boolean', short: 'q' },
        },
      });
      if (values.help) {
        io.stdout(HELP);
        return EXIT.ok;
      }
      if (positionals.length > 1) throw new CommandError(`one file at a time (got ${positionals.length})`);
      const format = outputFormat(values.format);
      const unifyBy = BY[values.by ?? 'similar'];
      if (!unifyBy) throw new CommandError(`unknown --by \`${values.by}\` (label, similar, id or label+id)`);
      if (values.ids !== undefined && values.ids !== 'slug' && values.ids !== 'keep') throw new CommandError(`unknown --ids \`${values.ids}\` (slug or keep)`);
      const model = loadDocument(positionals[0], 'merge');
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
          io.stderr(`${positionals[0]}: conflict: ${c.kind} of ${c.kind === 'classDef' ? 'class' : 'node'} ${c.node}: ${vals}; chose ${JSON.stringify(c.chosen)}\n`);
        }
      }
      const heading = `Merged diagrams ${unique.map((d) => d.index + 1).join(', ')}`;
      const out: OutputDiagram[] = [{ graph: result.graph, heading }];
      const conflicts = result.conflicts.map((c) => ({ ...c, values: c.values.map((v) => ({ ...v, diagram: number(v.diagram) })) }));
      emit(io, formatDiagrams(out, format, { conflicts, idMap: Object.fromEntries(result.idMap.map((m, i) => [String(number(i)), m])) }), values.out);
      return EXIT.ok;
    }),
};
