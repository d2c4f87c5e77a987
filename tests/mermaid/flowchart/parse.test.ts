import { describe, expect, it } from 'vitest';
import { parseFlowchart } from '../../../src/mermaid/flowchart/index.js';
import type { FlowchartParseResult, Span } from '../../../src/mermaid/flowchart/index.js';
import { comparableGraph, graphExtras, oracleFlowchart } from '../../helpers/mermaid-oracle.js';
import { oracleParse } from '../validate/oracle.js';

const at = (text: string, s: Span | undefined): string => (s ? text.slice(s.start, s.end) : '<none>');
const ok = (text: string): FlowchartParseResult => {
  const r = parseFlowchart(text);
  expect(r.errors).toEqual([]);
  return r;
};

describe('graph', () => {
  it('normalises directions', () => {
    expect(ok('graph TD\nA').graph.direction).toBe('TB');
    expect(ok('graph >;A').graph.direction).toBe('LR');
    expect(ok('graph <;A').graph.direction).toBe('RL');
    expect(ok('graph ^;A').graph.direction).toBe('BT');
    expect(ok('graph v;A').graph.direction).toBe('TB');
    expect(ok('flowchart-elk LR\nA').graph.direction).toBe('LR');
    expect(ok('graph\nA').graph.direction).toBe('TB');
  });

  it('reads classic shapes', () => {
    const r = ok(
      'flowchart LR\nA[sq] --> B(rd) --> C((ci)) --> D(((dc))) --> E{di} --> F{{hx}} --> G[(cy)] --> H([st]) --> I[[su]] --> J>od] --> K[/lr/] --> L[\\ll\\] --> M[/tr\\] --> N[\\it/] --> O(-el-)',
    );
    expect(r.graph.vertices.map((v) => [v.id, v.text, v.type])).toEqual([
      ['A', 'sq', 'square'], ['B', 'rd', 'round'], ['C', 'ci', 'circle'], ['D', 'dc', 'doublecircle'],
      ['E', 'di', 'diamond'], ['F', 'hx', 'hexagon'], ['G', 'cy', 'cylinder'], ['H', 'st', 'stadium'],
      ['I', 'su', 'subroutine'], ['J', 'od', 'odd'], ['K', 'lr', 'lean_right'], ['L', 'll', 'lean_left'],
      ['M', 'tr', 'trapezoid'], ['N', 'it', 'inv_trapezoid'], ['O', 'el', 'ellipse'],
    ]);
  });

  it('reads edge kinds, lengths and labels', () => {
    const r = ok('graph LR\nA --> B\nA --- C\nA -.-> D\nA ==> E\nA ~~~ F\nA <--> G\nA o--o H\nA x--x I\nA ----> J\nA -- t1 --> K\nA -->|t2| L\nA -. t3 .-> M');
    expect(r.graph.edges.map((e) => [e.end, e.type, e.stroke, e.length, e.text])).toEqual([
      ['B', 'arrow_point', 'normal', 1, ''],
      ['C', 'arrow_open', 'normal', 1, ''],
      ['D', 'arrow_point', 'dotted', 1, ''],
      ['E', 'arrow_point', 'thick', 1, ''],
      ['F', 'arrow_open', 'invisible', 1, ''],
      ['G', 'double_arrow_point', 'normal', 1, ''],
      ['H', 'double_arrow_circle', 'normal', 1, ''],
      ['I', 'double_arrow_cross', 'normal', 1, ''],
      ['J', 'arrow_point', 'normal', 3, ''],
      ['K', 'arrow_point', 'normal', 1, 't1'],
      ['L', 'arrow_point', 'normal', 1, 't2'],
      ['M', 'arrow_point', 'dotted', 1, 't3'],
    ]);
  });

  it('generates edge ids like mermaid and keeps user ids', () => {
    const r = ok('graph LR\nA-->B\nA-->B\nA-->B\nA e1@--> C\nC & D e2@--> E & F');
    expect(r.graph.edges.map((e) => e.id)).toEqual(['L_A_B_0', 'L_A_B_2', 'L_A_B_3', 'e1', 'L_C_E_0', 'L_C_F_0', 'e2', 'L_D_F_0']);
    expect(r.graph.edges[3]?.isUserDefinedId).toBe(true);
  });

  it('lists subgraph members like mermaid (inner first, chain order reversed)', () => {
    const r = ok('graph TB\nsubgraph outer[Outer]\ndirection LR\na-->b\nsubgraph inner\nc\nend\nend');
    expect(r.graph.subgraphs.map((s) => [s.id, s.title, s.nodes, s.dir])).toEqual([
      ['inner', 'inner', ['c'], null],
      ['outer', 'Outer', ['b', 'a', 'inner'], 'LR'],
    ]);
  });

  it('stores entity codes as mermaid placeholders and applies the style-line `;` quirk', () => {
    const r = ok('graph TD\nA["say #quot;hi#quot; #9829;"]');
    expect(r.graph.vertices[0]?.text).toBe('say ﬂ°quot¶ßhiﬂ°quot¶ß ﬂ°°9829¶ß');
    expect(parseFlowchart('graph TD;style Q background:#fff;').errors).toEqual([]);
    expect(parseFlowchart('graph TD;A;style A background:#fff;style D border:1px solid red;').errors).not.toEqual([]);
  });

  it('reads @{} shape data and rejects unknown shapes', () => {
    const r = ok('flowchart TB\nA@{ shape: lin-cyl, label: "Disk" }\nB@{ shape: rounded }');
    expect(r.graph.vertices.map((v) => [v.id, v.text, v.type, v.labelType])).toEqual([
      ['A', 'Disk', 'lin-cyl', 'markdown'],
      ['B', 'B', 'rounded', 'text'],
    ]);
    const bad = parseFlowchart('flowchart TB\n  A@{ shape: nope }');
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]?.kind).toBe('semantic');
    expect(bad.errors[0]?.message).toContain('No such shape: nope');
  });

  it('handles classDef, class, :::, style, linkStyle, click', () => {
    const r = ok(
      'graph TD\nA:::x --> B\nclassDef x fill:#f9f,stroke:#333\nclass B x\nstyle A color:red\nlinkStyle 0 stroke:blue\nlinkStyle default interpolate basis\nclick A href "https://example.com" "Tip" _blank',
    );
    expect(r.graph.classDefs).toEqual({ x: ['fill:#f9f', 'stroke:#333'] });
    expect(r.graph.vertices[0]?.classes).toEqual(['x', 'clickable']);
    expect(r.graph.vertices[0]?.styles).toEqual(['color:red']);
    expect(r.graph.vertices[0]?.link).toBe('https://example.com/'); // sanitize-url re-serialises it
    expect(r.graph.vertices[0]?.linkTarget).toBe('_blank');
    expect(r.graph.tooltips).toEqual({ A: 'Tip' });
    expect(r.graph.edges[0]?.style).toEqual(['stroke:blue', 'fill:none']);
    expect(r.graph.linkStyleDefault).toEqual({ defaultInterpolate: 'basis' });
  });

  it('reads accessibility statements and front matter title', () => {
    const r = ok('---\ntitle: My chart\n---\nflowchart LR\naccTitle: The title\naccDescr {\n  multi\n  line\n}\nA-->B');
    expect(r.graph.title).toBe('My chart');
    expect(r.graph.accTitle).toBe('The title');
    expect(r.graph.accDescr).toBe('multi\nline');
  });
});

