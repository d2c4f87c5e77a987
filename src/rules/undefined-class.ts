import { defineRule } from '../lint/types.js';
import { editDistance } from '../text/distance.js';
import { ruleDocs } from './docs.js';

/**
 * `class A name` or `A:::name` where no `classDef name` exists in the
 * diagram: mermaid gives the node the class silently and styles nothing.
 * Usually a misspelt class name; the fix (unsafe: it changes the styling)
 * renames it to the one close defined class.
 */
export const undefinedClass = defineRule<Record<string, never>>({
  meta: {
    id: 'undefined-class',
    description: 'Reports flowchart class names given to nodes that no classDef in the diagram defines.',
    defaultSeverity: 'warning',
    fixable: 'unsafe',
    docs: ruleDocs('undefined-class'),
    defaultOptions: {},
  },
  check(context) {
    const { text } = context;
    for (const d of context.model.diagrams) {
      const fc = d.flowchart;
      if (!fc || (d.errors?.length ?? 0) > 0 || fc.classUses.length === 0) continue;
      // Classes can also be styled by CSS given to mermaid's configuration.
      if (/themeCSS/i.test(d.source)) continue;
      const defined = Object.keys(fc.classDefs);
      const done = new Set<number>();
      for (const use of fc.classUses) {
        if (Object.hasOwn(fc.classDefs, use.name) || done.has(use.position.start.offset)) continue;
        done.add(use.position.start.offset);
        const near = closest(use.name, defined.filter((n) => n !== 'default'));
        const written = text.slice(use.position.start.offset, use.position.end.offset);
        const known = defined.length === 0 ? 'the diagram has no `classDef`' : `defined: ${defined.map((n) => `\`${n}\``).join(', ')}`;
        const definition = near ? fc.classDefinitions.find((c) => c.name === near) : undefined;
        context.report({
          message: near
            ? `Class \`${use.name}\` is not defined by any \`classDef\`, so it styles nothing; did you mean \`${near}\`?`
            : `Class \`${use.name}\` is not defined by any \`classDef\`, so it styles nothing (${known}); add \`classDef ${use.name} …\` or use a defined class`,
          position: use.position,
          related: definition ? [{ message: `\`${near}\` is defined here`, position: definition.position }] : [],
          fix: near && written === use.name ? [{ start: use.position.start.offset, end: use.position.end.offset, text: near }] : null,
        });
      }
    }
  },
});

/**
 * The one candidate nearest to `word` (a difference in case counts as less
 * than an edit), when it is a likely typo: at most 2 edits and fewer than a
 * third of the longer name, and no other candidate as near.
 */
function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const c of candidates) {
    let dist: number;
    if (c.toLowerCase() === word.toLowerCase()) {
      dist = 0.5;
    } else {
      const limit = Math.min(2, Math.max(1, Math.floor(Math.max(word.length, c.length) / 3)));
      dist = editDistance(word.toLowerCase(), c.toLowerCase(), limit);
      if (dist > limit) continue;
    }
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
      tie = false;
    } else if (dist === bestDistance) {
      tie = true;
    }
  }
  return best !== null && !tie ? best : null;
}
