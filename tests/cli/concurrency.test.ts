import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepSource, laneCount, MIN_FILES_PER_LANE, neededLines } from '../../src/cli/workers.js';
import { lint } from '../../src/lint/engine.js';
import { createFormatContext, FORMATTERS } from '../../src/report/index.js';
import { runCli } from '../helpers/cli.js';
import { SEED } from '../helpers/paths.js';

/** Documents of several kinds: clean, syntax errors, fixable repeats, broken links, CRLF, a BOM, tabs. */
function generate(dir: string, n: number): void {
  const seed = readFileSync(SEED, 'utf8');
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `part${i % 4}`);
    mkdirSync(sub, { recursive: true });
    let text: string;
    switch (i % 6) {
      case 0:
        text = seed;
        break;
      case 1:
        text = `# Doc ${i}\n\n\`\`\`mermaid\ngraph TD\n  A${i} --> B %% note\n\`\`\`\n`;
        break;
      case 2:
        text = `# Doc ${i}\n\nSee [next](doc${i + 1}.md#top) and [missing](nope${i}.md).\n\n\`\`\`mermaid\ngraph TD\n  A --> B\n  A --> B\n\`\`\`\n`;
        break;
      case 3:
        text = `\ufeff# Doc ${i}\r\n\r\n| Service | Owner |\r\n|---|---|\r\n| Api | team |\r\n\r\n\`\`\`mermaid\r\nflowchart LR\r\n  Api --> Db\r\n  Db --> Db\r\n\`\`\`\r\n`;
        break;
      case 4:
        text = `# Doc ${i}\n\n\`\`\`mermaid\ngraph LR\n\tA[Build] --> B[Deploy]\n\tclassDef danger fill:#f66\n\tclass B dagner\n\`\`\`\n`;
        break;
      default:
        text = `# Clean ${i}\n\nJust text.\n`;
    }
    writeFileSync(join(sub, `doc${i}.md`), text);
  }
}

const corpus = mkdtempSync(join(tmpdir(), 'ml-concurrency-'));
generate(corpus, 72);

describe('mermaid-lint --concurrency', () => {
  it.each(['stylish', 'json', 'sarif', 'compact'])('prints the same %s output with 1, 2 and 3 threads', (format) => {
    const one = runCli(['--concurrency', '1', '--format', format], { cwd: corpus });
    expect(one.code).toBe(1);
    expect(one.stdout.length).toBeGreaterThan(0);
    for (const n of ['2', '3']) {
      const many = runCli(['--concurrency', n, '--format', format], { cwd: corpus });
      expect(many).toEqual(one);
    }
  });

  it('gives the same output with the default (auto) as with one thread, also with I/O errors in between', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ml-concurrency-err-'));
    cpSync(corpus, dir, { recursive: true });
    writeFileSync(join(dir, 'part1', 'binary.md'), Buffer.from([0x23, 0x20, 0, 1, 2]));
    writeFileSync(join(dir, 'part2', 'latin1.md'), Buffer.from('# caf\xe9\n', 'latin1'));
    const one = runCli(['--concurrency', '1'], { cwd: dir });
    const auto = runCli([], { cwd: dir });
    expect(one.code).toBe(2);
    expect(auto).toEqual(one);
    expect(one.stderr).toBe(
      'part1/binary.md:1:3: binary file (NUL byte), expected UTF-8 text\npart2/latin1.md:1:6: invalid UTF-8 (byte 0xE9), expected UTF-8 text; re-save the file as UTF-8\n',
    );
  });

  it('fixes files the same way with 1 and 3 threads', () => {
    const a = mkdtempSync(join(tmpdir(), 'ml-concurrency-fix1-'));
    const b = mkdtempSync(join(tmpdir(), 'ml-concurrency-fix3-'));
    cpSync(corpus, a, { recursive: true });
    cpSync(corpus, b, { recursive: true });
    const ra = runCli(['--fix-unsafe', '--concurrency', '1', '--format', 'json'], { cwd: a });
    const rb = runCli(['--fix-unsafe', '--concurrency', '3', '--format', 'json'], { cwd: b });
    expect(rb.stdout).toBe(ra.stdout);
    expect(rb.code).toBe(ra.code);
    const contents = (root: string) =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => [f, readFileSync(join(root, f), 'utf8')]);
    const fixed = contents(a);
    expect(contents(b)).toEqual(fixed);
    expect(fixed.some(([f, t]) => t !== readFileSync(join(corpus, f as string), 'utf8'))).toBe(true);
  });

  it('gives the same dry-run diff with 1 and 2 threads', () => {
    const one = runCli(['--fix-dry-run', '--concurrency', '1'], { cwd: corpus });
    const two = runCli(['--fix-dry-run', '--concurrency', '2'], { cwd: corpus });
    expect(one.stdout).toMatch(/^--- a\/part/);
    expect(two).toEqual(one);
  });

  it('rejects a bad --concurrency', () => {
    for (const bad of ['0', 'two', '1.5', '']) {
      const r = runCli(['--concurrency', bad], { cwd: corpus });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--concurrency takes a whole number from 1');
    }
    expect(runCli(['--concurrency', '-1'], { cwd: corpus }).code).toBe(2);
  });

  it('uses one lane per CPU but one, only when each gets enough files, and exactly the lanes asked for', () => {
    expect(laneCount(1, 'auto', 8)).toBe(1);
    expect(laneCount(2 * MIN_FILES_PER_LANE - 1, 'auto', 8)).toBe(1);
    expect(laneCount(2 * MIN_FILES_PER_LANE, 'auto', 8)).toBe(2);
    // One CPU is left to V8's own threads.
    expect(laneCount(10_000, 'auto', 8)).toBe(7);
    expect(laneCount(10_000, 'auto', 2)).toBe(1);
    expect(laneCount(10_000, 'auto', 1)).toBe(1);
    expect(laneCount(3, 4, 8)).toBe(3);
    expect(laneCount(100, 4, 2)).toBe(4);
  });
});

describe('the source lines kept for formatters', () => {
  it('give the same stylish frames and SARIF fixes as the whole text', async () => {
    const files = readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    for (const name of files.slice(0, 12)) {
      const text = readFileSync(join(corpus, name), 'utf8');
      const result = await lint(text, { path: name });
      const full = new Map([[name, text]]);
      const stylishKept = keepSource(text, neededLines(result, 'lines'));
      const sarifKept = keepSource(text, neededLines(result, 'fix-full'));
      const ctx = (m: Map<string, string | undefined>) =>
        createFormatContext({ cwd: corpus, sources: new Map([...m].filter((e): e is [string, string] => e[1] !== undefined)) });
      expect(FORMATTERS.stylish([result], ctx(new Map([[name, stylishKept]])))).toBe(FORMATTERS.stylish([result], ctx(full)));
      expect(FORMATTERS.sarif([result], ctx(new Map([[name, sarifKept]])))).toBe(FORMATTERS.sarif([result], ctx(full)));
    }
  });

  it('keep one line of a long file with one finding (and a newline per line before it)', async () => {
    const text = `# Long\n\n${'Some text of a paragraph.\n\n'.repeat(20_000)}\`\`\`mermaid\ngraph TD\n  A --> B %% note\n\`\`\`\n`;
    const result = await lint(text, { path: 'long.md' });
    const kept = keepSource(text, neededLines(result, 'lines')) as string;
    expect(kept.length).toBeLessThan(40_100);
    expect(kept.split('\n').filter((l) => l !== '')).toEqual(['  A --> B %% note']);
  });
});