describe('positions', () => {
  it('points at ids, labels and link operators in the original text', () => {
    const text = '---\ntitle: t\n---\n%%{init: {"theme":"dark"}}%%\n%% a comment\r\ngraph TD\r\n  A[Start here] -- go on --> B("quoted")\r\n  B -->|yes| C';
    const r = ok(text);
    const [a, b, c] = r.graph.vertices;
    expect(at(text, a?.idSpan)).toBe('A');
    expect(at(text, a?.labelSpan)).toBe('Start here');
    expect(at(text, b?.idSpan)).toBe('B');
    expect(at(text, b?.labelSpan)).toBe('quoted');
    expect(at(text, c?.idSpan)).toBe('C');
    const [e1, e2] = r.graph.edges;
    expect(at(text, e1?.span)).toBe('-- go on -->');
    expect(at(text, e1?.labelSpan)).toBe('go on');
    expect(at(text, e2?.span)).toBe('-->|yes|');
    expect(at(text, e2?.labelSpan)).toBe('yes');
  });

  it('gives subgraph id and title spans', () => {
    const text = 'graph TD\nsubgraph one [The One]\nx\nend';
    const r = ok(text);
    expect(at(text, r.graph.subgraphs[0]?.idSpan)).toBe('one');
    expect(at(text, r.graph.subgraphs[0]?.titleSpan)).toBe('The One');
  });

  it('keeps offsets right after entity placeholders', () => {
    const text = 'graph TD\nA["#quot;x#quot;"] --> Bee';
    const r = ok(text);
    expect(at(text, r.graph.vertices[1]?.idSpan)).toBe('Bee');
  });
});

