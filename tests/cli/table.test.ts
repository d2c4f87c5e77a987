import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlowchart } from '../../src/mermaid/flowchart/index.js';
import type { FlowGraph } from '../../src/mermaid/flowchart/types.js';
import { parseDocument } from '../../src/model/document.js';
import { toFlowGraph } from '../../src/model/flowchart.js';
import type { FragmentJson } from '../../src/transform/markdown.js';
import { toTableData } from '../../src/transform/tables.js';
import { runCli } from '../helpers/cli.js';
import { SEED } from '../helpers/paths.js';

const S = 'fixtures/000_307887c9c13ce1ed.md';
const seed = parseDocument(readFileSync(SEED, 'utf8'), { path: SEED });
const tmp = (): string => mkdtempSync(join(tmpdir(), 'ml-table-'));

/** Labels and parent/child label pairs of a graph. */
function tree(g: FlowGraph): { labels: string[]; pairs: string[] } {
  const label = (id: string): string => g.vertices.find((v) => v.id === id)?.text ?? id;
  return { labels: g.vertices.map((v) => v.text).sort(), pairs: g.edges.map((e) => `${label(e.start)} → ${label(e.end)}`).sort() };
}

function ok(args: string[]): string {
  const r = runCli(args);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout;
}

describe('mermaid-lint table', () => {
  it('writes a diagram as a Parent | Child table', () => {
    const md = ok(['table', S, '--from-diagram', '1']);
    const t = parseDocument(md).tables;
    expect(t).toHaveLength(1);
    expect(t[0]?.header.map((c) => c.text)).toEqual(['Parent', 'Child']);
    expect(t[0]?.rows).toHaveLength(34);
  });

  it('writes a diagram per parent, and reads those tables back into the same tree', () => {
    const dir = tmp();
    const out = join(dir, 'views.md');
    expect(ok(['table', S, '--from-diagram', '1', '--layout', 'per-parent', '--out', out])).toBe('');
    const md = readFileSync(out, 'utf8');
    const model = parseDocument(md);
    expect(model.sections.map((s) => s.text).slice(0, 2)).toEqual(['Learn Machine Learning Life Cycle', 'Master MLOps Fundamentals']);
    expect(model.tables).toHaveLength(8);
    const mermaid = ok(['table', out, '--to-diagram', '1-8']);
    const back = parseFlowchart(mermaid);
    expect(back.errors).toEqual([]);
    expect(tree(back.graph)).toEqual(tree(toFlowGraph(seed.diagrams[0]?.flowchart as NonNullable<(typeof seed.diagrams)[0]['flowchart']>)));
  });

  it('reads the seed category tables per parent under a root, as Mermaid, Markdown or JSON', () => {
    const mermaid = ok(['table', S, '--to-diagram', '1-7', '--root', 'Python tools', '--direction', 'LR']);
    const g = parseFlowchart(mermaid);
    expect(g.errors).toEqual([]);
    expect(g.graph.direction).toBe('LR');
    expect(g.graph.vertices).toHaveLength(41);
    const md = ok(['table', S, '--to-diagram', '1-7', '--root', 'Python tools', '--format', 'markdown']);
    expect(md.startsWith('```mermaid\nflowchart TB\n')).toBe(true);
    expect(parseDocument(md).diagrams[0]?.errors).toEqual([]);
    const json = JSON.parse(ok(['table', S, '--to-diagram', 'Machine Learning (Modeling & Experimentation)', '--format', 'json'])) as FragmentJson[];
    expect(json[0]?.diagram?.edges[0]).toEqual({ id: 'L_ScikitLearn_CoreMLLibraryTraining_0', from: 'ScikitLearn', to: 'CoreMLLibraryTraining', label: '' });
  });

  it('merges tables 1-7 under a Category column and splits them back into the original tables', () => {
    const dir = tmp();
    const merged = join(dir, 'merged.md');
    ok(['table', S, '--merge', '1-7', '--column', 'Category', '--out', merged]);
    const m = parseDocument(readFileSync(merged, 'utf8'));
    expect(m.tables[0]?.header.map((c) => c.text)).toEqual(['Category', 'Tool', 'Purpose']);
    expect(m.tables[0]?.rows.filter((r) => r[1]?.text === 'Joblib')).toHaveLength(2);
    const split = parseDocument(ok(['table', merged, '--split', '1', '--by', 'Category']));
    expect(split.tables.map((t) => toTableData(t))).toEqual(seed.tables.map((t) => toTableData(t)));
    expect(split.sections.map((s) => s.text)).toEqual(seed.tables.map((t) => seed.sections[t.section as number]?.text));
  });

  it('merges Joblib into one row with --dedupe merge', () => {
    const m = parseDocument(ok(['table', S, '--merge', '1-7', '--column', 'Category', '--dedupe', 'merge']));
    const joblib = m.tables[0]?.rows.filter((r) => r[1]?.text === 'Joblib') ?? [];
    expect(joblib.map((r) => r[0]?.raw)).toEqual(['Machine Learning (Modeling & Experimentation)<br>Automation & Software Engineering']);
  });

  it('prints JSON in the model’s shape', () => {
    const json = JSON.parse(ok(['table', S, '--merge', '1,2', '-f', 'json'])) as FragmentJson[];
    expect(json).toHaveLength(1);
    expect(json[0]?.table?.rows).toHaveLength(13);
    expect(json[0]?.table?.rows[0]?.[1]).toEqual({ raw: '**NumPy**', text: 'NumPy' });
  });

  it('warns about graphs that are not trees, and refuses them per parent', () => {
    const dir = tmp();
    const file = join(dir, 'dag.md');
    writeFileSync(file, '# DAG\n\n```mermaid\nflowchart TD\n  A --> B\n  A --> C\n  B --> D\n  C --> D\n```\n');
    const r = runCli(['table', file, '--from-diagram', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`mermaid-lint table: warning: not a tree ('D' has two parents ('B' and 'C')): the table lists the graph's edges\n`);
    expect(parseDocument(r.stdout).tables[0]?.rows).toHaveLength(4);
    const p = runCli(['table', file, '--from-diagram', '1', '--layout', 'per-parent']);
    expect(p.code).toBe(2);
    expect(p.stderr).toBe(`mermaid-lint table: the diagram is not a tree ('D' has two parents ('B' and 'C')); the per-parent layout needs one, use the edges layout\n`);
  });

  it.each([
    [['table', S], 'mermaid-lint table: needs exactly one of --from-diagram, --to-diagram, --merge or --split'],
    [['table', S, '--merge', '1-7', '--split', '1'], 'mermaid-lint table: needs exactly one of --from-diagram, --to-diagram, --merge or --split, got --merge and --split'],
    [['table', '--merge', '1-7'], `mermaid-lint table: needs one file, got 0 (see 'mermaid-lint table --help')`],
    [['table', S, '--from-diagram', '9'], 'mermaid-lint table: no diagram 9: the file has 5 diagrams'],
    [['table', S, '--from-diagram', 'x'], `mermaid-lint table: --from-diagram takes a diagram number (1-based), got 'x'`],
    [['table', S, '--from-diagram', '1', '-f', 'mermaid'], 'mermaid-lint table: the result is tables, not a diagram: use --format markdown or json'],
    [['table', S, '--from-diagram', '1', '--layout', 'wide'], `mermaid-lint table: unknown layout 'wide'; expected edges or per-parent`],
    [['table', S, '--merge', '1-9'], 'mermaid-lint table: no table 1-9: the file has 7 tables (1-7)'],
    [['table', S, '--merge', '1-7', '--column', 'Tool'], `mermaid-lint table: the tables already have a column 'Tool'; name the added column differently`],
    [['table', S, '--merge', '1-7', '-f', 'yaml'], `mermaid-lint table: unknown format 'yaml'; expected one of markdown, mermaid, json`],
    [['table', S, '--merge', '1-7', '--dedupe', 'all'], `mermaid-lint table: unknown --dedupe 'all'; expected per-category or merge`],
    [['table', S, '--split', '1'], 'mermaid-lint table: --split needs --by <column>'],
    [['table', S, '--split', '1', '--by', 'Category'], `mermaid-lint table: no column 'Category'; the columns are Tool | Purpose`],
    [['table', S, '--split', '1-2', '--by', 'Tool'], `mermaid-lint table: --split takes one table, '1-2' selects 2`],
    [['table', S, '--to-diagram', 'Nowhere'], /^mermaid-lint table: no table under a heading 'Nowhere'; tables are under 'Data Analysis/],
    [['table', S, '--to-diagram', '1', '--root', 'R'], 'mermaid-lint table: --root applies to tables read per parent (several tables, or --layout per-parent)'],
    [['table', 'fixtures/missing.md', '--merge', '1'], 'fixtures/missing.md:1:1: no such file'],
    [['table', S, '--merge', '1-7', '--out', '/nonexistent-dir/x.md'], /^mermaid-lint table: cannot write \/nonexistent-dir\/x.md: /],
    [['table', S, '--nope'], /^mermaid-lint table: Unknown option '--nope'/],
  ] as [string[], string | RegExp][])('rejects %j with one line and exit 2', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    if (typeof message === 'string') expect(r.stderr).toBe(`${message}\n`);
    else expect(r.stderr).toMatch(message);
  });

  it('answers --help and is listed in mermaid-lint --help', () => {
    expect(ok(['table', '--help'])).toContain('Usage: mermaid-lint table <file> --from-diagram <n>');
    expect(runCli(['--help']).stdout).toMatch(/ {2}table {2,}Convert between tables and flowcharts/);
  });
});
