import { describe, expect, it } from 'vitest';
import { detectDiagramType, MERMAID_DIAGRAM_IDS, preprocessDiagram } from '../../src/mermaid/detect.js';
import { loadMermaid, oracleDetect } from './validate/oracle.js';

const KEYWORDS = [
  'graph TD', 'graph', 'flowchart LR', 'flowchart-elk TD', 'flowchart-v2', 'graphviz', 'flowchartX',
  'sequenceDiagram', 'sequenceDiagramX', 'classDiagram', 'classDiagram-v2', 'stateDiagram', 'stateDiagram-v2',
  'erDiagram', 'gantt', 'ganttX', 'pie', 'pie title Pets', 'pietro', 'mindmap', 'gitGraph', 'gitGraph:', 'gitGraph LR:',
  'journey', 'timeline', 'quadrantChart', 'sankey', 'sankey-beta', 'xychart', 'xychart-beta', 'block', 'block-beta',
  'blockquote', 'packet', 'packet-beta', 'architecture', 'architecture-beta', 'kanban', 'radar-beta', 'radar',
  'treemap', 'treemap-beta', 'C4Context', 'C4Container', 'C4Component', 'C4Dynamic', 'C4Deployment',
  'requirement', 'requirementDiagram', 'zenuml', 'info', 'infographic', 'agentflow-beta', 'agentflow',
  'swimlane-beta', 'swimlane', 'eventmodeling', 'treeView-beta', 'treeView', 'ishikawa', 'ISHIKAWA-beta', 'ishikawa-betas',
  'railroad-beta', 'Railroad-Beta', 'railroad-ebnf-beta', 'railroad-abnf-beta', 'railroad-peg-beta', 'venn-beta', 'venn',
  'wardley-beta', 'WARDLEY-BETA', 'cynefin-beta', 'cynefin-beta:', 'cynefin-betax', 'usecase-beta', 'usecase-betax',
  'error', ' ERROR ', 'errors', '---', '--- not front matter', 'Graph TD', 'SequenceDiagram', 'hello',
];

const CASES: string[] = [
  '',
  '   ',
  '\n\n',
  ...KEYWORDS,
  ...KEYWORDS.map((k) => `${k}\n  A --> B\n`),
  // leading blank lines, indentation, CRLF
  '\n\n\nsequenceDiagram\nA->>B: hi',
  '   \t  classDiagram\n class A',
  'sequenceDiagram\r\n  A->>B: hi\r\n',
  '\r\n\r\ngantt\r\n',
  // comments
  '%% a comment\nsequenceDiagram\nA->>B: hi',
  '%% a comment\n%% another\n\n  pie\n "a": 1',
  '%%comment without newline',
  'graph TD %% trailing comment\nA-->B',
  '%% comment C4Container\nsequenceDiagram',
  // the c4 regex is only anchored for C4Context
  'sequenceDiagram\nA->>B: C4Container',
  'graph TD\nA[C4Component]',
  'pie\n"C4Dynamic": 1',
  'hello C4Deployment',
  // directives
  '%%{init: {"theme": "dark"}}%%\nsequenceDiagram\nA->>B: hi',
  '%%{init: {"theme": "dark"}}%%\n%%{wrap}%%\nflowchart LR\nA-->B',
  '%%{ init: { "flowchart": { "curve": "linear" } } }%%\ngraph TD\nA-->B',
  '%%{init: {"theme": "dark"}}%% sequenceDiagram\nA->>B: hi',
  '%%{init: {"theme":\n "dark"}}%%\nerDiagram',
  // front matter
  '---\ntitle: Hello\n---\nsequenceDiagram\nA->>B: hi',
  '---\ntitle: Hello\nconfig:\n  theme: dark\n---\n\n\nflowchart LR\nA-->B',
  '---\nconfig:\n  layout: elk\n---\nflowchart LR\nA-->B',
  '---\nconfig:\n  layout: elk\n---\ngraph LR\nA-->B',
  '---\nconfig:\n  class:\n    defaultRenderer: dagre-wrapper\n---\nclassDiagram\nclass A',
  '---\r\ntitle: CRLF\r\n---\r\nstateDiagram-v2\r\n[*] --> A\r\n',
  '  ---\n  title: indented\n  ---\npie\n"a": 1',
  '---\ntitle: unclosed\nsequenceDiagram',
  '---\n---\ngraph TD',
  '---\n\n---\ngraph TD',
  '---\ntitle: x\n---',
  '---\ntitle: x\n---\n',
  '---\ntitle: x\n---\n---\ntitle: y\n---\ngantt',
  '--- \ntitle: trailing space\n---  \ntimeline',
  '---\ntitle: [unclosed\n---\njourney',
  '---\ntitle: a: b\n---\njourney',
  '---\n\n\ntitle: blank lines\n---\nmindmap\n  root',
  '---\ntitle: x\n---\n%%{init: {"theme": "forest"}}%%\n%% comment\n\n  kanban\n  todo',
  '---\ntitle: x\n---graph TD',
  '---\ntitle: x\n---\nerror',
  'sequenceDiagram\n---\ntitle: not front matter\n---',
];