describe('errors', () => {
  it('rejects a trailing %% comment with a clear message and span', () => {
    const text = 'graph TD\nA-->B %% note';
    const r = parseFlowchart(text);
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0];
    expect(e?.kind).toBe('syntax');
    expect(e?.message).toMatch(/^Unexpected `%%` after a statement; expected a new line/);
    expect(at(text, e?.span)).toBe('%%');
  });

  it('reports more than one error, resynchronising at the next line', () => {
    const text = 'graph TD\nA --> B %% x\nC --> D\nE ) F\nF --> G';
    const r = parseFlowchart(text);
    expect(r.errors.length).toBeGreaterThanOrEqual(2);
    expect(r.graph.edges.map((e) => [e.start, e.end])).toContainEqual(['C', 'D']);
    expect(r.graph.edges.map((e) => [e.start, e.end])).toContainEqual(['F', 'G']);
  });

  it('rejects a linkStyle index past the last edge', () => {
    const text = 'graph TD\n    A-->B\n    linkStyle 1 stroke-width:1px;';
    const r = parseFlowchart(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.kind).toBe('semantic');
    expect(r.errors[0]?.message).toContain('linkStyle index 1');
  });

  it('rejects lexical garbage and a missing end', () => {
    expect(parseFlowchart('graph TQ;A-->B').errors).toHaveLength(1);
    const r = parseFlowchart('graph TD\nsubgraph X\nA');
    expect(r.errors[0]?.message).toContain('expected `end`');
  });

  it('rejects indented front matter fences like mermaid', () => {
    const r = parseFlowchart('---\n  title: x\n  ---\nflowchart LR\nA');
    expect(r.errors).toHaveLength(1);
  });

  it('reserved words: `end` cannot be a node id, `default` can', () => {
    expect(parseFlowchart('graph TD\nA-->end').errors).not.toEqual([]);
    expect(parseFlowchart('graph TD\nA-->default').errors).toEqual([]);
  });

  it('reports mermaid\'s edge limit once', () => {
    let text = 'graph LR\nN0';
    for (let i = 1; i <= 600; i++) text += '-->N' + i;
    const r = parseFlowchart(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toContain('Edge limit exceeded');
    expect(r.graph.edges).toHaveLength(600);
  });
});

describe('hints', () => {
  it('notes an id that swallowed an edge end', () => {
    const text = 'graph TD\nAo--oB';
    const r = ok(text);
    expect(r.graph.vertices.map((v) => v.id)).toEqual(['Ao', 'B']);
    expect(r.graph.edges[0]?.type).toBe('arrow_circle');
    const h = r.hints.find((x) => x.code === 'id-swallowed-edge-end');
    expect(at(text, h?.span)).toBe('o');
  });

  it('notes an arrow head glued to the next id', () => {
    const text = 'graph TD\nA--xB';
    const r = ok(text);
    expect(r.graph.edges[0]?.type).toBe('arrow_cross');
    expect(r.graph.edges[0]?.end).toBe('B');
    expect(r.hints.map((x) => x.code)).toContain('edge-end-before-id');
  });

  it('notes a label line read as a direction statement', () => {
    const r = ok('graph TD\nA[Set direction TB]');
    expect(r.graph.vertices).toEqual([]);
    expect(r.hints.map((x) => x.code)).toContain('direction-line');
  });
});

