import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fix, lint } from '../../src/lint/engine.js';
import type { Diagnostic, TextEdit } from '../../src/lint/types.js';
import { parseDocument } from '../../src/model/document.js';
import { runCli } from '../helpers/cli.js';
import { oracleFlowchart } from '../helpers/mermaid-oracle.js';
import { SEED } from '../helpers/paths.js';

const seed = readFileSync(SEED, 'utf8');
const key = (d: Diagnostic) => `${d.ruleId} ${d.position.start.line} ${d.message}`;

describe('--fix on the seed', async () => {
  const before = await lint(seed, { path: SEED });
  const fixable = before.diagnostics.filter((d) => d.fix?.kind === 'safe');
  const after = await fix(seed, { path: SEED, level: 'safe' });

  it('fixes what it reports as safely fixable, and those findings are gone', () => {
    expect(fixable.map((d) => d.ruleId).sort()).toEqual([
      ...Array(13).fill('encoding-damage'),
      ...Array(5).fill('name-spelling'),
      ...Array(2).fill('name-typo'),
      ...Array(2).fill('name-spelling'),
    ].sort());
    expect(after.fixed).toBe(fixable.length);
    const remaining = new Set(after.diagnostics.map(key));
    for (const d of fixable) expect(remaining.has(key(d)), key(d)).toBe(false);
    // What had no safe fix is still reported: lost bytes, the missing image, label drift.
    expect(after.diagnostics.filter((d) => d.ruleId === 'encoding-damage')).toHaveLength(3);
    expect(after.diagnostics.filter((d) => d.ruleId === 'broken-reference')).toHaveLength(1);
    expect(after.diagnostics.filter((d) => d.ruleId === 'label-drift')).toHaveLength(7);
  });

  it('changes no byte outside the reported ranges', () => {
    const edits: TextEdit[] = fixable.flatMap((d) => d.fix!.edits).sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const e of edits) {
      expect(e.start).toBeGreaterThanOrEqual(at);
      out += seed.slice(at, e.start) + e.text;
      at = e.end;
    }
    out += seed.slice(at);
    expect(after.output).toBe(out);
  });

  it('is idempotent', async () => {
    const again = await fix(after.output, { path: SEED, level: 'safe' });
    expect(again.fixed).toBe(0);
    expect(again.output).toBe(after.output);
  });

  it('leaves every diagram a graph mermaid accepts, equal but for the renamed labels', async () => {
    const was = parseDocument(seed).diagrams;
    const now = parseDocument(after.output).diagrams;
    expect(now).toHaveLength(was.length);
    for (let i = 0; i < was.length; i++) {
      const a = await oracleFlowchart(was[i]!.source);
      const b = await oracleFlowchart(now[i]!.source);
      if (!a.accepted || !b.accepted) throw new Error(`diagram ${i + 1} rejected by mermaid`);
      expect(b.graph.edges).toEqual(a.graph.edges);
      expect(b.graph.vertices.map((v) => v[0])).toEqual(a.graph.vertices.map((v) => v[0]));
      const renamed = b.graph.vertices.filter((v, k) => v[1] !== a.graph.vertices[k]![1]).map((v, k) => `${a.graph.vertices.find((x) => x[0] === v[0])![1]} → ${v[1]}`);
      for (const r of renamed) expect(r).toMatch(/^(Cubeflow Pipelines → Kubeflow Pipelines|Kserve → KServe|numpy → NumPy)$/);
    }
  });

  it('writes the same bytes through the CLI, atomically in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-seed-fix-'));
    const copy = join(dir, 'seed.md');
    copyFileSync(SEED, copy);
    const r = runCli([copy, '--fix', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(after.output);
  });
});
