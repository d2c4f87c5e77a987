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
const TOP_KEYS = new Set(['rules', 'vocabulary', 'ignores', '$schema']);

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
  for (const key of ['vocabulary', 'ignores'] as const) {
    const v = c[key];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) {
      throw new ConfigError(key, 'expected an array of strings', source);
    }
  }
  const rules = c['rules'];
  if (rules !== undefined) {
    if (typeOf(rules) !== 'object') throw new ConfigError('rules', `expected an object of rule settings, got ${typeOf(rules)}`, source);
    const byId = new Map(registry.map((r) => [r.meta.id, r]));
    for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
      const rule = byId.get(id);
      const path = `rules.${id}`;
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
  return c as Config;
}
