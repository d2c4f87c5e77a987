import { parseArgs } from 'node:util';
import { printFlowchart } from '../../mermaid/flowchart/printer.js';
import { parseDocument } from '../../model/document.js';
import { toFlowGraph } from '../../model/flowchart.js';
import type { DocumentModel, Table } from '../../model/types.js';
import { readSourceFile, SourceError } from '../../source/read.js';
import { fragmentsToJson, toMarkdown, type Fragment } from '../../transform/markdown.js';
import {
  diagramToTable,
  mergeTables,
  splitTable,
  tableToDiagram,
  TableTransformError,
  type HeadedTable,
  type TableToDiagramOptions,
} from '../../transform/tables.js';
import { EXIT, type CliIO } from '../io.js';
import { writeFileAtomic } from '../write.js';
import type { Command } from './types.js';

const HELP = `Usage: mermaid-lint table <file> --from-diagram <n> [--layout edges|per-parent]
       mermaid-lint table <file> --to-diagram <tables> [--parent-column <col>] [--child-column <col>] [--root <label>]
       mermaid-lint table <file> --merge <tables> [--column Category] [--dedupe per-category|merge]
       mermaid-lint table <file> --split <table> --by <col>

Converts between the document's tables and its Mermaid flowcharts (docs/tables.md).

  --from-diagram <n>     Flowchart n (1-based) as a Parent | Child table (--layout edges,
                         the default) or one table per parent under its heading (per-parent)
  --to-diagram <tables>  A Parent | Child table as a flowchart; several tables (a range such
                         as 1-7, or a heading shared by several) are read per parent, their
                         headings as parents (--layout per-parent reads even one that way)
  --merge <tables>       Tables with the same columns as one, their headings in an added
                         first column (--column, Category by default); a row listed under
                         several headings stays once per heading (--dedupe per-category) or
                         becomes one row (--dedupe merge)
  --split <table>        One table per value of the column --by, under its own heading

  <tables> is a 1-based index, a list or range (1-3,5), or a heading's text.
  <col> is a column's header text or 1-based number.

Options:
  -f, --format <name>   markdown, mermaid (diagrams only) or json; diagrams default to
                        mermaid, tables to markdown
  -o, --out <file>      Write to a file (atomically) instead of standard output
      --depth <n>       Depth of the headings written (2 by default)
      --direction <dir> Direction of a written flowchart: TB (default), BT, LR or RL
  -h, --help            Show this help
`;

const FORMATS = ['markdown', 'mermaid', 'json'] as const;
type Format = (typeof FORMATS)[number];
const DIRECTIONS = ['TB', 'BT', 'LR', 'RL'] as const;

/** A problem to report on one line, with exit code 2. */
class Failure extends Error {}

export const tableCommand: Command = {
  async run(argv: string[], io: CliIO): Promise<number> {
    try {
      return runTable(argv, io);
    } catch (err) {
      if (err instanceof SourceError) {
        io.stderr(`${err.format()}\n`);
        return EXIT.usage;
      }
      if (err instanceof Failure || err instanceof TableTransformError) {
        io.stderr(`mermaid-lint table: ${err.message}\n`);
        return EXIT.usage;
      }
      throw err;
    }
  },
};

function runTable(argv: string[], io: CliIO): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'from-diagram': { type: 'string' },
        'to-diagram': { type: 'string' },
        merge: { type: 'string' },
        split: { type: 'string' },
        layout: { type: 'string' },
        'parent-column': { type: 'string' },
        'child-column': { type: 'string' },
        root: { type: 'string' },
        column: { type: 'string' },
        dedupe: { type: 'string' },
        by: { type: 'string' },
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        depth: { type: 'string' },
        direction: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new Failure(`${(err as Error).message.split('\n')[0] ?? 'bad arguments'} (see 'mermaid-lint table --help')`);
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  const modes = (['from-diagram', 'to-diagram', 'merge', 'split'] as const).filter((m) => v[m] !== undefined);
  if (parsed.positionals.length !== 1) throw new Failure(`needs one file, got ${parsed.positionals.length} (see 'mermaid-lint table --help')`);
  if (modes.length !== 1) {
    throw new Failure(`needs exactly one of --from-diagram, --to-diagram, --merge or --split${modes.length > 1 ? `, got ${modes.map((m) => `--${m}`).join(' and ')}` : ''}`);
  }
  const mode = modes[0] as (typeof modes)[number];
  const format = v.format ?? (mode === 'to-diagram' ? 'mermaid' : 'markdown');
  if (!(FORMATS as readonly string[]).includes(format)) throw new Failure(`unknown format '${format}'; expected one of ${FORMATS.join(', ')}`);
  const layout = v.layout;
  if (layout !== undefined && layout !== 'edges' && layout !== 'per-parent') throw new Failure(`unknown layout '${layout}'; expected edges or per-parent`);
  if (v.dedupe !== undefined && v.dedupe !== 'per-category' && v.dedupe !== 'merge') throw new Failure(`unknown --dedupe '${v.dedupe}'; expected per-category or merge`);
  const depth = v.depth === undefined ? 2 : Number(v.depth);
  if (!Number.isInteger(depth) || depth < 1 || depth > 6) throw new Failure(`--depth must be a number from 1 to 6, got '${v.depth ?? ''}'`);
  const direction = v.direction?.toUpperCase();
  if (direction !== undefined && !(DIRECTIONS as readonly string[]).includes(direction)) throw new Failure(`unknown direction '${v.direction ?? ''}'; expected ${DIRECTIONS.join(', ')}`);

  const file = parsed.positionals[0] as string;
  const model = parseDocument(readSourceFile(file), { path: file });
  let fragments: Fragment[];
  switch (mode) {
    case 'from-diagram': {
      const graph = flowchartAt(model, v['from-diagram'] as string);
      const result = diagramToTable(graph, { layout: layout ?? 'edges' });
      for (const w of result.warnings) io.stderr(`mermaid-lint table: warning: ${w}\n`);
      fragments = result.layout === 'edges' ? [{ table: result.table }] : result.tables.map((t) => ({ heading: t.heading, table: t.table }));
      break;
    }
    case 'to-diagram': {
      const tables = selectTables(model, v['to-diagram'] as string);
      const options: TableToDiagramOptions = {};
      if (v['parent-column'] !== undefined) options.parentColumn = v['parent-column'];
      if (v['child-column'] !== undefined) options.childColumn = v['child-column'];
      if (v.root !== undefined) options.root = v.root;
      if (direction !== undefined) options.direction = direction as TableToDiagramOptions['direction'] & string;
      const perParent = layout === 'per-parent' || tables.length > 1;
      if (!perParent && v.root !== undefined) throw new Failure('--root applies to tables read per parent (several tables, or --layout per-parent)');
      const input: HeadedTable[] | Table = perParent ? tables.map((t) => ({ heading: headingOf(model, t), table: t })) : (tables[0] as Table);
      fragments = [{ diagram: tableToDiagram(input, options) }];
      break;
    }
    case 'merge': {
      const tables = selectTables(model, v.merge as string);
      const merged = mergeTables(
        tables.map((t) => ({ label: headingOf(model, t), table: t })),
        { column: v.column ?? 'Category', dedupe: (v.dedupe as 'per-category' | 'merge' | undefined) ?? 'per-category' },
      );
      fragments = [{ table: merged }];
      break;
    }
    case 'split': {
      if (v.by === undefined) throw new Failure('--split needs --by <column>');
      const tables = selectTables(model, v.split as string);
      if (tables.length !== 1) throw new Failure(`--split takes one table, '${v.split ?? ''}' selects ${tables.length}`);
      fragments = splitTable(tables[0] as Table, { by: v.by }).map((p) => ({ heading: p.label, table: p.table }));
      break;
    }
  }
  const text = render(fragments, format as Format, depth);
  if (v.out !== undefined) {
    try {
      writeFileAtomic(v.out, text);
    } catch (err) {
      throw new Failure(`cannot write ${v.out}: ${(err as Error).message.split('\n')[0] ?? ''}`);
    }
  } else {
    io.stdout(text);
  }
  return EXIT.ok;
}