describe('robustness', () => {
  it('parses a 1 MB label', () => {
    const r = ok('graph TD\nA["' + 'x'.repeat(1_000_000) + '"] --> B');
    expect(r.graph.vertices[0]?.text.length).toBe(1_000_000);
  });

  it('parses 5,000 nested subgraphs without recursion', () => {
    let text = 'graph TD\n';
    for (let i = 0; i < 5000; i++) text += `subgraph s${i}\n`;
    text += 'x\n';
    for (let i = 0; i < 5000; i++) text += 'end\n';
    const r = ok(text);
    expect(r.graph.subgraphs).toHaveLength(5000);
    expect(r.graph.subgraphs[0]?.nodes).toEqual(['x']);
    expect(r.graph.subgraphs[4999]?.id).toBe('s0');
    expect(r.graph.subgraphs[4999]?.nodes).toEqual(['s1']);
  });

  it('parses a 100,000-node chain (mermaid rejects it for its edge limit)', () => {
    let text = 'graph TD\nN0';
    for (let i = 1; i < 100_000; i++) text += '-->N' + i;
    const r = parseFlowchart(text);
    expect(r.graph.vertices).toHaveLength(100_000);
    expect(r.graph.edges).toHaveLength(99_999);
    expect(r.errors.map((e) => e.kind)).toEqual(['semantic']);
  });
});

describe('error recovery always moves forward', () => {
  it('ends on prose followed by a `---` line (a fence closed with trailing text swallows Markdown into the diagram)', () => {
    const r = parseFlowchart('graph TD\nd z\n---');
    expect(r.errors.map((e) => e.message)).toEqual([
      'Unexpected `z` after a statement; expected a new line, `;`, `&` or a link',
      'Unexpected `---`; expected a node id or a statement',
    ]);
  });

  it('keeps parsing the lines after a recovered error', () => {
    const r = parseFlowchart('graph TD\nA B\n---\nC --> D\nE F\n');
    expect(r.errors).toHaveLength(3);
    expect(r.graph.edges.map((e) => `${e.start}->${e.end}`)).toContain('C->D');
  });
});

