import type { Config, Rule, RuleOptionValue, RuleSetting, Severity } from './types.js';

/** An invalid configuration: names the key path and what was expected. */
export class ConfigError extends Error {
  readonly keyPath: string;
  readonly source: string | null;

  constructor(keyPath: string, message: string, source: string | null = null) {
    super(message);
    this.name = 'ConfigError';
    this.keyPath = keyPath;
    this.source = source;
  }

  format(): string {
    return `${this.source ?? 'config'}: ${this.keyPath}: ${this.message}`;
  }
}

/** A rule as a run uses it: its severity and its options merged over the defaults. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, RuleOptionValue>;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);
const TOP_KEYS = new Set(['rules', 'vocabulary', 'ignores', 'extends', 'overrides', '$schema']);
const OVERRIDE_KEYS = new Set(['files', 'rules', 'vocabulary']);

const typeOf = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/**
 * Validates a configuration object and resolves the rules it turns on.
 * Throws {@link ConfigError} naming the first bad key.
 */
export function resolveRules(config: unknown, registry: readonly Rule[], source: string | null = null): ActiveRule[] {
  const cfg = validateConfig(config, registry, source);
  const active: ActiveRule[] = [];
  for (const rule of registry) {
    const setting: RuleSetting | undefined = cfg.rules?.[rule.meta.id];
    let severity: Severity | 'off' = rule.meta.defaultSeverity;
    let options: Record<string, RuleOptionValue> = { ...rule.meta.defaultOptions };
    if (typeof setting === 'string') severity = setting;
    else if (Array.isArray(setting)) {
      severity = setting[0];
      options = { ...options, ...(setting[1] ?? {}) };
    }
    if (severity !== 'off') active.push({ rule, severity, options });
  }
  return active;
}

/** Checks the shape of a configuration; returns it typed. */
export function validateConfig(config: unknown, registry: readonly Rule[], source: string | null = null): Config {
  if (config === undefined || config === null) return {};
  if (typeOf(config) !== 'object') throw new ConfigError('(root)', `expected an object, got ${typeOf(config)}`, source);
  const c = config as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!TOP_KEYS.has(key)) throw new ConfigError(key, `unknown key; expected one of ${[...TOP_KEYS].filter((k) => k !== '$schema').join(', ')}`, source);
  }
  for (const key of ['vocabulary', 'ignores'] as const) checkStrings(c[key], key, source);
  const ext = c['extends'];
  if (ext !== undefined && typeof ext !== 'string') checkStrings(ext, 'extends', source, 'a path or an array of paths');
  if ('$schema' in c && typeof c['$schema'] !== 'string') throw new ConfigError('$schema', `expected a string, got ${typeOf(c['$schema'])}`, source);
  validateRules(c['rules'], 'rules', registry, source);
  const overrides = c['overrides'];
  if (overrides !== undefined) {
    if (!Array.isArray(overrides)) throw new ConfigError('overrides', `expected an array of { files, rules, vocabulary }, got ${typeOf(overrides)}`, source);
    overrides.forEach((o: unknown, i) => {
      const at = `overrides[${i}]`;
      if (typeOf(o) !== 'object') throw new ConfigError(at, `expected an object with \`files\`, got ${typeOf(o)}`, source);
      const ov = o as Record<string, unknown>;
      for (const key of Object.keys(ov)) {
        if (!OVERRIDE_KEYS.has(key)) throw new ConfigError(`${at}.${key}`, `unknown key; expected one of ${[...OVERRIDE_KEYS].join(', ')}`, source);
      }
      if (ov['files'] === undefined) throw new ConfigError(`${at}.files`, 'missing; expected a glob or an array of globs', source);
      if (typeof ov['files'] !== 'string') checkStrings(ov['files'], `${at}.files`, source, 'a glob or an array of globs');
      checkStrings(ov['vocabulary'], `${at}.vocabulary`, source);
      validateRules(ov['rules'], `${at}.rules`, registry, source);
    });
  }
  return c as Config;
}

function checkStrings(v: unknown, path: string, source: string | null, what = 'an array of strings'): void {
  if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) {
    throw new ConfigError(path, `expected ${what}, got ${typeOf(v)}`, source);
  }
}

/** Checks a `rules` object: known ids, severities, and options of the types the rule declares. */
function validateRules(rules: unknown, at: string, registry: readonly Rule[], source: string | null): void {
  if (rules !== undefined) {
    if (typeOf(rules) !== 'object') throw new ConfigError(at, `expected an object of rule settings, got ${typeOf(rules)}`, source);
    const byId = new Map(registry.map((r) => [r.meta.id, r]));
    for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
      const rule = byId.get(id);
      const path = `${at}.${id}`;
      if (!rule) throw new ConfigError(path, `unknown rule; expected one of ${[...byId.keys()].join(', ')}`, source);
      if (typeof setting === 'string') {
        if (!SEVERITIES.has(setting)) throw new ConfigError(path, `expected "off", "error", "warning" or "info", got "${setting}"`, source);
        continue;
      }
      if (!Array.isArray(setting) || setting.length < 1 || setting.length > 2 || !SEVERITIES.has(String(setting[0]))) {
        throw new ConfigError(path, 'expected a severity or [severity, options]', source);
      }
      const options = setting[1];
      if (options === undefined) continue;
      if (typeOf(options) !== 'object') throw new ConfigError(`${path}[1]`, `expected an options object, got ${typeOf(options)}`, source);
      for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
        const def = rule.meta.defaultOptions[key];
        if (def === undefined) {
          const known = Object.keys(rule.meta.defaultOptions);
          throw new ConfigError(`${path}[1].${key}`, known.length ? `unknown option; expected one of ${known.join(', ')}` : 'unknown option; this rule has no options', source);
        }
        if (typeOf(value) !== typeOf(def) || (Array.isArray(value) && value.some((x) => typeof x !== 'string'))) {
          throw new ConfigError(`${path}[1].${key}`, `expected ${Array.isArray(def) ? 'an array of strings' : `a ${typeOf(def)}`}, got ${typeOf(value)}`, source);
        }
      }
    }
  }
}
