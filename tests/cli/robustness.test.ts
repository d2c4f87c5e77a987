/**
 * Hostile inputs, run as a user runs the CLI (the built binary in a child
 * process): each must end without a crash or stack trace, with exit code 2
 * and one line per unreadable file, while the other files are still linted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

/** Like runCli, with room for slow machines (the helper stops a run after 60 s). */
function cli(args: string[], cwd: string, timeout = 240_000) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['FORCE_COLOR'];
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env, timeout, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const STACK = /^\s+at .+:\d+:\d+\)?$/m;
const dir = mkdtempSync(join(tmpdir(), 'ml-robust-'));
const BAD = '# Bad\n\n```mermaid\ngraph TD\n  A --> B %% note\n```\n';
writeFileSync(join(dir, 'good-with-error.md'), BAD);

const isRoot = process.getuid?.() === 0;

describe('robustness (spawned CLI)', () => {
  it('reports a 10 MB Markdown file as too large in one line, and lints the rest', () => {
    const para = 'Some text with a [link](#section-1), `code` and *emphasis* in a paragraph of prose.\n\n';
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const p = `## Section ${i}\n\n${para}| a | b |\n|---|---|\n| x${i} | y |\n\n`;
      parts.push(p);
      size += p.length;
    }
    writeFileSync(join(dir, 'huge.md'), parts.join(''));
    const r = cli(['huge.md', 'good-with-error.md', '--format', 'compact'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('huge.md:1:1: file too large (10 MB; the limit is 2 MB, raise it with --max-file-size)\n');
    expect(r.stdout).toMatch(/^good-with-error\.md:5:11 {2}error/);
    // The limit is an option.
    const small = cli(['good-with-error.md', '--max-file-size', '10b'], dir);
    expect(small.stderr).toBe(`good-with-error.md:1:1: file too large (${BAD.length} bytes; the limit is 10 bytes, raise it with --max-file-size)\n`);
    expect(cli(['good-with-error.md', '--max-file-size', '1k'], dir).code).toBe(1);
    expect(cli(['good-with-error.md', '--max-file-size', 'lots'], dir).code).toBe(2);
  });

  it('lints a diagram of 100,000 lines and 100,000 labelled nodes', () => {
    const lines = ['# Long', '', '```mermaid', 'flowchart TD'];
    for (let j = 0; j < 100_000; j++) lines.push(`  N${j}[Step ${j}] --> N${j + 1}`);
    lines.push('```', '');
    writeFileSync(join(dir, 'long-diagram.md'), lines.join('\n'));
    const r = cli(['long-diagram.md', '--format', 'compact', '--max-file-size', '0'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Edge limit exceeded: the diagram has 100000 edges');
  }, 300_000);

  it('reports a binary file named .md and invalid UTF-8 in one line each, and lints the rest', () => {
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(dir, 'latin1.md'), Buffer.from('# Caf\xe9\n\nna\xefve\n', 'latin1'));
    for (const concurrency of ['1', '3']) {
      const r = cli(['image.md', 'latin1.md', 'good-with-error.md', '--format', 'compact', '--concurrency', concurrency], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'image.md:3:1: binary file (NUL byte), expected UTF-8 text\n' +
          'latin1.md:1:6: invalid UTF-8 (byte 0xE9), expected UTF-8 text; re-save the file as UTF-8\n',
      );
      expect(r.stdout).toContain('good-with-error.md:5:11');
    }
  });

  it('does not follow symbolic link loops in a searched directory, and reports a looping link named directly', () => {
    const tree = join(dir, 'loops');
    mkdirSync(join(tree, 'sub'), { recursive: true });
    writeFileSync(join(tree, 'ok.md'), '# OK\n');
    symlinkSync('..', join(tree, 'sub', 'up'));
    symlinkSync('b.md', join(tree, 'a.md'));
    symlinkSync('a.md', join(tree, 'b.md'));
    const searched = cli(['loops'], dir);
    expect(searched).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const named = cli(['loops/a.md', 'good-with-error.md', '--format', 'compact'], dir);
    expect(named.code).toBe(2);
    expect(named.stderr).toBe('loops/a.md:1:1: too many levels of symbolic links\n');
    expect(named.stdout).toContain('good-with-error.md:5:11');
  });

  it.skipIf(isRoot)('reports an unreadable file (chmod 000) in one line (skipped as root, who can read any file)', () => {
    const file = join(dir, 'secret.md');
    writeFileSync(file, '# Secret\n');
    chmodSync(file, 0o000);
    try {
      const r = cli(['secret.md', 'good-with-error.md', '--format', 'compact'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('secret.md:1:1: permission denied\n');
      expect(r.stdout).toContain('good-with-error.md:5:11');
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it.skipIf(process.platform !== 'linux')('reports a file that fails to read (EIO, even for root) in one line', () => {
    // Reading /proc/self/mem at offset 0 fails with EIO: an unreadable file whatever the user.
    symlinkSync('/proc/self/mem', join(dir, 'eio.md'));
    const r = cli(['eio.md', 'good-with-error.md', '--format', 'compact'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('eio.md:1:1: cannot read file (EIO)\n');
    expect(r.stdout).toContain('good-with-error.md:5:11');
  });

  it('lints a directory of 2,000 files the same with and without worker threads', () => {
    const many = join(dir, 'many');
    for (let i = 0; i < 2000; i++) {
      const sub = join(many, `d${i % 20}`);
      if (i < 20) mkdirSync(sub, { recursive: true });
      const bad = i % 7 === 0 ? ' %% note' : '';
      writeFileSync(
        join(sub, `doc${i}.md`),
        `# Doc ${i}\n\nSee [next](./doc${i + 20}.md) and [top](#doc-${i}).\n\n| Service | Owner |\n|---|---|\n| Api${i % 5} | team |\n\n\`\`\`mermaid\nflowchart TD\n  Api${i % 5} --> Db${bad}\n  Db --> Db\n\`\`\`\n`,
      );
    }
    const one = cli(['many', '--concurrency', '1', '--format', 'compact'], dir);
    expect(one.code).toBe(1);
    expect(one.stderr).toBe('');
    expect(one.stdout.split('\n').filter((l) => l.includes('diagram-syntax'))).toHaveLength(286);
    const auto = cli(['many', '--format', 'compact'], dir);
    expect(auto).toEqual(one);
    const two = cli(['many', '--concurrency', '2', '--format', 'compact'], dir);
    expect(two).toEqual(one);
  }, 600_000);

  it('never prints a stack trace', () => {
    for (const args of [['huge.md'], ['image.md'], ['loops/a.md'], ['--concurrency', 'x'], ['nope.md'], ['--config', 'nope.json']]) {
      const r = cli(args, dir);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    }
  });

  it('ends quietly when its reader goes away (`mermaid-lint … | head -1`)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    // Enough output that the pipe is still being written when the reader leaves.
    const piped = join(dir, 'piped');
    mkdirSync(piped, { recursive: true });
    for (let i = 0; i < 300; i++) writeFileSync(join(piped, `doc-${i}.md`), BAD.repeat(20));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', 'piped'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (c, s) => done([c, s])));
    expect(signal).toBeNull();
    expect(stderr).not.toMatch(STACK);
    expect(stderr).not.toMatch(/EPIPE/);
    expect(code).toBe(1);
  }, 240_000);
});