describe('YAML like mermaid (js-yaml, JSON schema)', () => {
  // verdicts checked against the real mermaid 12.3.0 (tests/mermaid/validate/oracle.ts)
  const cases: string[] = [
    // front matter
    '---\ntitle: [a\n---\nflowchart LR\nA',
    '---\na: 1\na: 2\n---\nflowchart LR\nA',
    '---\ntitle: x\n  bad: indent\n---\nflowchart LR\nA',
    '---\ntitle: "unterminated\n---\nflowchart LR\nA',
    '---\ntitle: *alias\n---\nflowchart LR\nA',
    '---\ntitle: "a: b"\nconfig:\n  theme: dark\n---\nflowchart LR\nA',
    '---\nconfig: abc\n---\nflowchart LR\nA',
    '---\n- 1\n- 2\n---\nflowchart LR\nA',
    '---\ntitle: [a]\n---\nflowchart LR\nA',
    '---\n# only a comment\n---\nflowchart LR\nA',
    '  ---\n  title: t\n    x: [\n  ---\nflowchart LR\nA',
    '  ---\n  title: t\n  config: {}\n  ---\nflowchart LR\nA',
    '---\r\ntitle: x\r\nx: {\r\n---\r\nflowchart LR\r\nA',
    // shape data
    'flowchart LR\nA@{ }',
    'flowchart LR\nA@{\n}',
    'flowchart LR\nA@{ shape: rect, shape: rect }',
    'flowchart LR\nA@{ shape: 5 }',
    'flowchart LR\nA@{ shape: [rect] }',
    'flowchart LR\nA@{ label: 5 }',
    'flowchart LR\nA@{ icon: "fa:user", label: 5 }',
    'flowchart LR\nA@{ img: "x.png", label: "" }',
    'flowchart LR\nA@{ a: *x }',
    'flowchart LR\nA@{ shape: rect, label: "a, b" }',
    'flowchart LR\nA@{ shape: rect label: x }',
    'flowchart LR\nA@{ label: "multi\n  line" }',
    'flowchart LR\nA@{\n  shape: rect\n  label: x\n}',
    'flowchart LR\nA@{\n  shape: rect\n   label: x\n}',
    'flowchart LR\nA@{\n  shape: rect,\n  label: x,\n}',
    'flowchart LR\nA@{ label: |\n    block }',
    'flowchart LR\nA@{ "shape": "circle", \'label\': \'it\'\'s\' }',
    'flowchart LR\nA@{ shape: circle } --> B@{ shape: Circle }',
    'flowchart LR\nA e1@--> B\ne1@{ animate: true, curve: [x] }',
    'flowchart LR\nsubgraph S\nA\nend\nS@{\n}',
  ];
  it.each(cases)('agrees with mermaid.parse on %j', async (text) => {
    const verdict = await oracleParse(text);
    const ours = parseFlowchart(text);
    expect(ours.errors.length === 0, ours.errors[0]?.message ?? (verdict === true ? '' : verdict.message)).toBe(verdict === true);
  });

  it('points at the YAML problem inside the front matter', () => {
    const text = '---\ntitle: ok\nconfig:\n  a: 1\n  a: 2\n---\nflowchart LR\nA';
    const r = parseFlowchart(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/^Invalid YAML in the front matter: duplicated mapping key/);
    // js-yaml marks the duplicated key's line
    expect(text.slice(0, r.errors[0]?.span.start).split('\n').length).toBe(5);
    expect(r.graph.vertices.map((v) => v.id)).toEqual(['A']);
  });

  it('maps front-matter YAML positions through indentation and CRLF', () => {
    const text = '  ---\r\n  title: t\r\n  x: [1,\r\n  ---\r\nflowchart LR\r\nA';
    const r = parseFlowchart(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.span.start).toBeGreaterThan(text.indexOf('x: ['));
    expect(r.errors[0]?.span.start).toBeLessThanOrEqual(text.indexOf('  ---', 5));
  });

  it('reads the front-matter title with js-yaml', () => {
    expect(ok('---\ntitle: "a: b" # c\n---\nflowchart LR\nA').graph.title).toBe('a: b');
    expect(ok('---\ntitle: 42\n---\nflowchart LR\nA').graph.title).toBe('42');
    expect(ok('---\ntitle: >\n  folded\n  text\n---\nflowchart LR\nA').graph.title).toBe('folded text\n');
  });

  it('points at the YAML problem inside shape data', () => {
    const text = 'flowchart LR\nA@{ shape: rect, shape: circle }';
    const r = parseFlowchart(text);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toBe('Cannot read the shape data of `A` as YAML: duplicated mapping key');
    expect(text.slice(r.errors[0]?.span.start)).toMatch(/^shape: circle/);
    const ml = 'flowchart LR\nA@{\n  shape: rect\n  label: "x\n  y"\n  bad: [\n}';
    const m = parseFlowchart(ml);
    expect(m.errors).toHaveLength(1);
    expect(m.errors[0]?.message).toMatch(/^Cannot read the shape data of `A` as YAML/);
    expect(m.errors[0]?.span.start).toBeGreaterThanOrEqual(ml.indexOf('bad'));
  });

  it('gives js-yaml values to the graph', () => {
    const r = ok('flowchart LR\nA@{ shape: circle, label: "it\'s \\"q\\"", w: 0x10 }\nB@{ label: \'a\'\'b\' }');
    expect(r.graph.vertices.map((v) => [v.id, v.text, v.type])).toEqual([
      ['A', 'it\'s "q"', 'circle'],
      ['B', "a'b", null],
    ]);
  });
});