describe('detectDiagramType against mermaid.detectType', () => {
  it('registers the same detectors in the same order as mermaid', async () => {
    const mermaid = await loadMermaid();
    const ids = mermaid.getRegisteredDiagramsMetadata().map((d) => d.id);
    expect([...MERMAID_DIAGRAM_IDS]).toEqual(ids);
  });

  it.each(CASES.map((t) => [JSON.stringify(t), t] as const))('%s', async (_name, text) => {
    const expected = await oracleDetect(text);
    const got = detectDiagramType(text);
    expect(got.type).toBe(expected);
    if (got.type === null) {
      expect(got.keyword).toBeNull();
      expect(got.keywordSpan).toBeNull();
    } else {
      expect(got.keywordSpan).not.toBeNull();
      const span = got.keywordSpan!;
      expect(text.slice(span.start, span.end)).toBe(got.keyword);
    }
  });
});

describe('detectDiagramType details', () => {
  it('reports keyword spans in the original text', () => {
    const t = '---\ntitle: Hi\n---\n%%{init: {"theme": "dark"}}%%\n%% c\n\n  stateDiagram-v2\n  [*] --> A';
    const d = detectDiagramType(t);
    expect(d.type).toBe('stateDiagram');
    expect(d.keyword).toBe('stateDiagram-v2');
    const start = t.indexOf('stateDiagram-v2');
    expect(d.keywordSpan).toEqual({ start, end: start + 'stateDiagram-v2'.length });
    expect(d.bodyOffset).toBe(start);
    expect(d.frontMatter).toEqual({ span: { start: 0, end: 18 }, title: 'Hi' });
    expect(d.directives).toEqual([{ span: { start: 18, end: 47 }, text: '%%{init: {"theme": "dark"}}%%' }]);
  });

  it('keeps CRLF offsets', () => {
    const t = '\r\n\r\n  graph LR\r\nA-->B';
    const d = detectDiagramType(t);
    expect(d).toMatchObject({ type: 'flowchart-v2', keyword: 'graph', keywordSpan: { start: 6, end: 11 }, bodyOffset: 6 });
  });

  it('finds the mid-text C4 keyword where mermaid does', () => {
    const t = 'sequenceDiagram\nA->>B: C4Container';
    const d = detectDiagramType(t);
    expect(d.type).toBe('c4');
    expect(d.keywordSpan).toEqual({ start: t.indexOf('C4Container'), end: t.length });
  });

  it('detects flowchart-elk only from its keyword, not from layout: elk', () => {
    expect(detectDiagramType('flowchart-elk TD\nA-->B')).toMatchObject({ type: 'flowchart-elk', keyword: 'flowchart-elk' });
    expect(detectDiagramType('---\nconfig:\n  layout: elk\n---\nflowchart TD\nA-->B').type).toBe('flowchart-v2');
  });

  it('parses front matter title and config', () => {
    const d = detectDiagramType('---\ntitle: "Quoted: title"\nconfig:\n  theme: dark\n  flowchart:\n    curve: linear\n    padding: 10\n  themeVariables: {primaryColor: "#f00", fontSize: 12}\n---\ngraph TD');
    expect(d.frontMatter?.title).toBe('Quoted: title');
    expect(d.frontMatter?.config).toEqual({
      theme: 'dark',
      flowchart: { curve: 'linear', padding: 10 },
      themeVariables: { primaryColor: '#f00', fontSize: 12 },
    });
    expect(d.frontMatter?.error).toBeUndefined();
  });

  it('reports invalid front matter YAML', () => {
    for (const fm of ['title: a: b', 'title: "unclosed', 'title: x\ntitle: y', 'config:\n  theme: dark\n    bad: indent', 'a: [1, 2']) {
      const d = detectDiagramType(`---\n${fm}\n---\ngraph TD`);
      expect(d.frontMatter?.error, fm).toBeTypeOf('string');
      expect(d.type).toBe('flowchart-v2');
    }
  });

  it('reports the body offset of an empty diagram as the text length', () => {
    expect(detectDiagramType('')).toEqual({ type: null, keyword: null, keywordSpan: null, bodyOffset: 0, directives: [] });
    expect(detectDiagramType('%% only a comment\n').bodyOffset).toBe(18);
  });

  it('maps the preprocessed text back to the original', () => {
    const t = '---\r\ntitle: x\r\n---\r\n%% c\r\n\r\nsequenceDiagram\r\n  A->>B: hi';
    const p = preprocessDiagram(t);
    expect(p.cleaned.text).toBe('sequenceDiagram\n  A->>B: hi');
    const i = p.cleaned.text.indexOf('A->>B');
    expect(p.cleaned.map[i]).toBe(t.indexOf('A->>B'));
  });
});
