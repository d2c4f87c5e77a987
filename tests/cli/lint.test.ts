import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/report/json.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ml-lint-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const bad = write('bad.md', '# Bad\n\n```mermaid\ngraph TD\n  A --> B %% note\n```\n');
const good = write('good.md', '# Good\n\n```mermaid\ngraph TD\n  A --> B\n```\n');

describe('mermaid-lint <files>', () => {
  it('exits 0 and prints nothing for a clean file', () => {
    const r = runCli([good]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('prints file:line:column  severity  message  rule-id and exits 1 on errors', () => {
    const r = runCli([bad, good, '--format', 'compact']);
    expect(r.code).toBe(1);
    const [first] = r.stdout.split('\n');
    expect(first).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:11  error  Unexpected \`%%\` after a statement.*  diagram-syntax$`));
    expect(r.stdout).toContain('1 problem (1 error, 0 warnings, 0 info)');
  });

  it('prints the documented JSON with --format json', () => {
    const r = runCli([bad, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.version).toBe(1);
    expect(report.errorCount).toBe(1);
    expect(report.files[0]?.diagnostics[0]).toMatchObject({
      ruleId: 'diagram-syntax',
      severity: 'error',
      line: 5,
      column: 11,
      endLine: 5,
      fix: null,
    });
  });

  it('prints findings grouped by file with a code frame by default, without colour when piped', () => {
    const r = runCli([bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toContain('5:11');
    expect(r.stdout).toContain('  A --> B %% note');
    expect(r.stdout).toMatch(/\^~/);
    expect(r.stdout).toMatch(/1 problem \(1 error, 0 warnings/);
  });

  it('colours the output when FORCE_COLOR asks for it', () => {
    const r = runCli([bad], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(r.stdout).toMatch(/\u001b\[/);
  });

  it('exits 2 with one line for a missing file, and still lints the others', () => {
    const r = runCli([join(dir, 'missing.md'), bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${join(dir, 'missing.md')}:1:1: no such file\n`);
    expect(r.stdout).toContain('diagram-syntax');
  });

  it('honours a config file that turns a rule off', () => {
    const cfg = write('off.json', JSON.stringify({ rules: { 'diagram-syntax': 'off' } }));
    expect(runCli([bad, '--config', cfg]).code).toBe(0);
  });

  it('rejects an invalid config with the key path and exit 2', () => {
    const cfg = write('badcfg.json', JSON.stringify({ rules: { 'diagram-syntax': 'loud' } }));
    const r = runCli([bad, '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${cfg}: rules.diagram-syntax: expected "off", "error", "warning" or "info", got "loud"\n`);
  });

  it('rejects unknown formats and options', () => {
    expect(runCli([bad, '--format', 'xml']).code).toBe(2);
    expect(runCli([bad, '--frobnicate']).code).toBe(2);
  });
});
