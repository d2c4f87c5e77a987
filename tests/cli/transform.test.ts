import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlowchart } from '../../src/mermaid/flowchart/index.js';
import { runCli as run, type CliResult } from '../helpers/cli.js';

/**
 * The built CLI, with Node's own warning about NO_COLOR next to FORCE_COLOR (which the
 * test runner may set for the child) taken out of stderr.
 */
function runCli(args: string[]): CliResult {
  const r = run(args);
  return { ...r, stderr: r.stderr.replace(/^\(node:\d+\) Warning: The 'NO_COLOR' env is ignored[^\n]*\n(?:\(Use `node --trace-warnings[^\n]*\n)?/m, '') };
}

const SEED = 'fixtures/000_307887c9c13ce1ed.md';

const labels = (text: string): string[] => {
  const r = parseFlowchart(text);
  expect(r.errors).toEqual([]);
  return r.graph.vertices.map((v) => v.text).sort();
};

describe('mermaid-lint merge', () => {
  it('merges the four small diagrams of the seed into one of 35 nodes and 34 edges', () => {
    const r = runCli(['merge', SEED, '--diagrams', '2-5']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const g = parseFlowchart(r.stdout);
    expect(g.errors).toEqual([]);
    expect(g.graph.vertices).toHaveLength(35);
    expect(g.graph.edges).toHaveLength(34);
    expect(r.stdout).toContain('mlops_fundamentals[MLOps Fundamentals]');
  });

  it('lists the five conflicts of all five diagrams on stderr, one line each, unless --quiet', () => {
    const r = runCli(['merge', SEED, '--diagrams', '1-5', '--policy', 'prefer:1']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      `${SEED}: conflict: label of node master_mlops_fundamentals: diagram 1 "Master MLOps Fundamentals", diagram 2 "MLOps Fundamentals", diagram 4 "MLOps Fundamentals", diagram 5 "MLOps Fundamentals"; chose "Master MLOps Fundamentals"`,
    );
    const overview = runCli(['extract', SEED, '--diagram', '1', '--node', 'A']);
    expect(labels(r.stdout)).toEqual(labels(overview.stdout));
    const quiet = runCli(['merge', SEED, '--diagrams', '1-5', '--quiet', '--policy', 'most-frequent']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('[MLOps Fundamentals]');
  });

  it('selects diagrams by heading and writes JSON with the conflicts', () => {
    const r = runCli(['merge', SEED, '-d', '1', '-d', 'MLOps Core Practices', '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { diagrams: { mermaid: string; graph: { vertices: unknown[] } }[]; conflicts: { diagram: number }[] };
    expect(out.diagrams).toHaveLength(1);
    expect(out.diagrams[0]!.graph.vertices).toHaveLength(35);
    expect(out.conflicts).toHaveLength(3);
  });

  it('writes to --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mermaid-lint-merge-'));
    const file = join(dir, 'merged.md');
    writeFileSync(file, 'old');
    const r = runCli(['merge', SEED, '--diagrams', '2-5', '--format', 'markdown', '--out', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^## Merged diagrams 2, 3, 4, 5\n\n```mermaid\nflowchart TB\n/);
  });
});

describe('mermaid-lint split', () => {
  it("splits the seed's overview into its four views", () => {
    const r = runCli([
      'split',
      SEED,
      '--diagram',
      '1',
      '--at',
      'Master MLOps Fundamentals',
      '--group',
      'Python for MLOps,Linux, Git, Cloud, Networking',
      '--group',
      'C,D,E,F;G,H,I',
      '--detach',
      'Python for MLOps',
      '--context',
      'none',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { diagrams: { mermaid: string }[] };
    expect(out.diagrams.map((d) => parseFlowchart(d.mermaid).graph.vertices.length)).toEqual([4, 10, 12, 12]);
    expect(labels(out.diagrams[0]!.mermaid)).toEqual(['Learn Machine Learning Life Cycle', 'Linux, Git, Cloud, Networking', 'Master MLOps Fundamentals', 'Python for MLOps']);
  });

  it('splits by size and by component', () => {
    const r = runCli(['split', SEED, '--diagram', '1', '--max-nodes', '8']);
    expect(r.code).toBe(0);
    const texts = r.stdout.split(/\n(?=flowchart )/);
    expect(texts.length).toBeGreaterThan(4);
    for (const t of texts) expect(parseFlowchart(t).graph.vertices.length).toBeLessThanOrEqual(8);
    const c = runCli(['split', SEED, '--diagram', '2', '--by', 'component']);
    expect(c.code).toBe(0);
    expect(c.stdout.match(/^flowchart/gm)).toHaveLength(1);
  });
});

describe('mermaid-lint extract', () => {
  it('prints the neighbourhood of a node', () => {
    const r = runCli(['extract', SEED, '--diagram', '1', '--node', 'Model Deployment', '--depth', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      ['flowchart TB', '    F[Model Deployment]', '    F1[Docker]', '    F2[FastAPI/Flask]', '    F3[Kserve]', '    F4[TensorFlow Serving]', '    F --> F1', '    F --> F2', '    F --> F3', '    F --> F4', ''].join('\n'),
    );
    const up = runCli(['extract', SEED, '-d', 'Python Packages for MLOps', '-n', 'numpy', '--direction', 'up']);
    expect(up.stdout).toContain('A --> B');
  });
});

describe('transform command errors: one line, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mermaid-lint-transform-'));
  const broken = join(dir, 'broken.md');
  writeFileSync(broken, '# T\n\n```mermaid\nflowchart TB\n  A --> \n```\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n');
  it.each([
    [['merge', SEED, '--diagrams', '9'], /^mermaid-lint merge: no diagram 9: the document has 5 diagrams$/m],
    [['merge', SEED, '--diagrams', 'No Such Heading'], /^mermaid-lint merge: no diagram `No Such Heading`/],
    [['merge', SEED], /^mermaid-lint merge: needs --diagrams/],
    [['merge', SEED, '-d', '1-2', '--policy', 'prefer:4'], /^mermaid-lint merge: --policy prefer:4: diagram 4 is not one of the merged/],
    [['split', SEED, '--diagram', '1', '--at', 'Nowhere'], /^mermaid-lint split: no node `Nowhere`/],
    [['split', SEED, '--diagram', '1', '--at', 'B', '--group', 'Docker'], /^mermaid-lint split: `Docker` is not one of the children of B/],
    [['extract', SEED, '--diagram', '1', '--node', 'Nope'], /^mermaid-lint extract: no node `Nope`/],
    [['extract', broken, '--diagram', '1', '--node', 'A'], /^mermaid-lint extract: diagram 1 has an error: 5:/],
    [['extract', broken, '--diagram', '2', '--node', 'A'], /^mermaid-lint extract: diagram 2 is not a flowchart \(sequence\)$/m],
    [['extract', 'fixtures/missing.md', '--diagram', '1', '--node', 'A'], /^fixtures\/missing.md:1:1: no such file$/m],
    [['split', SEED, '--diagram', '1', '--bogus'], /^mermaid-lint split: Unknown option '--bogus'/],
    [['extract', SEED, '--diagram', '1', '--node', 'A', '--format', 'svg'], /^mermaid-lint extract: unknown format `svg`/],
  ])('%j', (args, message) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(message);
  });
});
