/**
 * Printer round trip on the conformance corpus (`../shared/conformance/flowchart.jsonl`):
 * for every text mermaid accepts, `printFlowchart(parseFlowchart(text).graph)` must
 *   - parse again (our parser) to an equal graph,
 *   - be accepted by the real mermaid 12.3.0, which must build the same graph from it as
 *     from the original text,
 *   - print again to the very same text (idempotence).
 * The cases that do not are listed, with reasons, in tests/conformance/known-differences.md
 * under "Printer round trip"; the test requires that list to be exact.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFlowchart, printFlowchart } from '../../../src/mermaid/flowchart/index.js';
import { comparableGraph, graphExtras, oracleFlowchart } from '../../helpers/mermaid-oracle.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..', '..');
const CORPUS = resolve(ROOT, '..', 'shared', 'conformance', 'flowchart.jsonl');
const KNOWN = join(ROOT, 'tests', 'conformance', 'known-differences.md');
const HEADING = '## Printer round trip';

interface Case {
  id: string;
  text: string;
  valid: boolean;
}

/** Ids listed under the "Printer round trip" heading, as ``* `<id>` — reason``. */
function knownPrinterIds(): Set<string> {
  const ids = new Set<string>();
  if (!existsSync(KNOWN)) return ids;
  let inSection = false;
  for (const line of readFileSync(KNOWN, 'utf8').split('\n')) {
    if (line.startsWith('## ')) inSection = line.trim() === HEADING;
    else if (inSection) {
      const m = /^\* `([^`]+)`/.exec(line);
      if (m?.[1]) ids.add(m[1]);
    }
  }
  return ids;
}

function firstDiff(a: unknown, b: unknown): string {
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  let i = 0;
  while (i < ja.length && ja[i] === jb[i]) i++;
  return `…${ja.slice(Math.max(0, i - 60), i + 80)}… vs …${jb.slice(Math.max(0, i - 60), i + 80)}…`;
}

const present = existsSync(CORPUS);
if (!present) {
  console.warn(`printer round trip skipped: ${CORPUS} not found (expected the corpus in ../shared/conformance next to the repository)`);
}

describe.skipIf(!present)('printer round trip on the conformance corpus (../shared/conformance/flowchart.jsonl)', () => {
  const cases: Case[] = present
    ? readFileSync(CORPUS, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Case)
        .filter((c) => c.valid)
    : [];

  it(
    'prints every accepted text so that our parser and mermaid build the same graph, idempotently',
    async () => {
      const failures = new Map<string, string>();
      let oursOk = 0;
      let mermaidOk = 0;
      let idempotent = 0;
      for (const c of cases) {
        const original = parseFlowchart(c.text);
        expect(original.errors, c.id).toEqual([]);
        const printed = printFlowchart(original.graph);
        const again = parseFlowchart(printed);
        const reasons: string[] = [];
        if (again.errors.length > 0) {
          reasons.push(`ours rejects the printed text: ${again.errors[0]?.message ?? ''}`);
        } else {
          const a = { core: comparableGraph(original.graph), extras: graphExtras(original.graph), title: original.graph.title ?? null };
          const b = { core: comparableGraph(again.graph), extras: graphExtras(again.graph), title: again.graph.title ?? null };
          if (JSON.stringify(a) === JSON.stringify(b)) oursOk++;
          else reasons.push(`ours builds another graph: ${firstDiff(a, b)}`);
          if (printFlowchart(again.graph) === printed) idempotent++;
          else reasons.push('printing twice gives another text');
        }
        const want = await oracleFlowchart(c.text);
        const got = await oracleFlowchart(printed);
        if (!want.accepted) {
          reasons.push(`mermaid rejects the original: ${want.error.message}`);
        } else if (!got.accepted) {
          reasons.push(`mermaid rejects the printed text: ${got.error.message.slice(0, 200)}`);
        } else {
          const a = { core: want.graph, extras: want.extras };
          const b = { core: got.graph, extras: got.extras };
          if (JSON.stringify(a) === JSON.stringify(b)) mermaidOk++;
          else reasons.push(`mermaid builds another graph: ${firstDiff(a, b)}`);
        }
        if (reasons.length > 0) failures.set(c.id, reasons.join('; '));
      }
      const summary = { accepted: cases.length, ours: oursOk, mermaid: mermaidOk, idempotent, failures: Object.fromEntries(failures) };
      if (process.env['PRINTER_ROUNDTRIP_REPORT']) writeFileSync(process.env['PRINTER_ROUNDTRIP_REPORT'], JSON.stringify(summary, null, 2));
      console.info(
        `printer round trip: ${cases.length} accepted texts, ${oursOk} equal through our parser, ${mermaidOk} equal through mermaid, ${idempotent} idempotent`,
      );
      const known = knownPrinterIds();
      const unexpected = [...failures.keys()].filter((id) => !known.has(id)).map((id) => `${id}: ${failures.get(id)}`);
      const fixed = [...known].filter((id) => !failures.has(id));
      expect(cases.length).toBeGreaterThan(700);
      expect(unexpected, `round-trip failures not listed under "${HEADING}" in known-differences.md`).toEqual([]);
      expect(fixed, `listed under "${HEADING}" but now round-tripping (remove them)`).toEqual([]);
    },
    240_000,
  );
});
