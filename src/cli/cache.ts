/**
 * `--cache`: each file's lint result, keyed by its absolute path and reused
 * while three things hold:
 *
 * - the file's content hashes the same (SHA-256 of its text);
 * - the settings key is the same: the tool version, the ids of every rule of
 *   the registry, and the file's resolved rules (severity and options after
 *   defaults, extends and overrides) and vocabulary;
 * - what the result read of other files is unchanged. Only
 *   `broken-reference` reads other files; {@link collectDeps} records, per
 *   local link, what the rule looks at (the target's stat, its spelling in its
 *   directory, and for a missing target the directory listing its "did you
 *   mean" comes from). A file with a root-relative link (`/docs/x.md`,
 *   resolved against the repository root) is not cached.
 *
 * The file holds a top-level `version`; a different version discards it all.
 * It is written atomically (temporary file, then rename).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { resolveRules } from '../lint/config.js';
import type { LintResult } from '../lint/engine.js';
import type { Config, Rule } from '../lint/types.js';
import type { DocumentModel } from '../model/types.js';
import { RULES } from '../rules/index.js';
import { VERSION } from '../version.js';
import { writeFileAtomic } from './write.js';

/**
 * A check the result depends on: `s` a path's stat (`f<size>:<mtime>`, `d`,
 * `-` missing), `e` whether a path exists, `n` whether a path's directory
 * lists its name exactly, `l` a directory's listing (a hash of the names).
 */
export type DepKind = 's' | 'e' | 'n' | 'l';
export type Dep = [kind: DepKind, path: string, signature: string];

/** A lint result without its path (the path is the reported one of the current run). */
export type CachedResult = Omit<LintResult, 'path'>;

export interface CacheEntry {
  /** Settings key ({@link settingsKey}). */
  key: string;
  /** SHA-256 of the file's text. */
  hash: string;
  deps: Dep[];
  result: CachedResult;
}

interface CacheFile {
  tool: 'mermaid-lint';
  version: string;
  entries: Record<string, CacheEntry>;
}

const CACHE_DIR = join('node_modules', '.cache', 'mermaid-lint');
const CACHE_NAME = 'cache.json';
const CACHE_FILE_IN_CWD = '.mermaid-lint-cache';
/** Temporary files of atomic writes (see write.ts). */
const OWN_TEMP = /^\..*\.mermaid-lint-\d+-\d+\.tmp$/;

/**
 * Where the cache goes: `--cache-location` (a directory, or a path ending in a
 * separator, gets `.mermaid-lint-cache` inside), else
 * `node_modules/.cache/mermaid-lint/cache.json` when `node_modules` exists,
 * else `.mermaid-lint-cache` in the working directory.
 */
export function cacheLocation(cwd: string, given: string | undefined): string {
  if (given !== undefined && given !== '') {
    const abs = resolve(cwd, given);
    let isDir = /[\\/]$/.test(given);
    try {
      isDir ||= statSync(abs).isDirectory();
    } catch {
      // A new file.
    }
    return isDir ? join(abs, CACHE_FILE_IN_CWD) : abs;
  }
  const nodeModules = join(cwd, 'node_modules');
  try {
    if (statSync(nodeModules).isDirectory()) return join(cwd, CACHE_DIR, CACHE_NAME);
  } catch {
    // No node_modules.
  }
  return join(cwd, CACHE_FILE_IN_CWD);
}

/** JSON with object keys sorted, so equal settings give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The settings key of a file's configuration: version, registry and resolved
 * rules. Throws the engine's `ConfigError` for an invalid configuration.
 */
export function settingsKey(config: Config, configSource: string | null, registry: readonly Rule[] = RULES, version = VERSION): string {
  const active = resolveRules(config, registry, configSource);
  return contentHash(
    stableStringify({
      tool: 'mermaid-lint',
      version,
      registry: registry.map((r) => r.meta.id),
      rules: active.map((a) => [a.rule.meta.id, a.severity, a.options]),
      vocabulary: config.vocabulary ?? [],
    }),
  );
}

// ---------------------------------------------------------------------------
// Dependencies (what broken-reference reads)

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function decode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** How a path stats now: `f<size>:<mtime>` for a file (its headings may be read), `d` for a directory, `-` when missing. */
function statSignature(path: string): string {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'd' : `f${st.size}:${st.mtimeMs}`;
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? '-' : `e${code ?? ''}`;
  }
}

/** Directory listings read during this run (a run does not change them: its own temporary files are left out of `l`). */
const listings = new Map<string, string[] | null>();
const listingHashes = new Map<string, string>();

function listing(dir: string): string[] | null {
  let names = listings.get(dir);
  if (names === undefined) {
    try {
      names = readdirSync(dir);
    } catch {
      names = null;
    }
    if (listings.size > 10_000) listings.clear();
    listings.set(dir, names);
  }
  return names;
}

