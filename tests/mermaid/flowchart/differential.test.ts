/**
 * Property-based differential test: random flowchart texts (and mutations of them) go
 * through our `parseFlowchart` and through the real mermaid 12.3.0. We must accept exactly
 * the texts mermaid accepts and, for those, build the same graph (vertices with labels,
 * shapes and classes in order; edges; subgraphs with members and direction; classDefs;
 * direction; vertex styles and links; edge styles).
 *
 * A fixed seed by default (FC_SEED=<n> to vary it, FC_RUNS=<n> for more runs). Known
 * disagreement classes are listed in KNOWN_DISAGREEMENTS, each with an example; anything
 * else fails the test with fast-check's shrunk counterexample.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFlowchart, printFlowchart } from '../../../src/mermaid/flowchart/index.js';
import { comparableGraph, graphExtras, oracleFlowchart, type ComparableGraph, type GraphExtras } from '../../helpers/mermaid-oracle.js';

const SEED = process.env['FC_SEED'] !== undefined ? Number(process.env['FC_SEED']) : 20260428;
const RUNS = process.env['FC_RUNS'] !== undefined ? Number(process.env['FC_RUNS']) : 300;

// ------------------------------------------------------------------ generators

const plainIds = ['A', 'B', 'C', 'D', 'E', 'n1', 'node_2', 'x1', 'o1', 'Ao', 'Bx', 'A-b', 'c.d', '42', '7', 'endpoint', 'Äpfel', '中文', 'ω'];
const trickyIds = ['end', 'o', 'x', 'v', 'default', 'style', 'class', 'subgraph', 'graph', 'direction', 'click', 'a&b', 'A:b', 'e1'];
const idArb = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...plainIds) }, { weight: 1, arbitrary: fc.constantFrom(...trickyIds) });

/** Label pieces that fit anywhere a label goes. */
const safeFragments = [
  'text', 'two words', 'a.b', 'q?', 'x!', 'a:b', 'a;b', 'a,b', 'a/b', '<br>', '<br/>', '<b>bold</b>', '#quot;', '#9829;',
  '#35;', '&amp;', '&', "'", '@', '**md**', 'é', '中', 'end', 'style', '...', 'o', 'x', ' ',
];
/** Pieces that break some forms (brackets, quotes, pipes, links inside labels). */
const riskyFragments = [' lead', 'trail ', '-', '--', '->', '\\', '"', '(', ')', '[', ']', '{', '}', '|', '`', 'direction LR', '%%', '~~~', '==', 'a\nb'];
const fragmentsArb = (risky: number): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 10 - risky, arbitrary: fc.constantFrom(...safeFragments) }, { weight: risky, arbitrary: fc.constantFrom(...riskyFragments) }), {
      minLength: 1,
      maxLength: 4,
    })
    .map((a) => a.join(''));
const rawLabelArb = fragmentsArb(1);
const labelArb = fc.oneof(
  { weight: 3, arbitrary: rawLabelArb },
  { weight: 2, arbitrary: fragmentsArb(3).map((s) => `"${s}"`) },
  { weight: 1, arbitrary: fragmentsArb(2).map((s) => '"`' + s + '`"') },
);

const bracketShapes: [string, string][] = [
  ['[', ']'], ['(', ')'], ['((', '))'], ['(((', ')))'], ['{', '}'], ['{{', '}}'], ['[(', ')]'], ['([', '])'], ['[[', ']]'],
  ['>', ']'], ['[/', '/]'], ['[\\', '\\]'], ['[/', '\\]'], ['[\\', '/]'], ['(-', '-)'],
];
const dataShapes = ['rect', 'rounded', 'doc', 'cyl', 'hex', 'sm-circ', 'lin-cyl', 'bolt', 'notch-rect', 'docs', 'stadium', 'Doc', 'nosuch'];

const classNames = ['green', 'red', 'c1', 'default'];

