import { defineRule } from '../lint/types.js';
import { normalizeName } from '../model/names.js';
import type { Position } from '../model/position.js';
import type { DocumentModel, Name } from '../model/types.js';
import { editDistance } from '../text/distance.js';
import { ruleDocs } from './docs.js';

/**
 * True when two names are the same but for a slip (`Cubeflow Pipelines` for
 * `Kubeflow Pipelines`): that is name-typo's finding, so here the name counts
 * as shown.
 */
function nearlySame(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === y) return true;
  const allowed = Math.floor(Math.max(x.length, y.length) / 8);
  return allowed > 0 && editDistance(x, y, allowed + 1) <= allowed;
}

const at = (n: Name, kind: 'table' | 'diagram'): Position | undefined => n.mentions.find((m) => m.kind === kind)?.position;

/**
 * Tables and diagrams that list the same things should list the same things:
 * names a table declares that no diagram shows, and diagram leaves no table names.
 */
export const tableDiagramCoverage = defineRule<{ tableNames: boolean; diagramLeaves: boolean }>({
  meta: {
    id: 'table-diagram-coverage',
    description: 'Reports names a table declares that no diagram shows, and diagram leaves that no table names.',
    defaultSeverity: 'info',
    fixable: false,
    docs: ruleDocs('table-diagram-coverage'),
    defaultOptions: { tableNames: true, diagramLeaves: true },
  },
  check(context) {
    const { model, options } = context;
    const flowcharts = model.diagrams.filter((d) => d.flowchart && (d.errors?.length ?? 0) === 0 && d.flowchart.nodes.length > 0);
    const inTables = model.names.filter((n) => n.mentions.some((m) => m.kind === 'table' && m.role !== 'alternative'));
    if (flowcharts.length === 0 || inTables.length === 0) return;
    const shownLabels = flowcharts.flatMap((d) => d.flowchart!.nodes.map((n) => n.label));
    const shownKeys = shownLabels.map((l) => ` ${normalizeName(l)} `);
    // Shown as a node, by an alias, with a slip, or named inside a label (`Experiment Tracking with MLflow`).
    const isShown = (n: Name): boolean =>
      n.mentions.some((m) => m.kind === 'diagram') ||
      [n.name, ...n.aliases].some((x) => {
        const k = normalizeName(x);
        return shownLabels.some((l) => nearlySame(x, l)) || (k.length >= 3 && shownKeys.some((l) => l.includes(` ${k} `)));
      });

    if (options.tableNames) {
      const partOfShown = new Set<string>();
      for (const n of model.names) if (isShown(n)) for (const p of n.parts) partOfShown.add(normalizeName(p));
      for (const n of inTables) {
        if (n.alternativeTo || partOfShown.has(n.key) || isShown(n)) continue;
        const position = at(n, 'table');
        if (!position) continue;
        context.report({
          message: `\`${n.name}\` is listed in a table but shown in no diagram; add it to a diagram or remove it from the table`,
          position,
        });
      }
    }

    if (options.diagramLeaves) {
      const tableKeys = new Set<string>();
      for (const n of inTables) {
        tableKeys.add(n.key);
        for (const a of n.aliases) tableKeys.add(normalizeName(a));
      }
      const named = (label: string): boolean => {
        const key = normalizeName(label);
        if (tableKeys.has(key)) return true;
        // `Experiment Tracking with MLflow` names MLflow.
        for (const k of tableKeys) if (k.length >= 3 && ` ${key} `.includes(` ${k} `)) return true;
        const parts = label.split(/\s*(?:\/|\s\+\s|,)\s*/).filter(Boolean);
        if (parts.length > 1 && parts.every((p) => tableKeys.has(normalizeName(p)))) return true;
        return inTables.some((n) => nearlySame(n.name, label));
      };
      // A node with children in any diagram is no leaf, even where a view cuts them off.
      const parents = new Set<string>();
      for (const d of flowcharts) {
        const fc = d.flowchart!;
        const from = new Set(fc.edges.map((e) => e.from));
        for (const n of fc.nodes) if (from.has(n.id)) parents.add(normalizeName(n.label));
      }
      const reported = new Set<string>();
      for (const d of flowcharts) {
        const fc = d.flowchart!;
        const hasIn = new Set(fc.edges.map((e) => e.to));
        for (const node of fc.nodes) {
          const key = normalizeName(node.label);
          if (parents.has(key) || !hasIn.has(node.id)) continue;
          if (!key || reported.has(key) || named(node.label)) continue;
          reported.add(key);
          const others = leafMentions(model, key).filter((p) => p.start.offset !== (node.labelPosition ?? node.position).start.offset);
          context.report({
            message: `Diagram leaf \`${node.label}\` is named in no table; add a table row for it`,
            position: node.labelPosition ?? node.position,
            related: others.map((position) => ({ message: 'also shown here', position })),
          });
        }
      }
    }
  },
});

/** Every place a diagram shows a node with this normalised label. */
function leafMentions(model: DocumentModel, key: string): Position[] {
  return model.diagrams.flatMap((d) =>
    (d.flowchart?.nodes ?? []).filter((n) => normalizeName(n.label) === key).map((n) => n.labelPosition ?? n.position),
  );
}