/** The signature of a dependency as it is now. */
export function signature(kind: DepKind, path: string): string {
  switch (kind) {
    case 's':
      return statSignature(path);
    case 'e':
      return existsSync(path) ? 'y' : 'n';
    case 'n':
      return listing(dirname(path))?.includes(basename(path)) ? 'y' : 'n';
    case 'l': {
      let sig = listingHashes.get(path);
      if (sig === undefined) {
        // Without our own files: the cache (in the working directory) and --fix's temporary files come and go.
        const names = listing(path)?.filter((n) => n !== CACHE_FILE_IN_CWD && !OWN_TEMP.test(n));
        sig = names === undefined ? '-' : contentHash(names.sort().join('\0'));
        if (listingHashes.size > 10_000) listingHashes.clear();
        listingHashes.set(path, sig);
      }
      return sig;
    }
  }
}

/**
 * The checks a file's local links make its result depend on, with their
 * values now, as `broken-reference` makes them: a target's stat (a file's
 * size and mtime, as its headings may be read), whether its directory lists it
 * with that exact spelling (GitHub's paths are case-sensitive), and for a
 * missing target the listing of its directory (for "did you mean"), whether
 * the linking file's directory has that name, and which missing ancestors
 * exist. Null when the result must not be cached (a root-relative link).
 */
export function collectDeps(model: DocumentModel, file: string): Dep[] | null {
  const here = resolve(file);
  const dir = dirname(here);
  const deps = new Map<string, Dep>();
  const add = (kind: DepKind, p: string): string => {
    const id = `${kind}${p}`;
    let d = deps.get(id);
    if (!d) {
      d = [kind, p, signature(kind, p)];
      deps.set(id, d);
    }
    return d[2];
  };
  for (const link of model.links) {
    const url = link.url;
    if (url === '' || SCHEME.test(url) || url.startsWith('//')) continue;
    const hash = url.indexOf('#');
    const beforeHash = hash >= 0 ? url.slice(0, hash) : url;
    const query = beforeHash.indexOf('?');
    const filePart = decode(query >= 0 ? beforeHash.slice(0, query) : beforeHash);
    if (filePart === '') continue;
    if (filePart.startsWith('/')) return null;
    const target = resolve(dir, filePart);
    if (target === here) continue;
    if (add('s', target) !== '-') {
      if (add('n', target) === 'n') add('l', dirname(target));
      continue;
    }
    const parent = dirname(target);
    if (add('e', parent) === 'y') {
      add('l', parent);
      add('n', join(dir, basename(target)));
    } else {
      for (let d = dirname(parent); add('e', d) === 'n' && dirname(d) !== d; d = dirname(d));
    }
  }
  return [...deps.values()];
}

/** Whether every dependency still has its recorded value. */
export function depsUnchanged(deps: readonly Dep[]): boolean {
  return deps.every(([kind, p, sig]) => signature(kind, p) === sig);
}

// ---------------------------------------------------------------------------
// The cache file

export class LintCache {
  readonly location: string;
  private readonly version: string;
  private entries = new Map<string, CacheEntry>();
  private changed = false;

  private constructor(location: string, version: string) {
    this.location = location;
    this.version = version;
  }

  /** Reads the cache; a missing, unreadable, corrupt or other-version file starts an empty one. */
  static load(location: string, version = VERSION): LintCache {
    const cache = new LintCache(location, version);
    let data: Partial<CacheFile> | null = null;
    try {
      data = JSON.parse(readFileSync(location, 'utf8')) as Partial<CacheFile>;
    } catch {
      data = null;
    }
    if (data && data.tool === 'mermaid-lint' && data.version === version && data.entries && typeof data.entries === 'object') {
      for (const [path, entry] of Object.entries(data.entries)) {
        if (isEntry(entry)) cache.entries.set(path, entry);
      }
    } else if (existsSync(location)) {
      cache.changed = true;
    }
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry for a file under the given settings key, if any (content and dependencies are checked by the caller). */
  get(file: string, key: string): CacheEntry | undefined {
    const e = this.entries.get(file);
    return e && e.key === key ? e : undefined;
  }

  set(file: string, entry: CacheEntry): void {
    this.entries.set(file, entry);
    this.changed = true;
  }

  delete(file: string): void {
    if (this.entries.delete(file)) this.changed = true;
  }

  /** Writes the cache if it changed, dropping entries of files that no longer exist. Throws on I/O errors. */
  save(): void {
    for (const file of this.entries.keys()) {
      if (!existsSync(file)) {
        this.entries.delete(file);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    const data: CacheFile = { tool: 'mermaid-lint', version: this.version, entries: Object.fromEntries(this.entries) };
    mkdirSync(dirname(this.location), { recursive: true });
    writeFileAtomic(this.location, `${JSON.stringify(data)}\n`);
    this.changed = false;
  }
}

function isEntry(e: unknown): e is CacheEntry {
  if (!e || typeof e !== 'object') return false;
  const x = e as Partial<CacheEntry>;
  return typeof x.key === 'string' && typeof x.hash === 'string' && Array.isArray(x.deps) && !!x.result && Array.isArray(x.result.diagnostics);
}
