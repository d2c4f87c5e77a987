import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress, isCI } from '../../src/cli/progress.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

/** A fake terminal and clock. */
function setup(isTTY = true, env: NodeJS.ProcessEnv = {}) {
  const writes: string[] = [];
  let t = 0;
  const stream = { isTTY, columns: 80, write: (s: string) => writes.push(s) };
  const progress = (total: number) => createProgress(total, { stream, env, now: () => t, timer: false });
  return { writes, progress, tick: (ms: number) => (t += ms) };
}

describe('the progress line', () => {
  it('appears after a second on a terminal, is redrawn in place at most every 100 ms, and is erased at the end', () => {
    const { writes, progress, tick } = setup();
    const p = progress(10);
    p.update(1);
    tick(500);
    p.update(2);
    expect(writes).toEqual([]);
    tick(600);
    p.update(3);
    tick(50);
    p.update(4);
    tick(60);
    p.update(5);
    p.finish();
    expect(writes).toEqual(['\r\u001b[Kmermaid-lint: 3 / 10 files', '\r\u001b[Kmermaid-lint: 5 / 10 files', '\r\u001b[K']);
    p.update(6);
    expect(writes).toHaveLength(3);
  });

  it('writes nothing for a run under a second', () => {
    const { writes, progress, tick } = setup();
    const p = progress(3);
    for (let i = 1; i <= 3; i++) {
      tick(100);
      p.update(i);
    }
    p.finish();
    expect(writes).toEqual([]);
  });

  it('writes nothing when stderr is not a terminal or in CI', () => {
    for (const [tty, env] of [
      [false, {}],
      [true, { CI: 'true' }],
      [true, { CI: '1' }],
    ] as const) {
      const { writes, progress, tick } = setup(tty, env);
      const p = progress(5);
      tick(5000);
      p.update(1);
      p.finish();
      expect(writes).toEqual([]);
    }
    expect(isCI({ CI: 'false' })).toBe(false);
    expect(isCI({ CI: '' })).toBe(false);
    expect(isCI({ GITHUB_ACTIONS: 'true', CI: 'true' })).toBe(true);
  });

  it('clears itself before other output and comes back on the next update', () => {
    const { writes, progress, tick } = setup();
    const p = progress(4);
    tick(2000);
    p.update(1);
    p.clear();
    p.update(2);
    expect(writes).toEqual(['\r\u001b[Kmermaid-lint: 1 / 4 files', '\r\u001b[K', '\r\u001b[Kmermaid-lint: 2 / 4 files']);
  });

  it('fits the terminal width', () => {
    const writes: string[] = [];
    const p = createProgress(100_000, { stream: { isTTY: true, columns: 12, write: (s: string) => writes.push(s) }, env: {}, now: () => 5000, delayMs: 0, timer: false });
    p.update(5);
    expect(writes[0]).toBe('\r\u001b[Kmermaid-lin');
  });
});

describe('progress of the CLI', () => {
  const many = mkdtempSync(join(tmpdir(), 'ml-progress-'));
  for (let i = 0; i < 300; i++) {
    const sub = join(many, `d${i % 5}`);
    if (i < 5) mkdirSync(sub);
    writeFileSync(join(sub, `doc${i}.md`), `# Doc ${i}\n\n| Service |\n|---|\n| Api |\n\n\`\`\`mermaid\nflowchart TD\n  Api --> Db\n\`\`\`\n`);
  }

  it('shows nothing when output is piped (as in CI logs)', () => {
    const r = runCli(['--concurrency', '1', '--format', 'compact'], { cwd: many });
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\r');
  });

  // `script` runs the CLI on a pseudo-terminal, as a user's shell does.
  const script = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));
  const onTerminal = (env: Record<string, string | undefined>) => {
    const cmd = `'${process.execPath}' '${join(ROOT, 'dist', 'cli.js')}' --concurrency 1 --format compact`;
    const r = spawnSync(script as string, ['-qec', cmd, '/dev/null'], { cwd: many, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
    return r.stdout;
  };

  it.skipIf(!script || process.platform !== 'linux')('shows files done / total on a terminal, then erases it', () => {
    // No one-second wait: how long 300 files take depends on the machine.
    const env: Record<string, string | undefined> = { CI: '', NO_COLOR: '1', MERMAID_LINT_PROGRESS_DELAY: '0' };
    const out = onTerminal(env);
    expect(out).toMatch(/\r\u001b\[Kmermaid-lint: \d+ \/ 300 files/);
    // Erased before the report is printed.
    expect(out.lastIndexOf('\r\u001b[K')).toBeLessThan(out.indexOf('problem'));
    expect(out).toMatch(/\r\u001b\[K(?!mermaid-lint)/);
  }, 300_000);

  it.skipIf(!script || process.platform !== 'linux')('shows nothing on a terminal in CI', () => {
    const out = onTerminal({ CI: 'true', NO_COLOR: '1', MERMAID_LINT_PROGRESS_DELAY: '0' });
    expect(out).not.toContain('mermaid-lint: ');
    expect(out).toContain('problem');
  }, 300_000);
});
