import { DISABLE_DIRECTIVES } from '../lint/directives.js';
import { defineRule } from '../lint/types.js';
import { ruleDocs } from './docs.js';

/**
 * Problems with mermaid-lint's own comments: unknown rule names, a missing
 * reason where one is required. Unused disable directives are reported under
 * this rule id by the engine, which alone knows what they switched off.
 */
export const lintDirective = defineRule<{ requireReason: boolean }>({
  meta: {
    id: 'lint-directive',
    description: 'Reports mermaid-lint directives that name unknown rules, lack a required reason, or disable nothing.',
    defaultSeverity: 'warning',
    fixable: false,
    docs: ruleDocs('lint-directive'),
    defaultOptions: { requireReason: false },
  },
  check(context) {
    const known = context.ruleIds;
    for (const c of context.model.comments) {
      const d = c.directive;
      if (!d || !DISABLE_DIRECTIVES.has(d.name)) continue;
      for (const rule of d.rules) {
        if (!known.has(rule)) {
          const close = [...known].find((k) => k.startsWith(rule.slice(0, 4)));
          context.report({
            message: `Unknown rule \`${rule}\` in \`mermaid-lint-${d.name}\`${close ? `; did you mean \`${close}\`?` : '; see docs/rules for the rule names'}`,
            position: c.position,
          });
        }
      }
      if (context.options.requireReason && d.name !== 'enable' && !d.reason) {
        context.report({
          message: `\`mermaid-lint-${d.name}\` without a reason; add one after \` -- \``,
          position: c.position,
        });
      }
    }
  },
});