describe('edge ids (generated ids are indexed lazily)', () => {
  // expected values read from mermaid 12.3.0's FlowDB (getDiagramFromText(...).db.getEdges())
  const edges = (text: string) =>
    ok(text).graph.edges.map((e) => [e.id, e.start, e.end, e.interpolate ?? null, (e.classes ?? []).join()]);

  it('refuses a user id that a generated id already took', () => {
    expect(edges('flowchart LR\nA-->B\nC L_A_B_0@--> D\nA-->B')).toEqual([
      ['L_A_B_0', 'A', 'B', null, ''],
      ['L_C_D_0', 'C', 'D', null, ''],
      ['L_A_B_2', 'A', 'B', null, ''],
    ]);
  });

  it('finds the first edge carrying an id, user or generated', () => {
    expect(edges('flowchart LR\nC L_A_B_0@--> D\nA-->B\nA-->B\nL_A_B_0@{ curve: basis }\nclass L_A_B_2 foo')).toEqual([
      ['L_A_B_0', 'C', 'D', 'basis', ''],
      ['L_A_B_0', 'A', 'B', null, ''],
      ['L_A_B_2', 'A', 'B', null, 'foo'],
    ]);
    const r = ok('flowchart LR\nA-->B\nL_A_B_0[x]');
    expect(r.graph.vertices.map((v) => v.id)).toEqual(['A', 'B']);
  });
});

