import { describe, expect, it } from 'vitest';
import { parseFlowchart, printFlowchart } from '../../../src/mermaid/flowchart/index.js';
import type { FlowGraph } from '../../../src/mermaid/flowchart/index.js';
import { edgeOperator } from '../../../src/mermaid/flowchart/printer.js';
import { comparableGraph, graphExtras, oracleFlowchart } from '../../helpers/mermaid-oracle.js';

const graphOf = (text: string): FlowGraph => {
  const r = parseFlowchart(text);
  expect(r.errors, text).toEqual([]);
  return r.graph;
};
const print = (text: string): string => printFlowchart(graphOf(text));
/** The body lines of a printed text (no header), without indentation. */
const body = (text: string): string[] =>
  print(text)
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.trim());

/** Everything the printer must keep, as one comparable value. */
const full = (g: FlowGraph): unknown => ({ core: comparableGraph(g), extras: graphExtras(g), title: g.title ?? null });

/** print → parse gives the same graph, and printing again gives the same text. */
function roundTrips(text: string): string {
  const g = graphOf(text);
  const printed = printFlowchart(g);
  const again = parseFlowchart(printed);
  expect(again.errors, printed).toEqual([]);
  expect(full(again.graph), printed).toEqual(full(g));
  expect(printFlowchart(again.graph), 'idempotent').toBe(printed);
  return printed;
}

