import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLinesKeep, unifiedDiff } from '../../src/cli/diff.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ml-dry-run-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// A repeated edge: duplicate-edge's fix (safe) removes the second one.
const DUPLICATE = '# Doc\n\nText.\n\n```mermaid\ngraph TD\n  A --> B\n  A --> B\n```\n';

describe('mermaid-lint --fix-dry-run', () => {
  it('prints the exact unified diff of the safe fixes and writes nothing', () => {
    const file = write('dup.md', DUPLICATE);
    const before = statSync(file).mtimeMs;
    const r = runCli(['dup.md', '--fix-dry-run'], { cwd: dir });
    expect(r.stdout).toBe(
      ['--- a/dup.md', '+++ b/dup.md', '@@ -5,5 +5,4 @@', ' ```mermaid', ' graph TD', '   A --> B', '-  A --> B', ' ```', ''].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(DUPLICATE);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('prints nothing and exits 0 when there is nothing to fix', () => {
    write('clean.md', '# Clean\n\n```mermaid\ngraph TD\n  A --> B\n```\n');
    expect(runCli(['clean.md', '--fix-dry-run'], { cwd: dir })).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('keeps stdout a patch: the findings left after fixing go to stderr in the chosen format, and set the exit code', () => {
    write('left.md', '# Left\n\n```mermaid\ngraph TD\n  A --> B\n  A --> B\n```\n\n```mermaid\ngraph TD\n  C --> D %% note\n```\n');
    const r = runCli(['left.md', '--fix-dry-run', '--format', 'compact'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^--- a\/left\.md\n\+\+\+ b\/left\.md\n@@ /);
    expect(r.stdout).toContain('-  A --> B\n');
    expect(r.stdout).not.toContain('diagram-syntax');
    // Positions refer to the fixed text: line 11 became line 10.
    expect(r.stderr).toMatch(/^left\.md:10:\d+ {2}error {2}.*diagram-syntax$/m);
  });

  it('produces a patch that git-style tools apply to give the --fix result', () => {
    const text = '# Patch\n\n```mermaid\ngraph TD\n  A --> B\n  A --> B\n```\n\nMore text.\n';
    write('patch.md', text);
    const patch = runCli(['patch.md', '--fix-dry-run'], { cwd: dir }).stdout;
    const fixedDir = mkdtempSync(join(tmpdir(), 'ml-dry-run-fix-'));
    writeFileSync(join(fixedDir, 'patch.md'), text);
    runCli(['patch.md', '--fix'], { cwd: fixedDir });
    expect(applyPatch(text, patch)).toBe(readFileSync(join(fixedDir, 'patch.md'), 'utf8'));
  });

  it('shows unsafe fixes only with --fix-unsafe', () => {
    // undefined-class's fix (a misspelt class name) is unsafe.
    const text = '# Doc\n\n```mermaid\ngraph LR\n  A[Build] --> B[Deploy]\n  classDef danger fill:#f66\n  class B dagner\n```\n';
    const file = write('classes.md', text);
    const safe = runCli(['classes.md', '--fix-dry-run', '--format', 'compact'], { cwd: dir });
    expect(safe.stdout).toBe('');
    expect(safe.stderr).toContain('undefined-class');
    const unsafe = runCli(['classes.md', '--fix-dry-run', '--fix-unsafe', '--format', 'compact'], { cwd: dir });
    expect(unsafe.stdout).toBe('--- a/classes.md\n+++ b/classes.md\n@@ -4,5 +4,5 @@\n graph LR\n   A[Build] --> B[Deploy]\n   classDef danger fill:#f66\n-  class B dagner\n+  class B danger\n ```\n');
    expect(unsafe.stderr).not.toContain('undefined-class');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('works on standard input, naming the file with --stdin-filename', () => {
    const r = runCli(['-', '--fix-dry-run', '--stdin-filename', 'docs/in.md'], { cwd: dir, input: DUPLICATE });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['--- a/docs/in.md', '+++ b/docs/in.md', '@@ -5,5 +5,4 @@']);
  });

  it('rejects --fix-dry-run with --fix', () => {
    write('x.md', DUPLICATE);
    const r = runCli(['x.md', '--fix-dry-run', '--fix'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fix-dry-run cannot be combined with --fix');
  });

  it('still refuses --fix on standard input', () => {
    expect(runCli(['-', '--fix'], { cwd: dir, input: DUPLICATE }).code).toBe(2);
  });
});

describe('unifiedDiff', () => {
  const names = { oldName: 'a/f', newName: 'b/f' };

  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', names)).toBe('');
  });

  it('prints 3 lines of context and joins changes less than 7 lines apart', () => {
    const a = Array.from({ length: 20 }, (_, i) => `${i + 1}\n`).join('');
    const b = a.replace('5\n', 'five\n').replace('11\n', 'eleven\n').replace('19\n', 'nineteen\n');
    expect(unifiedDiff(a, b, names)).toBe(
      [
        '--- a/f',
        '+++ b/f',
        '@@ -2,13 +2,13 @@',
        ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ' 9', ' 10', '-11', '+eleven', ' 12', ' 13', ' 14',
        '@@ -16,5 +16,5 @@',
        ' 16', ' 17', ' 18', '-19', '+nineteen', ' 20',
        '',
      ].join('\n'),
    );
  });

  it('marks a missing final newline and prints empty ranges as diff does', () => {
    expect(unifiedDiff('a', 'b\n', names)).toBe('--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n');
    expect(unifiedDiff('', 'x\n', names)).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('x\ny\n', 'y\n', names)).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n-x\n y\n');
  });

  it('keeps CRLF line endings on the lines', () => {
    expect(unifiedDiff('a\r\nb\r\n', 'a\r\nc\r\n', names)).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n');
  });

  it('finds a shortest edit script, and its patch applies (property)', () => {
    const line = fc.constantFrom('a\n', 'b\n', 'c\n', 'd\n', 'e');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (xs, ys) => {
        const a = xs.filter((l, i) => l.endsWith('\n') || i === xs.length - 1).join('');
        const b = ys.filter((l, i) => l.endsWith('\n') || i === ys.length - 1).join('');
        const ops = diffLines(splitLinesKeep(a), splitLinesKeep(b));
        const edits = ops.filter((o) => o.kind !== ' ').length;
        expect(edits).toBe(splitLinesKeep(a).length + splitLinesKeep(b).length - 2 * lcs(splitLinesKeep(a), splitLinesKeep(b)));
        expect(applyPatch(a, unifiedDiff(a, b, names))).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a long file with changes far apart (Myers: time grows with the edits, not the length squared)', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `line ${i}\n`).join('');
    const b = a.replace('line 10\n', 'LINE 10\n').replace('line 99990\n', '');
    const d = unifiedDiff(a, b, names);
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(applyPatch(a, d)).toBe(b);
  });
});

/** Length of a longest common subsequence (the reference for minimality). */
function lcs(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = [0];
    for (let j = 1; j <= b.length; j++) row.push(a[i - 1] === b[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, row[j - 1] as number));
    prev = row;
  }
  return prev[b.length] as number;
}

/** Applies a unified diff of one file (strict: context must match). */
function applyPatch(text: string, patch: string): string {
  if (patch === '') return text;
  const src = splitLinesKeep(text);
  const lines = patch.split('\n');
  const out: string[] = [];
  let at = 0;
  let k = 2;
  while (k < lines.length && lines[k] !== '') {
    const m = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[k] as string);
    if (!m) throw new Error(`bad hunk header ${lines[k]}`);
    const start = Number(m[1]);
    const len = m[2] === undefined ? 1 : Number(m[2]);
    const from = len === 0 ? start : start - 1;
    while (at < from) out.push(src[at++] as string);
    k++;
    while (k < lines.length && /^[ +-]/.test(lines[k] as string)) {
      const l = lines[k] as string;
      const noEol = lines[k + 1] === '\\ No newline at end of file';
      const body = l.slice(1) + (noEol ? '' : '\n');
      if (l[0] === '+') out.push(body);
      else {
        if (src[at] !== body) throw new Error(`context mismatch at line ${at + 1}: ${JSON.stringify(src[at])} vs ${JSON.stringify(body)}`);
        if (l[0] === ' ') out.push(body);
        at++;
      }
      k += noEol ? 2 : 1;
    }
  }
  while (at < src.length) out.push(src[at++] as string);
  return out.join('');
}