describe('agrees with mermaid 12.3.0 (oracle): config, click URLs, character references', () => {
  /** Our graph (core and extras) against the graph mermaid's FlowDB builds for the same text. */
  const sameAsMermaid = async (text: string) => {
    const r = ok(text);
    const want = await oracleFlowchart(text);
    expect(want.accepted, text).toBe(true);
    if (!want.accepted) return r;
    expect({ core: comparableGraph(r.graph), extras: graphExtras(r.graph) }, text).toEqual({ core: want.graph, extras: want.extras });
    return r;
  };
  const dirs = (r: FlowchartParseResult) => r.graph.subgraphs.map((s) => [s.id, s.dir]);

  it('applies flowchart.inheritDir from %%{init}%% directives and front matter config', async () => {
    expect(dirs(await sameAsMermaid('%%{init: {"flowchart": {"inheritDir": true}}}%%\nflowchart TB\nsubgraph B\nc\nend'))).toEqual([['B', 'TB']]);
    expect(dirs(await sameAsMermaid('flowchart LR\nsubgraph B\nc\nend'))).toEqual([['B', null]]);
    expect(dirs(await sameAsMermaid('---\nconfig:\n  flowchart:\n    inheritDir: true\n---\ngraph RL\nsubgraph B\nc\nend'))).toEqual([['B', 'RL']]);
    // an explicit direction wins; the graph's direction is that of the header (TD → TB, < → RL)
    expect(
      dirs(await sameAsMermaid('%%{init: {"flowchart": {"inheritDir": true}}}%%\ngraph LR\nsubgraph B\ndirection TB\nc\nend\nsubgraph C\nd\nend')),
    ).toEqual([['B', 'TB'], ['C', 'LR']]);
    for (const text of [
      '%%{init: {"flowchart": {"inheritDir": true}}}%%\ngraph TD;subgraph B\nc\nend',
      '%%{init: {"flowchart": {"inheritDir": true}}}%%\ngraph <\nsubgraph B\nc\nend',
      // single quotes, `initialize`, `config` (moved to the diagram's key), a directive after the header
      "%%{init: {'flowchart': {'inheritDir': true}}}%%\nflowchart BT\nsubgraph B\nc\nend",
      '%%{initialize: {"flowchart": {"inheritDir": true}}}%%\nflowchart BT\nsubgraph B\nc\nend',
      '%%{init: {"config": {"inheritDir": true}}}%%\nflowchart BT\nsubgraph B\nc\nend',
      'flowchart BT\n%%{init: {"flowchart": {"inheritDir": true}}}%%\nsubgraph B\nc\nend',
      // truthiness as mermaid sees it: "false" is a truthy string, 0 is not, an object leaves the default
      '%%{init: {"flowchart": {"inheritDir": "false"}}}%%\nflowchart BT\nsubgraph B\nc\nend',
      '%%{init: {"flowchart": {"inheritDir": 0}}}%%\nflowchart BT\nsubgraph B\nc\nend',
      '%%{init: {"flowchart": {"inheritDir": {}}}}%%\nflowchart BT\nsubgraph B\nc\nend',
      // directives win over front matter, later directives over earlier ones; one bad JSON drops all
      '---\nconfig:\n  flowchart:\n    inheritDir: true\n---\n%%{init: {"flowchart": {"inheritDir": false}}}%%\ngraph RL\nsubgraph B\nc\nend',
      '---\nconfig:\n  flowchart:\n    inheritDir: false\n---\n%%{init: {"flowchart": {"inheritDir": true}}}%%\ngraph RL\nsubgraph B\nc\nend',
      '%%{init: {"flowchart": {"inheritDir": false}}}%%\n%%{init: {"flowchart": {"inheritDir": true}}}%%\ngraph LR\nsubgraph B\nc\nend',
      '%%{init: {"flowchart": {"inheritDir": true}}}%%\n%%{init: {"flowchart": {"inheritDir": tru}}}%%\ngraph LR\nsubgraph B\nc\nend',
      '%%{init: {"flowchart": {"inheritDir": true}, "config": {"curve": "basis"}}}%%\ngraph LR\nsubgraph B\nc\nend',
    ]) {
      await sameAsMermaid(text);
    }
  });

  it('stores click URLs as sanitize-url leaves them', async () => {
    const link = async (url: string) => (await sameAsMermaid(`flowchart LR\nA\nclick A href "${url}"`)).graph.vertices[0]?.link;
    expect(await link('https://example.com')).toBe('https://example.com/');
    expect(await link('a b/c%20d')).toBe('a b/c d');
    expect(await link('h\\nttps://example.com')).toBe('https://example.com/');
    expect(await link('https:/x.com/a%2Fb')).toBe('https://x.com/a/b');
    expect(await link('HTTPS://EXAMPLE.com/A')).toBe('https://example.com/A');
    expect(await link('https://example.com:8080/x')).toBe('https://example.com:8080/x'); // the scheme match runs to the last colon
    expect(await link('javascript:alert(1)')).toBe('about:blank');
    expect(await link('http://[bad')).toBe('about:blank');
    expect(await link(' ')).toBeUndefined();
    for (const url of ['mailto:a@b', '%', '%E0%A4%A', 'foo:bar', './a', '&newline;https://a.b', '%5Cnhttps://a.b', 'https://a.b/%2541', 'java&#115;cript:x']) {
      await sameAsMermaid(`flowchart LR\nA\nclick A "${url}" "tip"`);
    }
    // a later click without a target drops the earlier target
    await sameAsMermaid('flowchart LR\nA\nclick A href "x" _blank\nclick A href "y"');
  });

  it('decodes HTML named character references in labels with tags like the HTML tokenizer', async () => {
    const text = async (label: string) => (await sameAsMermaid(`flowchart LR\nA[${label}]`)).graph.vertices[0]?.text;
    expect(await text('&copy; <br> &notin;')).toBe('© <br> ∉');
    expect(await text('&notit; <b>x</b>')).toBe('¬it; <b>x</b>'); // legacy name without `;`, longest match
    expect(await text('&copyx <br>')).toBe('©x <br>');
    expect(await text('&nosuch; <br>')).toBe('&amp;nosuch; <br>');
    expect(await text('&amp;copy; <br>')).toBe('&amp;copy; <br>');
    expect(await text('&NotNestedGreaterGreater; <br>')).toBe('⪢̸ <br>');
    expect(await text('&copy; no tag')).toBe('&copy; no tag'); // without `<` the label is not sanitised
    for (const label of ['"&lt <br> &LT &quot &micro &frac12 &times3"', "\"<a title='&copyx=1 &copy= &notin; &notx'>t</a>\"", '"<textarea>&copy;</textarea>"', '"&acE; &bne; &Afr; <br>"']) {
      await sameAsMermaid(`flowchart LR\nA[${label}] -->|${label.slice(1, -1)}| B\nsubgraph S[${label}]\nc\nend`);
    }
  });
});