function render(fragments: Fragment[], format: Format, depth: number): string {
  if (format === 'json') return `${JSON.stringify(fragmentsToJson(fragments, { depth }), null, 2)}\n`;
  if (format === 'markdown') return toMarkdown(fragments, { depth });
  const diagrams = fragments.filter((f) => f.diagram !== undefined);
  if (diagrams.length === 0) throw new Failure('the result is tables, not a diagram: use --format markdown or json');
  return diagrams.map((f) => (typeof f.diagram === 'string' ? `${f.diagram}\n` : printFlowchart(f.diagram as Exclude<Fragment['diagram'], string | undefined>))).join('\n');
}

/** The flowchart graph of diagram `n` (1-based). */
function flowchartAt(model: DocumentModel, selector: string): ReturnType<typeof toFlowGraph> {
  if (!/^\d+$/.test(selector.trim())) throw new Failure(`--from-diagram takes a diagram number (1-based), got '${selector}'`);
  const n = Number(selector);
  const d = model.diagrams[n - 1];
  if (!d) throw new Failure(`no diagram ${n}: the file has ${model.diagrams.length} diagram${model.diagrams.length === 1 ? '' : 's'}`);
  if (!d.flowchart) throw new Failure(`diagram ${n} (line ${d.position.start.line}) is ${d.type ? `a ${d.type} diagram` : 'not a known diagram type'}, not a flowchart`);
  const error = d.errors?.[0];
  if (error) throw new Failure(`diagram ${n} does not parse (line ${error.position.start.line}: ${error.message.split('\n')[0] ?? ''})`);
  return toFlowGraph(d.flowchart);
}

/** The tables a selector names: `3`, `1-7`, `1,3-4`, or a heading's text (the tables in that section). */
function selectTables(model: DocumentModel, selector: string): Table[] {
  const s = selector.trim();
  const count = model.tables.length;
  if (count === 0) throw new Failure('the file has no tables');
  if (/^\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*$/.test(s)) {
    const out: Table[] = [];
    for (const part of s.split(',')) {
      const [a, b] = part.split('-').map((x) => Number(x.trim()));
      const from = a ?? 0;
      const to = b ?? from;
      if (from < 1 || to > count || from > to) throw new Failure(`no table ${part.trim()}: the file has ${count} table${count === 1 ? '' : 's'} (1-${count})`);
      for (let i = from; i <= to; i++) out.push(model.tables[i - 1] as Table);
    }
    return out;
  }
  const want = s.toLowerCase();
  const under = (t: Table): string => (t.section === null ? '' : (model.sections[t.section]?.text ?? '')).toLowerCase();
  let found = model.tables.filter((t) => under(t) === want);
  if (found.length === 0) found = model.tables.filter((t) => under(t).includes(want));
  if (found.length === 0) {
    const headings = [...new Set(model.tables.map((t) => headingOf(model, t)))];
    throw new Failure(`no table under a heading '${selector}'; tables are under ${headings.map((h) => `'${h}'`).join(', ')}`);
  }
  return found;
}

/** The text of a table's heading, or `Table n` before the first heading. */
function headingOf(model: DocumentModel, t: Table): string {
  const s = t.section === null ? undefined : model.sections[t.section];
  return s ? s.text : `Table ${t.index + 1}`;
}