const nodeArb = fc
  .record({
    id: idArb,
    shape: fc.oneof(
      { weight: 4, arbitrary: fc.constant('') },
      { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...bracketShapes), labelArb).map(([[o, c], l]) => o + l + c) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...dataShapes), fc.option(fragmentsArb(1), { nil: undefined }))
          .map(([s, l]) => `@{ shape: ${s}${l === undefined ? '' : `, label: "${l}"`} }`),
      },
    ),
    cls: fc.option(fc.constantFrom(...classNames), { nil: undefined, freq: 5 }),
  })
  .map(({ id, shape, cls }) => (shape.startsWith('@') ? id + (cls ? `:::${cls}` : '') + shape : id + shape + (cls ? `:::${cls}` : '')));

const arrowArb = fc.constantFrom(
  '-->', '---', '-.->', '==>', '~~~', '<-->', 'o--o', 'x--x', '--x', '--o', '-.-', '===', '---->', '-..->', '====>', '~~~~',
  '<-.->', '<==>', 'x-.-x', 'o==o', '--->', '------------>',
);
const linkArb = fc
  .record({
    arrow: arrowArb,
    label: fc.option(rawLabelArb, { nil: undefined, freq: 3 }),
    form: fc.constantFrom('pipe', 'inline', 'quoted'),
    id: fc.option(fc.constantFrom('e1', 'e2', 'L_A_B_0'), { nil: undefined, freq: 6 }),
    spaces: fc.boolean(),
  })
  .map(({ arrow, label, form, id, spaces }) => {
    const idPart = id ? ` ${id}@` : '';
    const sp = spaces || id ? ' ' : '';
    if (label === undefined) return `${sp}${idPart.trim()}${arrow}${sp}`;
    if (form === 'inline' && /^(--|==|-\.)/.test(arrow) && !arrow.startsWith('<')) {
      const start = arrow.startsWith('==') ? '==' : arrow.startsWith('-.') ? '-.' : '--';
      return ` ${idPart.trim()}${start} ${label} ${arrow} `;
    }
    const l = form === 'quoted' ? `"${label}"` : label;
    return `${sp}${idPart.trim()}${arrow}|${l}|${sp}`;
  });

const groupArb = fc.array(nodeArb, { minLength: 1, maxLength: 2 }).map((ns) => ns.join(' & '));
const vertexStatementArb = fc
  .tuple(groupArb, fc.array(fc.tuple(linkArb, groupArb), { maxLength: 3 }))
  .map(([first, rest]) => first + rest.map(([l, g]) => l + g).join(''));

/** Marks a line that must stand on its own line (comments, subgraph lines). */
const OWN = '\u0001';

const styleArb = fc.constantFrom('fill:#f9f', 'stroke:#333,stroke-width:4px', 'color:red', 'fill:#bbf,stroke-dasharray: 5 5');
const simpleStatementArb = fc.oneof(
  { weight: 8, arbitrary: vertexStatementArb },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...classNames), styleArb).map(([c, s]) => `classDef ${c} ${s}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(idArb, { minLength: 1, maxLength: 2 }), fc.constantFrom(...classNames))
      .map(([ids, c]) => `class ${ids.join(',')} ${c}`),
  },
  { weight: 1, arbitrary: fc.tuple(idArb, styleArb).map(([id, s]) => `style ${id} ${s}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(fc.nat(1), { minLength: 1, maxLength: 2 }), fc.option(fc.constantFrom('basis', 'linear'), { nil: undefined }), styleArb)
      .map(([ns, interp, s]) => `linkStyle ${ns.join(',')} ${interp ? `interpolate ${interp} ` : ''}${s}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(`${OWN}%% a comment`, `${OWN}%% another: comment`, `${OWN}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(idArb, fc.constantFrom('href "https://example.com"', '"https://example.com" "tip"', 'callback "tip"', 'call fn()'))
      .map(([id, c]) => `click ${id} ${c}`),
  },
);

const subgraphHeaderArb = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('subgraph S1', 'subgraph S2 [Title two]', 'subgraph "Quoted title"', 'subgraph Some title', 'subgraph S3["`md`"]', 'subgraph A') },
  { weight: 1, arbitrary: fc.constantFrom('subgraph end', 'subgraph') },
);