/** Texts checked through our parser here and through the real mermaid at the end. */
const CASES: Record<string, string> = {
  classicShapes:
    'flowchart LR\nA[sq] --> B(rd) --> C((ci)) --> D(((dc))) --> E{di} --> F{{hx}} --> G[(cy)] --> H([st]) --> I[[su]] --> J>od] --> K[/lr/] --> L[\\ll\\] --> M[/tr\\] --> N[\\it/] --> O(-el-)',
  rectProps: 'flowchart LR\nA[|borders:lt|Text]',
  newShapes:
    'flowchart LR\nA@{ shape: doc, label: "A **doc**" }\nB@{ shape: cyl }\nC["plain"]@{ shape: hex }\nD@{ shape: sm-circ }\nE@{ shape: rounded, label: "x" } --> F@{ shape: lin-cyl }',
  iconNodes: 'flowchart TB\nA@{ icon: "fa:user", form: "square", label: "User", pos: "t", h: 60 }\nB@{ icon: "fa:bell" }\nC@{ img: "https://example.com/x.png", label: "Img", w: 40, h: 40, constraint: "on" }',
  edgeKinds:
    'flowchart LR\nA --> B\nA --- C\nA -.-> D\nA ==> E\nA ~~~ F\nA <--> G\nA o--o H\nA x--x I\nA --x J\nA --o K\nA -.- L\nA === M\nA <-.-> N\nA <==> O\nA x-.-x P\nA o==o Q',
  edgeLengths: 'flowchart LR\nA ----> B\nA ---- C\nA -...-> D\nA ====> E\nA ~~~~~ F\nA <----> G\nA -------------> H',
  edgeLabels: 'flowchart LR\nA -->|text| B\nA -- two words --> C\nA -. dotted .-> D\nA == thick ==> E\nA -->|"a (b) [c]"| F\nA -->|"`**md**`"| G\nA -- a|b --> H',
  edgeIds: 'flowchart LR\nA e1@--> B\nB e2@-.->|lbl| C\nA --> B\nA --> B\ne1@{ animate: true }',
  chainsAndGroups: 'flowchart TB\nA & B --> C & D --> E\nsubgraph S\n  x --> y & z\nend',
  quoting:
    'flowchart LR\nA["a (b)"]\nB["x [y]"]\nC["{curly}"]\nD["pipe | pipe"]\nE["   "]\nF[slash/]\nG["/lead"]\nH["\\\\back"]\nI("-dash")\nJ>"a@b"]\nK[end]\nL[class]\nM[a ~~~ b]',
  entities: 'flowchart LR\nA["A double quote:#quot;"] --> B["#9829; love"]\nB -->|#lt;tag#gt;| C[#amp; and #35;]',
  markdown: 'flowchart LR\nA["`**bold** and _it_`"]\nB["`multi\n  line`"] -->|"`edge **md**`"| C\nsubgraph S["`**md** title`"]\n  C\nend',
  html: 'flowchart LR\nA[line1<br>line2] --> B["<b>bold</b> & <i>it</i>"]\nC[a < b] --> D["x<br/>y"]',
  unicode: 'flowchart LR\nÄpfel[Äpfel und Birnen] --> 中文[中文标签] --> Ω["ω – ünïcødé"]\nδ --> ε',
  trickyIds: 'flowchart LR\nendpoint --> default\nv --> 1\nAo --> Bx\nA-b --> c.d\nA_1 --> B2\no1 --> x1',
  subgraphs:
    'flowchart TB\nsubgraph one [First one]\n  direction LR\n  a1 --> a2\n  subgraph inner\n    b1\n  end\nend\nsubgraph two\n  c1 --> c2\nend\nsubgraph "Quoted title here"\n  d1\nend\nsubgraph Unquoted title here\n  e1\nend\nsubgraph empty\nend\nsubgraph id2 ["x (y)"]\nend\none --> two',
  subgraphMembership:
    'flowchart TB\nsubgraph A\n  direction RL\n  b-->B\n  a\nend\na-->c\nsubgraph B\n  direction LR\n  c\nend',
  nestedDeep: 'flowchart TB\nsubgraph L1\n subgraph L2\n  subgraph L3\n   x\n  end\n  y\n end\n z\nend\nx --> z',
  classes:
    'flowchart LR\nclassDef green fill:#9f6,stroke:#333,stroke-width:2px\nclassDef orange fill:#f96\nclassDef a,b font-size:12pt\nA:::green --> B:::orange\nC\nclass C,A orange\nclass B a\nsubgraph S\n  C\nend\nclass S green',
  classDefEscapedComma: 'flowchart LR\nclassDef f font-family:Arial\\,sans-serif,color:red\nA:::f',
  styles: 'flowchart LR\nA --> B\nstyle A fill:#f9f,stroke:#333,stroke-width:4px\nstyle B fill:#bbf,stroke-dasharray: 5 5\nstyle A color:#fff',
  linkStyles:
    'flowchart LR\nA --> B --> C --> D\nlinkStyle 0 stroke:#ff3,stroke-width:4px,color:red\nlinkStyle 1,2 stroke:blue\nlinkStyle 2 interpolate basis\nlinkStyle default stroke:gray',
  linkStyleDefaultInterpolate: 'flowchart LR\nlinkStyle default interpolate cardinal\nA --> B\nB --> C',
  clicks:
    'flowchart LR\nA --> B --> C --> D\nclick A href "https://example.com/" "Tooltip A" _blank\nclick B callback "Tooltip B"\nclick C "https://example.org"\nclick D call fn()\nclick Z "https://z.example" "no node"',
  acc: 'flowchart LR\naccTitle: The title\naccDescr: One line description\nA --> B',
  accMultiline: 'flowchart LR\naccDescr {\n  first line\n  second line\n}\nA --> B',
  frontMatter: '---\ntitle: "My chart: yes"\n---\nflowchart LR\nA --> B',
  semicolons: 'graph TD;A-->B;B-->C;\n\n%% comment\nC-->D',
  crlf: 'flowchart LR\r\nA --> B\r\nB --> C\r\n',
  duplicateEdges: 'flowchart LR\nA --> B\nA --> B\nA -- x --> B\nB --> A',
  redeclared: 'flowchart LR\nA[first] --> B\nA(second)\nB --> A{third}',
  directionsBT: 'graph BT\nA --> B',
  repeatedSubgraphId: 'flowchart LR\nsubgraph A\n  subgraph S1\n    subgraph A\n      x\n    end\n  end\n  Bx\nend',
  edgeIdMember: 'flowchart LR\nA e1@--> B\nsubgraph S\n  e1@{ animate: true }\n  C\nend',
  keywordIds: 'flowchart LR\nA --> click:::c & call:::c & href:::c\nsubgraph S\n  click:::c\nend',
  unsanitisedDataLabel: 'flowchart LR\nx1@{ shape: stadium, label: "a<br/>b&" }\nx2@{ shape: doc, label: "  padded  " }',
  directionsRL: 'flowchart RL\nA --> B',
};

