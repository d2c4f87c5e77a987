import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlowchart } from '../../src/mermaid/flowchart/index.js';
import { parseDocument } from '../../src/model/document.js';
import { toFlowGraph } from '../../src/model/flowchart.js';
import { HAS_SHARED, SHARED, SHARED_SKIP_REASON } from '../helpers/paths.js';

/** Drops spans, which only the parser's graph has. */
const withoutSpans = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'idSpan' || k === 'labelSpan' || k === 'span' || k === 'titleSpan' ? undefined : v)));

describe('the model keeps every field of the flowchart graph', () => {
  it('converts back to the parser graph for a diagram using most features', () => {
    const text = [
      '---',
      'title: Everything',
      '---',
      'flowchart LR',
      '  accTitle: Title',
      '  accDescr: Description',
      '  A[Start]:::hot --> |go| B(Round) & C{Choice}',
      '  e1@B ==> D[(Db)]',
      '  D -.-> E@{ shape: cyl, label: "Store" }',
      '  subgraph S [Group]',
      '    direction TB',
      '    C --> F',
      '  end',
      '  classDef hot fill:#f00',
      '  style B stroke:#333',
      '  linkStyle 0 stroke:blue',
      '  linkStyle default interpolate basis',
      '  click A "https://example.com" "Tooltip" _blank',
    ].join('\n');
    const model = parseDocument(text, { kind: 'mermaid' });
    const fc = model.diagrams[0]!.flowchart!;
    expect(withoutSpans(toFlowGraph(fc))).toEqual(withoutSpans(parseFlowchart(text).graph));
    expect(fc.classUses.map((u) => [u.name, u.node, u.position.start.line, u.position.start.column])).toEqual([['hot', 'A', 7, 14]]);
    expect(fc.classDefinitions.map((d) => [d.name, d.position.start.line, d.position.start.column])).toEqual([['hot', 14, 12]]);
  });
});

describe.skipIf(!HAS_SHARED)(`over the conformance corpus (${HAS_SHARED ? 'found' : SHARED_SKIP_REASON})`, () => {
  it('round-trips every accepted text through the model without loss', () => {
    const lines = readFileSync(join(SHARED, 'conformance', 'flowchart.jsonl'), 'utf8').trim().split('\n');
    let checked = 0;
    for (const line of lines) {
      const c = JSON.parse(line) as { text: string; valid: boolean; id: string };
      if (!c.valid) continue;
      const fc = parseDocument(c.text, { kind: 'mermaid' }).diagrams[0]?.flowchart;
      expect(withoutSpans(toFlowGraph(fc!)), c.id).toEqual(withoutSpans(parseFlowchart(c.text).graph));
      checked++;
    }
    expect(checked).toBe(712);
  });
});