const statementsArb: fc.Arbitrary<string[]> = fc.letrec<{ stmts: string[]; sub: string[] }>((tie) => ({
  stmts: fc
    .array(fc.oneof({ weight: 5, arbitrary: simpleStatementArb.map((s) => [s]) }, { weight: 1, arbitrary: tie('sub') }), { maxLength: 5 })
    .map((xs) => xs.flat()),
  sub: fc
    .tuple(subgraphHeaderArb, fc.option(fc.constantFrom('TB', 'LR', 'RL', 'BT', 'TD'), { nil: undefined, freq: 3 }), tie('stmts'))
    .map(([h, dir, body]) => [OWN + h, ...(dir ? [`${OWN}  direction ${dir}`] : []), ...body.map((l) => (l.startsWith(OWN) ? OWN + '  ' + l.slice(1) : `  ${l}`)), OWN + 'end']),
})).stmts;

const headerArb = fc.constantFrom('flowchart LR', 'flowchart TD', 'graph TD', 'graph LR', 'flowchart', 'graph', 'flowchart BT', 'graph RL');
const sepArb = fc.constantFrom('\n', '\n', '\n', ';\n', '\n\n', '\r\n', ';');

const flowchartArb = fc
  .tuple(headerArb, statementsArb, fc.array(sepArb, { minLength: 40, maxLength: 40 }), fc.boolean())
  .map(([header, stmts, seps, semiHeader]) => {
    let out = header + (semiHeader && header.includes(' ') ? ';' : '\n');
    stmts.forEach((s, i) => {
      const own = s.startsWith(OWN) || stmts[i + 1]?.startsWith(OWN) === true;
      const sep = seps[i] ?? '\n';
      out += (s.startsWith(OWN) ? s.slice(1) : s) + (own && !sep.includes('\n') ? '\n' : sep);
    });
    return out;
  });

const insertions = ['%%', '---', 'end', '[', ']', '(', ')', '{', '}', '"', '|', '-->', ';', '\n', '&', ':::', '@{', ' ', '`', 'o', 'x', '#'];
type Mutation = { kind: 'delete' | 'duplicate' | 'swap'; at: number } | { kind: 'insert'; at: number; token: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...insertions) }),
);
function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    if (t.length === 0) break;
    const i = m.at % t.length;
    switch (m.kind) {
      case 'delete':
        t = t.slice(0, i) + t.slice(i + 1);
        break;
      case 'duplicate':
        t = t.slice(0, i) + t.charAt(i) + t.slice(i);
        break;
      case 'swap':
        t = i + 1 < t.length ? t.slice(0, i) + t.charAt(i + 1) + t.charAt(i) + t.slice(i + 2) : t;
        break;
      case 'insert':
        t = t.slice(0, i) + m.token + t.slice(i);
        break;
    }
  }
  return t;
}

const caseArb = fc.oneof(
  { weight: 1, arbitrary: flowchartArb },
  { weight: 1, arbitrary: fc.tuple(flowchartArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([t, ms]) => mutate(t, ms)) },
);

// ------------------------------------------------------------------ comparison

type Graph = ComparableGraph & Pick<GraphExtras, 'vertexStyles' | 'edgeStyles'>;

interface Outcome {
  text: string;
  ours: { accepted: boolean; graph?: Graph; error?: string };
  mermaid: { accepted: boolean; graph?: Graph; error?: string };
}

async function run(text: string): Promise<Outcome> {
  const r = parseFlowchart(text);
  const o = await oracleFlowchart(text);
  return {
    text,
    ours:
      r.errors.length === 0
        ? { accepted: true, graph: { ...comparableGraph(r.graph), ...pickExtras(graphExtras(r.graph)) } }
        : { accepted: false, error: r.errors[0]?.message ?? '' },
    mermaid: o.accepted ? { accepted: true, graph: { ...o.graph, ...pickExtras(o.extras) } } : { accepted: false, error: o.error.message },
  };
}

function pickExtras(x: GraphExtras): Pick<GraphExtras, 'vertexStyles' | 'edgeStyles'> {
  return { vertexStyles: x.vertexStyles, edgeStyles: x.edgeStyles };
}

function agrees(o: Outcome): boolean {
  if (o.ours.accepted !== o.mermaid.accepted) return false;
  return !o.ours.accepted || JSON.stringify(o.ours.graph) === JSON.stringify(o.mermaid.graph);
}