describe('printFlowchart', () => {
  it('writes the header, 4-space indentation and one statement per line', () => {
    expect(print('graph TD\nA-->B;B-->C')).toBe('flowchart TB\n    A\n    B\n    C\n    A --> B\n    B --> C\n');
    expect(printFlowchart(graphOf('graph LR\nA'), { keyword: 'graph' })).toBe('graph LR\n    A\n');
    expect(printFlowchart(graphOf('graph LR\nA'), { indent: '  ' })).toBe('flowchart LR\n  A\n');
  });

  it('writes every classic shape with its brackets', () => {
    expect(body(CASES['classicShapes'] ?? '').slice(0, 15)).toEqual([
      'A[sq]', 'B(rd)', 'C((ci))', 'D(((dc)))', 'E{di}', 'F{{hx}}', 'G[(cy)]', 'H([st])', 'I[[su]]', 'J>od]',
      'K[/lr/]', 'L[\\ll\\]', 'M[/tr\\]', 'N[\\it/]', 'O(-el-)',
    ]);
    expect(body(CASES['rectProps'] ?? '')).toEqual(['A[|borders:lt|Text]']);
  });

  it('writes other shapes with @{ shape }, markdown labels in @{ label }', () => {
    expect(body(CASES['newShapes'] ?? '').slice(0, 6)).toEqual([
      'A@{ shape: doc, label: "A **doc**" }',
      'B@{ shape: cyl }',
      'C[plain]@{ shape: hex }',
      'D@{ shape: sm-circ }',
      'E@{ shape: rounded, label: "x" }',
      'F@{ shape: lin-cyl }',
    ]);
    expect(body(CASES['iconNodes'] ?? '')).toEqual([
      'A@{ label: "User", icon: "fa:user", form: "square", pos: "t", h: 60 }',
      'B@{ icon: "fa:bell" }',
      'C@{ label: "Img", img: "https://example.com/x.png", constraint: "on", w: 40, h: 40 }',
    ]);
  });

  it('writes every edge kind with the right operator', () => {
    const ops = body(CASES['edgeKinds'] ?? '')
      .filter((l) => l.startsWith('A '))
      .map((l) => l.split(' ')[1]);
    expect(ops).toEqual(['-->', '---', '-.->', '==>', '~~~', '<-->', 'o--o', 'x--x', '--x', '--o', '-.-', '===', '<-.->', '<==>', 'x-.-x', 'o==o']);
    const lens = body(CASES['edgeLengths'] ?? '')
      .filter((l) => l.startsWith('A '))
      .map((l) => l.split(' ')[1]);
    expect(lens).toEqual(['---->', '----', '-...->', '====>', '~~~~~', '<---->', '----------->']);
    expect(edgeOperator({ type: 'arrow_point', stroke: 'normal', length: 25 })).toBe('----------->');
  });

  it('writes edge labels in pipes, quoted only when needed, and user edge ids', () => {
    expect(body(CASES['edgeLabels'] ?? '').filter((l) => l.startsWith('A '))).toEqual([
      'A -->|text| B',
      'A -->|two words| C',
      'A -.->|dotted| D',
      'A ==>|thick| E',
      'A -->|"a (b) [c]"| F',
      'A -->|"`**md**`"| G',
      'A -->|"a|b"| H',
    ]);
    const lines = body(CASES['edgeIds'] ?? '');
    expect(lines).toContain('A e1@--> B');
    expect(lines).toContain('B e2@-.->|lbl| C');
    expect(lines).toContain('e1@{ animate: true }');
  });

  it('quotes labels only when needed', () => {
    expect(body(CASES['quoting'] ?? '')).toEqual([
      'A["a (b)"]',
      'B["x [y]"]',
      'C["{curly}"]',
      'D["pipe | pipe"]',
      'E[" "]',
      'F[slash/]',
      'G["/lead"]',
      'H["\\\\back"]',
      'I("-dash")',
      'J>"a@b"]',
      'K[end]',
      'L[class]',
      'M["a ~~~ b"]',
    ]);
  });

  it('prints entity placeholders back as entity codes', () => {
    const g = graphOf(CASES['entities'] ?? '');
    expect(g.vertices[0]?.text).toBe('A double quote:\ufb02\u00b0quot\u00b6\u00df');
    expect(body(CASES['entities'] ?? '')).toEqual([
      'A[A double quote:#quot;]',
      'B[#9829; love]',
      'C[#amp; and #35;]',
      'A --> B',
      'B -->|#lt;tag#gt;| C',
    ]);
  });

  it('keeps markdown labels as "`...`"', () => {
    const out = print(CASES['markdown'] ?? '');
    expect(out).toContain('A["`**bold** and _it_`"]');
    expect(out).toContain('B["`multi\n  line`"]');
    expect(out).toContain('B -->|"`edge **md**`"| C');
    expect(out).toContain('subgraph S["`**md** title`"]');
  });

  it('keeps ids as they are, unicode included', () => {
    expect(body(CASES['trickyIds'] ?? '').slice(-6)).toEqual([
      'endpoint --> default', 'v --> 1', 'Ao --> Bx', 'A-b --> c.d', 'A_1 --> B2', 'o1 --> x1',
    ]);
    expect(body(CASES['unicode'] ?? '')[0]).toBe('Äpfel[Äpfel und Birnen]');
  });

  it('nests subgraphs with their direction, titles and members', () => {
    expect(print(CASES['subgraphs'] ?? '')).toBe(
      [
        'flowchart TB',
        '    a1',
        '    a2',
        '    b1',
        '    c1',
        '    c2',
        '    d1',
        '    e1',
        '    one',
        '    two',
        '    subgraph one[First one]',
        '        direction LR',
        '        a2',
        '        a1',
        '        subgraph inner',
        '            b1',
        '        end',
        '    end',
        '    subgraph two',
        '        c2',
        '        c1',
        '    end',
        '    subgraph Quoted title here',
        '        d1',
        '    end',
        '    subgraph Unquoted title here',
        '        e1',
        '    end',
        '    subgraph empty',
        '    end',
        '    subgraph id2["x (y)"]',
        '    end',
        '    a1 --> a2',
        '    c1 --> c2',
        '    one --> two',
        '',
      ].join('\n'),
    );
    const g = graphOf(print(CASES['subgraphs'] ?? ''));
    expect(g.subgraphs.map((s) => [s.id, s.title, s.nodes])).toEqual([
      ['inner', 'inner', ['b1']],
      ['one', 'First one', ['a2', 'a1', 'inner']],
      ['two', 'two', ['c2', 'c1']],
      ['subGraph3', 'Quoted title here', ['d1']],
      ['subGraph4', 'Unquoted title here', ['e1']],
      ['empty', 'empty', []],
      ['id2', 'x (y)', []],
    ]);
  });

  it('writes classDef, class, :::, style, linkStyle and click', () => {
    const cls = body(CASES['classes'] ?? '');
    expect(cls).toContain('A:::green');
    expect(cls).toContain('B:::orange');
    expect(cls).toContain('C:::orange');
    expect(cls).toContain('classDef green fill:#9f6,stroke:#333,stroke-width:2px');
    expect(cls).toContain('classDef a font-size:12pt');
    expect(cls).toContain('class A orange');
    expect(cls).toContain('class B a');
    expect(cls).toContain('class S green');
    expect(body(CASES['classDefEscapedComma'] ?? '')).toContain('classDef f font-family:Arial\\,sans-serif,color:red');
    expect(body(CASES['styles'] ?? '')).toContain('style A fill:#f9f,stroke:#333,stroke-width:4px,color:#fff');
    expect(body(CASES['linkStyles'] ?? '')).toEqual([
      'A', 'B', 'C', 'D', 'A --> B', 'B --> C', 'C --> D',
      'linkStyle 0 stroke:#ff3,stroke-width:4px,color:red,fill:none',
      'linkStyle 1 stroke:blue,fill:none',
      'linkStyle 2 interpolate basis stroke:blue,fill:none',
      'linkStyle default stroke:gray',
    ]);
    const clicks = body(CASES['clicks'] ?? '');
    expect(clicks).toContain('click A href "https://example.com/" "Tooltip A" _blank');
    expect(clicks).toContain('click B callback "Tooltip B"');
    expect(clicks).toContain('click C href "https://example.org/"');
    expect(clicks).toContain('D:::clickable');
    expect(clicks[0]).toBe('click Z callback "no node"');
  });

  it('writes accTitle/accDescr and the title as front matter', () => {
    expect(print(CASES['acc'] ?? '')).toContain('    accTitle: The title\n    accDescr: One line description\n');
    expect(print(CASES['accMultiline'] ?? '')).toContain('    accDescr {\n        first line\n        second line\n    }\n');
    expect(print(CASES['frontMatter'] ?? '')).toMatch(/^---\ntitle: "My chart: yes"\n---\nflowchart LR\n/);
  });

  it('keeps what only a repeated subgraph id, an edge-id member or a keyword id can express', () => {
    expect(print(CASES['repeatedSubgraphId'] ?? '')).toContain(
      '    subgraph A\n        subgraph S1\n            subgraph A\n                x\n            end\n        end\n        Bx\n    end\n',
    );
    const edgeIdMember = print(CASES['edgeIdMember'] ?? '');
    expect(edgeIdMember.indexOf('subgraph S')).toBeGreaterThan(edgeIdMember.indexOf('A e1@--> B'));
    expect(body(CASES['keywordIds'] ?? '')).toContain('A --> click@{ }');
    expect(body(CASES['unsanitisedDataLabel'] ?? '')).toEqual([
      'x1([" "])@{ label: "a<br/>b&" }',
      'x2@{ shape: doc, label: "  padded  " }',
    ]);
  });

  it('renumbers nothing: linkStyle indices are the printed edge order', () => {
    const printed = roundTrips('flowchart LR\nsubgraph S\n A --> B\nend\nC --> D\nA --> D\nlinkStyle 2 stroke:red');
    expect(printed).toContain('linkStyle 2 stroke:red,fill:none');
    expect(printed.split('\n').filter((l) => l.includes('-->'))).toEqual(['    A --> B', '    C --> D', '    A --> D']);
  });

  for (const [name, text] of Object.entries(CASES)) {
    it(`round-trips through our parser and is idempotent: ${name}`, () => {
      roundTrips(text);
    });
  }

  it('mermaid accepts every printed text and builds the same graph as from the input', async () => {
    for (const [name, text] of Object.entries(CASES)) {
      const want = await oracleFlowchart(text);
      expect(want.accepted, `${name}: mermaid rejects the input`).toBe(true);
      const printed = print(text);
      const got = await oracleFlowchart(printed);
      expect(got.accepted, `${name}: mermaid rejects\n${printed}\n${got.accepted ? '' : got.error.message}`).toBe(true);
      if (want.accepted && got.accepted) {
        expect({ core: got.graph, extras: got.extras }, `${name}\n${printed}`).toEqual({ core: want.graph, extras: want.extras });
      }
    }
  });
});
