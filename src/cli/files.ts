import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { SourceError } from '../source/read.js';

/** What `mermaid-lint` lints when given a directory or nothing. */
export const DEFAULT_EXTENSIONS = ['md', 'mdx', 'markdown', 'mmd', 'mermaid'];
const DEFAULT_GLOB = `**/*.{${DEFAULT_EXTENSIONS.join(',')}}`;
/** Never searched: dependencies and version control. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface FileSearch {
  cwd: string;
  /** Files, directories and globs from the command line; empty means the working directory. */
  patterns: string[];
  /** Respect `.gitignore` files (default true). */
  gitignore: boolean;
  /** Globs to skip, relative to `ignoreBase`. */
  ignores: string[];
  /** Directory the `ignores` globs are relative to (the config file's); defaults to `cwd`. */
  ignoreBase?: string;
}

export interface FileList {
  /** Files to lint, as paths relative to `cwd` when inside it, sorted, without duplicates. */
  files: string[];
  /** Patterns that named nothing. */
  problems: SourceError[];
}

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * Expands the command line into files, the way ESLint and markdownlint-cli2
 * do: a file is taken as named; a directory is searched for Markdown and
 * Mermaid files; anything else is a glob. `.gitignore` files (in the searched
 * tree and above it, up to the repository root) and `ignores` apply to what
 * searches find; `node_modules` and `.git` are never searched. Symbolic links
 * to directories are not followed, so link loops cannot trap the search.
 */
export function findFiles(search: FileSearch): FileList {
  const cwd = resolve(search.cwd);
  const ignoreBase = resolve(search.ignoreBase ?? cwd);
  const configIgnored = search.ignores.length ? picomatch(search.ignores, { dot: true }) : null;
  const isConfigIgnored = (abs: string) => configIgnored !== null && configIgnored(toPosix(relative(ignoreBase, abs)));
  const gitignore = search.gitignore ? new GitIgnore() : null;
  const found = new Set<string>();
  const problems: SourceError[] = [];
  const add = (abs: string) => {
    const rel = relative(cwd, abs);
    found.add(rel && !rel.startsWith('..') ? rel : abs);
  };
  const searchUnder = (root: string, pattern: string) => {
    const matches = globSync(pattern, {
      cwd: root,
      absolute: true,
      dot: false,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: ALWAYS_IGNORED,
      expandDirectories: false,
    });
    for (const m of matches) {
      if (isConfigIgnored(m) || gitignore?.ignores(m)) continue;
      add(m);
    }
    return matches.length;
  };

  const patterns = search.patterns.length ? search.patterns : ['.'];
  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern);
    let st;
    try {
      st = existsSync(abs) ? statSync(abs) : null;
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      searchUnder(abs, DEFAULT_GLOB);
    } else if (st || !isDynamicPattern(pattern)) {
      // A file named on the command line is linted as asked; reading it reports what is wrong with it.
      if (!isConfigIgnored(abs)) add(abs);
    } else if (searchUnder(cwd, toPosix(pattern)) === 0) {
      problems.push(new SourceError(pattern, 'no files match this pattern'));
    }
  }
  return { files: [...found].sort((a, b) => a.localeCompare(b)), problems };
}

/** `.gitignore` files from each directory up to the repository root, read once each. */
class GitIgnore {
  private readonly byDir = new Map<string, Ignore | null>();

  /** True when some `.gitignore` between the file and the repository root ignores it. */
  ignores(file: string): boolean {
    let dir = dirname(file);
    for (;;) {
      const ig = this.load(dir);
      if (ig && ig.ignores(toPosix(relative(dir, file)))) return true;
      if (existsSync(join(dir, '.git'))) return false;
      const parent = dirname(dir);
      if (parent === dir) return false;
      dir = parent;
    }
  }

  private load(dir: string): Ignore | null {
    if (this.byDir.has(dir)) return this.byDir.get(dir) ?? null;
    let ig: Ignore | null = null;
    const p = join(dir, '.gitignore');
    try {
      if (existsSync(p)) ig = ignore().add(readFileSync(p, 'utf8'));
    } catch {
      ig = null;
    }
    this.byDir.set(dir, ig);
    return ig;
  }
}
