import type { Comment, DocumentModel } from '../model/types.js';
import type { Diagnostic } from './types.js';

/** The disable family of directives, as `Comment.directive.name` spells them. */
export const DISABLE_DIRECTIVES = new Set(['disable', 'enable', 'disable-line', 'disable-next-line', 'disable-file']);

/** The rule that reports problems with directives themselves. */
export const DIRECTIVE_RULE_ID = 'lint-directive';

interface Scope {
  comment: Comment;
  /** Rule id, or '*' for every rule. */
  rule: string;
  test: (d: Diagnostic) => boolean;
  used: boolean;
}

/**
 * Drops the diagnostics that disable directives switch off, and reports the
 * directives (or the rules named in them) that switched nothing off.
 */
export function applyDisableDirectives(
  model: DocumentModel,
  diagnostics: Diagnostic[],
  unusedSeverity: Diagnostic['severity'] | 'off',
  activeRules: ReadonlySet<string>,
): Diagnostic[] {
  const scopes: Scope[] = [];
  const open = new Map<string, Scope[]>();
  const directives = model.comments.filter((c) => c.directive && DISABLE_DIRECTIVES.has(c.directive.name));
  if (directives.length === 0) return diagnostics;
  const matches = (rule: string, d: Diagnostic): boolean => (rule === '*' || rule === d.ruleId) && d.ruleId !== DIRECTIVE_RULE_ID;

  for (const c of directives) {
    const dir = c.directive!;
    const rules = dir.rules.length ? dir.rules : ['*'];
    switch (dir.name) {
      case 'disable-file':
        for (const rule of rules) scopes.push({ comment: c, rule, used: false, test: (d) => matches(rule, d) });
        break;
      case 'disable-line': {
        const line = c.position.start.line;
        for (const rule of rules) scopes.push({ comment: c, rule, used: false, test: (d) => matches(rule, d) && d.position.start.line === line });
        break;
      }
      case 'disable-next-line': {
        const line = c.position.end.line + 1;
        for (const rule of rules) scopes.push({ comment: c, rule, used: false, test: (d) => matches(rule, d) && d.position.start.line === line });
        break;
      }
      case 'disable': {
        for (const rule of rules) {
          const scope: Scope & { end: number } = {
            comment: c,
            rule,
            used: false,
            end: Number.POSITIVE_INFINITY,
            test: (d) => matches(rule, d) && d.position.start.offset >= c.position.end.offset && d.position.start.offset < scope.end,
          };
          scopes.push(scope);
          open.set(rule, [...(open.get(rule) ?? []), scope]);
        }
        break;
      }
      case 'enable': {
        const closing = dir.rules.length ? dir.rules : [...open.keys()];
        for (const rule of closing) {
          for (const s of open.get(rule) ?? []) (s as Scope & { end: number }).end = c.position.start.offset;
          open.delete(rule);
        }
        break;
      }
      default:
        break;
    }
  }

  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    let suppressed = false;
    for (const s of scopes) {
      if (s.test(d)) {
        s.used = true;
        suppressed = true;
      }
    }
    if (!suppressed) kept.push(d);
  }
  if (unusedSeverity !== 'off') {
    for (const s of scopes) {
      // An unknown rule is reported as unknown, and a rule switched off in the config reports nothing anyway.
      if (s.used || (s.rule !== '*' && !activeRules.has(s.rule))) continue;
      const what = s.rule === '*' ? 'any problem' : `\`${s.rule}\``;
      kept.push({
        ruleId: DIRECTIVE_RULE_ID,
        severity: unusedSeverity,
        message: `Unused \`mermaid-lint-${s.comment.directive!.name}\` directive: no ${what} was reported here; remove it`,
        position: s.comment.position,
        related: [],
        fix: null,
      });
    }
  }
  return kept;
}
