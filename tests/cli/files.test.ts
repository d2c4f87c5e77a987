import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFiles } from '../../src/cli/files.js';

const tree = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ml-files-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
};

describe('findFiles', () => {
  const dir = tree({
    '.git/HEAD': '',
    '.gitignore': 'build/\n*.draft.md\n',
    'README.md': '',
    'docs/a.md': '',
    'docs/b.mdx': '',
    'docs/c.markdown': '',
    'docs/d.mmd': '',
    'docs/e.mermaid': '',
    'docs/notes.txt': '',
    'docs/x.draft.md': '',
    'docs/sub/.gitignore': 'secret.md\n',
    'docs/sub/secret.md': '',
    'docs/sub/open.md': '',
    'build/out.md': '',
    'node_modules/pkg/README.md': '',
  });
  symlinkSync(join(dir, 'docs'), join(dir, 'docs', 'loop'));
  const find = (patterns: string[], extra: Partial<Parameters<typeof findFiles>[0]> = {}) =>
    findFiles({ cwd: dir, patterns, gitignore: true, ignores: [], ...extra });

  it('lints every Markdown and Mermaid file under the directory, minus ignored ones', () => {
    expect(find([]).files).toEqual(['docs/a.md', 'docs/b.mdx', 'docs/c.markdown', 'docs/d.mmd', 'docs/e.mermaid', 'docs/sub/open.md', 'README.md']);
  });

  it('can be told to ignore .gitignore, but never searches node_modules', () => {
    const files = find([], { gitignore: false }).files;
    expect(files).toContain('build/out.md');
    expect(files).toContain('docs/sub/secret.md');
    expect(files).not.toContain('node_modules/pkg/README.md');
  });

  it('expands globs and directories, and takes named files as they are', () => {
    expect(find(['docs/*.md']).files).toEqual(['docs/a.md']);
    expect(find(['docs/sub']).files).toEqual(['docs/sub/open.md']);
    expect(find(['build/out.md']).files).toEqual(['build/out.md']);
  });

  it('applies ignore globs', () => {
    expect(find(['docs'], { ignores: ['docs/*.mmd', 'docs/e.*'] }).files).toEqual(['docs/a.md', 'docs/b.mdx', 'docs/c.markdown', 'docs/sub/open.md']);
  });

  it('reports a glob that matches nothing, and passes a missing file on to be reported when read', () => {
    const r = find(['nothing/**/*.md', 'missing.md']);
    expect(r.problems.map((p) => p.format())).toEqual(['nothing/**/*.md:1:1: no files match this pattern']);
    expect(r.files).toEqual(['missing.md']);
  });
});