/**
 * Known disagreement classes (differences of our parser from mermaid 12.3.0, reported, not
 * fixed here), each with an example. Each one rewrites our graph where it differs from
 * mermaid's in that known way; a case is tolerated only when both accept it and, after
 * these rewrites, the graphs are equal. Verdict disagreements are never tolerated.
 */
const KNOWN_DISAGREEMENTS: { name: string; input: string; example: string; rewrite: (ours: Graph, theirs: Graph) => boolean }[] = [
  // none at present (click URL normalisation and HTML named character references in labels
  // were fixed: see the oracle comparisons in parse.test.ts)
];

/** The names of the known classes that explain the disagreement, or null when none do. */
function explain(o: Outcome): string[] | null {
  if (!o.ours.accepted || !o.mermaid.accepted || !o.ours.graph || !o.mermaid.graph) return null;
  const ours = JSON.parse(JSON.stringify(o.ours.graph)) as Graph;
  const names = KNOWN_DISAGREEMENTS.filter((k) => k.rewrite(ours, o.mermaid.graph as Graph)).map((k) => k.name);
  return JSON.stringify(ours) === JSON.stringify(o.mermaid.graph) ? names : null;
}

function describeOutcome(o: Outcome): string {
  return JSON.stringify(o, null, 1).slice(0, 2500);
}

describe('differential: our flowchart parser vs mermaid 12.3.0 on random texts', () => {
  it(`agrees on verdict and graph (seed ${SEED}, ${RUNS} runs)`, async () => {
    const collect = process.env['FC_COLLECT'];
    if (collect) {
      // investigation mode: record every disagreement instead of stopping at the first
      const found: Outcome[] = [];
      let accepted = 0;
      const arb = process.env['FC_UNMUTATED'] ? flowchartArb : caseArb;
      for (const text of fc.sample(arb, { seed: SEED, numRuns: RUNS })) {
        const o = await run(text);
        if (o.mermaid.accepted) accepted++;
        if ((!agrees(o) && (process.env['FC_ALL'] || !explain(o))) || (process.env['FC_REJECTS'] && !o.mermaid.accepted)) found.push(o);
      }
      writeFileSync(collect, JSON.stringify({ runs: RUNS, mermaidAccepted: accepted, disagreements: found }, null, 1));
      return;
    }
    const tolerated = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(caseArb, async (text) => {
        const o = await run(text);
        if (agrees(o)) return true;
        const known = explain(o);
        if (known) {
          for (const name of known) tolerated.set(name, (tolerated.get(name) ?? 0) + 1);
          return true;
        }
        throw new Error(`disagreement with mermaid:\n${describeOutcome(o)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    if (tolerated.size > 0) console.info('tolerated known disagreements:', Object.fromEntries(tolerated));
  }, 120_000);

  it('every known disagreement class still shows on its example (remove the class once the parser is fixed)', async () => {
    for (const k of KNOWN_DISAGREEMENTS) {
      const o = await run(k.input);
      expect(agrees(o), k.name).toBe(false);
      expect(explain(o), k.name).toContain(k.name);
    }
  });

  it('the printer round-trips the random texts that both accept', async () => {
    const texts = fc.sample(flowchartArb, { seed: SEED + 1, numRuns: Math.max(50, Math.floor(RUNS / 3)) });
    let checked = 0;
    for (const text of texts) {
      const r = parseFlowchart(text);
      if (r.errors.length > 0) continue;
      const want = await oracleFlowchart(text);
      if (!want.accepted) continue;
      // a known parser difference (first test) would show up here again: skip those texts
      if (JSON.stringify(want.graph) !== JSON.stringify(comparableGraph(r.graph))) continue;
      const printed = printFlowchart(r.graph);
      if (process.env['FC_DUMP']) writeFileSync(process.env['FC_DUMP'], JSON.stringify({ text, printed }));
      const again = parseFlowchart(printed);
      expect(again.errors, `${text}\n---printed---\n${printed}`).toEqual([]);
      expect(comparableGraph(again.graph), `${text}\n---printed---\n${printed}`).toEqual(comparableGraph(r.graph));
      expect(printFlowchart(again.graph), printed).toBe(printed);
      const got = await oracleFlowchart(printed);
      expect(got.accepted, printed).toBe(true);
      if (got.accepted) expect(got.graph, `${text}\n---printed---\n${printed}`).toEqual(want.graph);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});

