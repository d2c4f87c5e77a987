import { describe, expect, it } from 'vitest';
import { fix, lint } from '../../src/lint/engine.js';
import type { Config, Diagnostic, Rule, RuleOptionValue, RuleSetting } from '../../src/lint/types.js';
import { RULES } from '../../src/rules/index.js';

export interface ValidCase {
  code: string;
  name?: string;
  options?: Record<string, RuleOptionValue>;
  path?: string;
  config?: Omit<Config, 'rules'>;
}

export interface ExpectedError {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Exact text, or a pattern the message must match. */
  message?: string | RegExp;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after `--fix-unsafe` (all fixes); null when nothing may be fixed; omit to skip. */
  output?: string | null;
}

/**
 * Table-driven rule tests in the manner of ESLint's RuleTester: each case is
 * linted with only the rule under test switched on. Invalid cases list every
 * finding expected, in order; a fixed output must lint clean for the rule.
 */
export function ruleTester(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  // Every other rule is off, but known: directives may name them.
  const registry = RULES.some((r) => r.meta.id === rule.meta.id) ? RULES : [...RULES, rule];
  const configFor = (c: ValidCase): Config => {
    const rules: Record<string, RuleSetting> = Object.fromEntries(registry.map((r) => [r.meta.id, 'off' as const]));
    rules[rule.meta.id] = c.options ? [rule.meta.defaultSeverity, c.options] : rule.meta.defaultSeverity;
    return { ...(c.config ?? {}), rules };
  };
  const run = (c: ValidCase) => lint(c.code, { rules: registry, config: configFor(c), ...(c.path ? { path: c.path } : {}) });
  const own = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === rule.meta.id);

  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const v of cases.valid) {
        const c = typeof v === 'string' ? { code: v } : v;
        it(c.name ?? c.code.slice(0, 60), async () => {
          const result = await run(c);
          expect(own(result.diagnostics).map((d) => `${d.position.start.line}:${d.position.start.column} ${d.message}`)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name ?? c.code.slice(0, 60), async () => {
          const found = own((await run(c)).diagnostics);
          expect(found.map((d) => ({ line: d.position.start.line, column: d.position.start.column }))).toEqual(
            c.errors.map((e) => ({ line: e.line, column: e.column })),
          );
          c.errors.forEach((e, i) => {
            const d = found[i]!;
            if (e.endLine !== undefined) expect(d.position.end.line).toBe(e.endLine);
            if (e.endColumn !== undefined) expect(d.position.end.column).toBe(e.endColumn);
            if (typeof e.message === 'string') expect(d.message).toBe(e.message);
            else if (e.message) expect(d.message).toMatch(e.message);
            expect(d.severity).toBe(rule.meta.defaultSeverity);
          });
          if (c.output !== undefined) {
            const fixed = await fix(c.code, { rules: registry, config: configFor(c), level: 'unsafe', ...(c.path ? { path: c.path } : {}) });
            if (c.output === null) {
              expect(fixed.output).toBe(c.code);
            } else {
              expect(fixed.output).toBe(c.output);
              expect(own(fixed.diagnostics).filter((d) => d.fix)).toEqual([]);
            }
          }
        });
      }
    });
  });
}
