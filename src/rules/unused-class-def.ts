import { defineRule } from '../lint/types.js';
import { editDistance } from '../text/distance.js';
import { ruleDocs } from './docs.js';

/**
 * `classDef name …` that no `class` statement or `:::name` uses. Harmless to
 * the picture, but dead styling, and often the other half of a misspelt class
 * name (see `undefined-class`). `classDef default` styles every node and is
 * never reported.
 */
export const unusedClassDef = defineRule<Record<string, never>>({
  meta: {
    id: 'unused-class-def',
    description: 'Reports flowchart classDef statements whose class no node, edge or subgraph uses.',
    defaultSeverity: 'info',
    fixable: false,
    docs: ruleDocs('unused-class-def'),
    defaultOptions: {},
  },
  check(context) {
    for (const d of context.model.diagrams) {
      const fc = d.flowchart;
      if (!fc || (d.errors?.length ?? 0) > 0) continue;
      const used = new Set(fc.classUses.map((u) => u.name));
      for (const n of fc.nodes) for (const c of n.classes) used.add(c);
      const reported = new Set<string>();
      for (const def of fc.classDefinitions) {
        if (def.name === 'default' || used.has(def.name) || reported.has(def.name)) continue;
        reported.add(def.name);
        // An undefined class name close to this one is probably a misspelt use of it.
        const typo = fc.classUses.find(
          (u) => !Object.hasOwn(fc.classDefs, u.name) && editDistance(u.name.toLowerCase(), def.name.toLowerCase(), 2) <= Math.min(2, Math.max(1, Math.floor(def.name.length / 3))),
        );
        context.report({
          message: typo
            ? `Class \`${def.name}\` is defined but no node uses it; \`${typo.name}\` (line ${typo.position.start.line}) is probably a misspelling of it`
            : `Class \`${def.name}\` is defined but no node uses it; apply it (\`class <ids> ${def.name}\` or \`<id>:::${def.name}\`) or remove the \`classDef\``,
          position: def.position,
          related: typo ? [{ message: `\`${typo.name}\` is used here`, position: typo.position }] : [],
        });
      }
    }
  },
});
