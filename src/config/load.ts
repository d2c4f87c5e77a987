import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import picomatch from 'picomatch';
import { ConfigError, validateConfig } from '../lint/config.js';
import type { Config, Rule, RuleSetting } from '../lint/types.js';
import { RULES } from '../rules/index.js';

/** Configuration file names, in the order they are looked for in each directory. */
export const CONFIG_FILES = [
  '.mermaid-lint.json',
  '.mermaid-lint.yaml',
  '.mermaid-lint.yml',
  'mermaid-lint.config.js',
  'mermaid-lint.config.mjs',
  'package.json',
] as const;

/** A configuration ready to answer "which settings for this file?". */
export interface LoadedConfig {
  /** The file it came from (null: no file, the defaults). */
  path: string | null;
  /** Where its relative globs start: the configuration file's directory (or the working directory). */
  baseDir: string;
  /** Settings after `extends`, before overrides. */
  base: Config;
  overrides: { match: (relativePath: string) => boolean; rules: Config['rules']; vocabulary: string[] }[];
  /** Ignore globs (relative to `baseDir`). */
  ignores: string[];
  /** Every file read to build it (for cache keys and messages). */
  sources: string[];
}

/**
 * Finds the configuration for a working directory: the first of
 * {@link CONFIG_FILES} in it or the nearest directory above (a `package.json`
 * counts only when it has a `"mermaid-lint"` key).
 */
export function findConfigFile(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const p = resolve(dir, name);
      if (!existsSync(p)) continue;
      if (name === 'package.json') {
        try {
          const pkg = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
          if (!('mermaid-lint' in pkg)) continue;
        } catch {
          continue;
        }
      }
      return p;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Reads one configuration file's raw object (JSON, YAML, JS/ESM, or `package.json`'s `"mermaid-lint"` key). */
async function readRaw(file: string): Promise<unknown> {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new ConfigError('(file)', 'is a directory, expected a configuration file', file);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as { code?: string }).code;
    throw new ConfigError('(file)', code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`, file);
  }
  if (/\.(c|m)?js$/.test(file)) {
    try {
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
      return mod.default ?? mod;
    } catch (err) {
      throw new ConfigError('(file)', `cannot load: ${(err as Error).message.split('\n')[0]}`, file);
    }
  }
  if (/\.ya?ml$/.test(file)) {
    try {
      return yaml.load(text, { schema: yaml.JSON_SCHEMA }) ?? {};
    } catch (err) {
      const e = err as { reason?: string; mark?: { line: number; column: number } };
      const at = e.mark ? ` at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : '';
      throw new ConfigError('(file)', `invalid YAML${at}: ${e.reason ?? (err as Error).message}`, file);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError('(file)', `invalid JSON: ${(err as Error).message}`, file);
  }
  if (file.endsWith('package.json')) return (parsed as Record<string, unknown>)['mermaid-lint'] ?? {};
  return parsed;
}

const mergeRules = (into: Record<string, RuleSetting>, from: Record<string, RuleSetting> | undefined): void => {
  for (const [id, setting] of Object.entries(from ?? {})) {
    const prev = into[id];
    // A bare severity keeps the options an earlier configuration gave, as ESLint does.
    if (typeof setting === 'string' && Array.isArray(prev) && setting !== 'off') into[id] = [setting, prev[1]];
    else into[id] = setting;
  }
};

/**
 * Loads a configuration file with everything it extends. Throws
 * {@link ConfigError} naming the file, the key path and what was expected.
 */
export async function loadConfig(file: string | null, cwd: string, registry: readonly Rule[] = RULES): Promise<LoadedConfig> {
  if (file === null) return { path: null, baseDir: resolve(cwd), base: {}, overrides: [], ignores: [], sources: [] };
  const path = resolve(cwd, file);
  const sources: string[] = [];
  const rules: Record<string, RuleSetting> = {};
  const vocabulary: string[] = [];
  const ignores: string[] = [];
  const overrides: LoadedConfig['overrides'] = [];
  const baseDir = dirname(path);

  const visit = async (p: string, chain: string[]): Promise<void> => {
    if (chain.includes(p)) throw new ConfigError('extends', `cycle: ${[...chain, p].map((x) => relative(baseDir, x) || x).join(' → ')}`, chain[chain.length - 1] ?? p);
    const raw = await readRaw(p);
    const cfg = validateConfig(raw, registry, p);
    const dir = dirname(p);
    const parents = cfg.extends === undefined ? [] : typeof cfg.extends === 'string' ? [cfg.extends] : cfg.extends;
    for (const parent of parents) {
      const target = isAbsolute(parent) ? parent : resolve(dir, parent);
      if (!existsSync(target)) throw new ConfigError('extends', `\`${parent}\` not found (looked for ${target})`, p);
      await visit(target, [...chain, p]);
    }
    sources.push(p);
    mergeRules(rules, cfg.rules);
    vocabulary.push(...(cfg.vocabulary ?? []));
    // Globs are relative to the file that wrote them; keep them relative to the top file's directory.
    const rebase = (g: string) => {
      const neg = g.startsWith('!');
      const body = neg ? g.slice(1) : g;
      const rel = relative(baseDir, resolve(dir, body)).split(sep).join('/');
      return (neg ? '!' : '') + (rel || '.');
    };
    ignores.push(...(cfg.ignores ?? []).map(rebase));
    for (const o of cfg.overrides ?? []) {
      const globs = (typeof o.files === 'string' ? [o.files] : o.files).map(rebase);
      const match = picomatch(globs, { dot: true });
      overrides.push({ match, rules: o.rules, vocabulary: o.vocabulary ?? [] });
    }
  };
  await visit(path, []);
  return { path, baseDir, base: { rules, vocabulary }, overrides, ignores, sources };
}

/** The settings for one file: the base configuration with every matching override applied in order. */
export function configFor(loaded: LoadedConfig, file: string): Config {
  if (loaded.overrides.length === 0) return loaded.base;
  const rel = relative(loaded.baseDir, resolve(file)).split(sep).join('/');
  const rules: Record<string, RuleSetting> = { ...(loaded.base.rules ?? {}) };
  const vocabulary = [...(loaded.base.vocabulary ?? [])];
  for (const o of loaded.overrides) {
    if (!o.match(rel)) continue;
    mergeRules(rules, o.rules);
    vocabulary.push(...o.vocabulary);
  }
  return { rules, vocabulary };
}
