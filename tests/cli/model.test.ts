import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../src/model/types.js';
import { runCli } from '../helpers/cli.js';

const SEED = 'fixtures/000_307887c9c13ce1ed.md';

describe('mermaid-lint model', () => {
  it('prints a summary of the seed', () => {
    const r = runCli(['model', SEED]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('tables    7');
    expect(r.stdout).toMatch(/102:1 {2}flowchart-v2 \(graph\) {2}lines 102-136/);
    expect(r.stdout).toContain('KServe (alias KFServing)');
  });

  it('prints the model as JSON with --json', () => {
    const r = runCli(['model', SEED, '--json']);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as DocumentModel;
    expect(model.tables.map((t) => t.rows.length)).toEqual([4, 9, 3, 6, 3, 3, 5]);
    expect(model.diagrams.map((d) => d.position.start.line)).toEqual([102, 142, 150, 164, 180]);
    expect(model.names.find((n) => n.name === 'KServe')?.aliases).toEqual(['KFServing']);
  });

  it.each([
    ['fixtures/edge/binary.md', 'fixtures/edge/binary.md:3:1: binary file (NUL byte), expected UTF-8 text'],
    ['fixtures/edge/invalid-utf8.md', 'fixtures/edge/invalid-utf8.md:3:4: invalid UTF-8 (byte 0xE9), expected UTF-8 text; re-save the file as UTF-8'],
    ['fixtures/missing.md', 'fixtures/missing.md:1:1: no such file'],
    ['fixtures', 'fixtures:1:1: is a directory, expected a file'],
  ])('rejects %s with one line and exit 2', (file, line) => {
    const r = runCli(['model', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stdout).toBe('');
  });

  it('still prints the good files when one file is bad, and exits 2', () => {
    const r = runCli(['model', 'fixtures/edge/no-diagrams.md', 'fixtures/missing.md']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('no-diagrams.md');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('handles empty, BOM, CRLF and .mmd files', () => {
    for (const f of ['empty.md', 'bom.md', 'crlf.md', 'tabs.md', 'diagram.mmd', 'containers.md']) {
      const r = runCli(['model', `fixtures/edge/${f}`, '--json']);
      expect(r.code, f).toBe(0);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });

  it('explains usage errors without a stack trace', () => {
    for (const args of [[], ['model'], ['frobnicate'], ['model', '--nope', SEED]]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });

  it('answers --help and --version', () => {
    expect(runCli(['--help']).stdout).toContain('Usage: mermaid-lint');
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('reads a file in another directory by a relative path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-cli-'));
    const r = runCli(['model', join(process.cwd(), SEED)], { cwd: dir });
    expect(r.code).toBe(0);
  });
});
