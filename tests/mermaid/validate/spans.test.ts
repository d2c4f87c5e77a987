import { describe, expect, it } from 'vitest';
import { detectDiagramType } from '../../../src/mermaid/detect.js';
import { validateDiagram } from '../../../src/mermaid/validate/index.js';
import { oracleParse } from './oracle.js';

async function problemsOf(text: string) {
  const problems = await validateDiagram(text, detectDiagramType(text));
  // every text here is rejected by mermaid
  expect(await oracleParse(text)).not.toBe(true);
  expect(problems.length).toBeGreaterThan(0);
  return problems;
}

/** [text, expected text under the first problem's span, expected start offset (optional), kind] */
const SPAN_CASES: [string, string, number | undefined, string][] = [
  // jison error after front matter: line numbers count from after the front matter
  ['---\ntitle: Hello\n---\nsequenceDiagram\n  A->>: hi', ': hi', 43, 'syntax'],
  // CRLF, front matter, comment and blank lines before the header; error at end of input
  ['---\r\ntitle: CRLF\r\n---\r\n%% comment\r\n\r\nclassDiagram\r\n  class A {\r\n', '{', 61, 'syntax'],
  // directive and comment before a langium diagram
  ['%%{init: {"theme": "dark"}}%%\n%% comment\ngitGraph\n  commit\n  comit', 'comit', 61, 'syntax'],
  ['sequenceDiagram\n  box Aqua\n  participant A\n  A->>B: hi', 'A', 45, 'syntax'],
  ['requirementDiagram\n  requirement test_req {\n    id: 1\n    risk: extreme\n  }', 'extreme', undefined, 'syntax'],
  ['erDiagram\n  CUSTOMER }|..|{ : places', ':', 28, 'syntax'],
  // jison lexical error
  ['quadrantChart\n  Campaign A: [0.3, ]', ']', 34, 'syntax'],
  // langium parser and lexer errors
  ['---\ntitle: Hello\n---\npie\n  "A" 1', '1', 31, 'syntax'],
  ['pie\n  "A": 1\n  @', '@', 15, 'syntax'],
  ['treemap-beta\n  Root: 1', 'Root', 15, 'syntax'],
  // checks mermaid's dbs make after parsing
  ['packet-beta\n  0-15: "A"\n  17-31: "B"', '17-31: "B"', 26, 'semantic'],
  ['pie\n  "Dogs": -5', '"Dogs": -5', 6, 'semantic'],
  ['architecture-beta\n  service db(database)[DB]\n  db:L -- R:nothere', 'nothere', undefined, 'semantic'],
  ['gitGraph\n  commit\n  checkout nope', 'nope', undefined, 'semantic'],
  // chevrotain-based diagram (usecase) reporting offsets
  ['usecase-beta\n  actor User\n  usecase Login\n  User --> Login', 'Login', 36, 'syntax'],
  // invalid front matter YAML
  ['---\ntitle: a: b\n---\nsequenceDiagram\n  A->>B: hi', ': b', 12, 'syntax'],
  ['---\nconfig:\n  theme: dark\n    bad: indent\n---\npie\n  "A": 1', ': indent', undefined, 'syntax'],
  // unknown types
  ['zenuml\n  A.method()', 'zenuml', 0, 'unknown-diagram'],
  ['%% c\n\n  hello world', 'hello', 8, 'unknown-diagram'],
];

describe('problem spans point at the offending token in the original text', () => {
  it.each(SPAN_CASES)('%j', async (text, under, start, kind) => {
    const [p] = await problemsOf(text);
    expect(text.slice(p!.span.start, p!.span.end)).toBe(under);
    if (start !== undefined) expect(p!.span.start).toBe(start);
    expect(p!.kind).toBe(kind);
    expect(p!.message).not.toMatch(/\n|\^|-{5}/);
  });

  it('says what was found and what was expected', async () => {
    const [p] = await problemsOf('sequenceDiagram\n  A->>: hi');
    expect(p!.message).toBe("Unexpected ': hi' (TXT); expected one of 'link', '+', '-', '()', 'ACTOR'");
    const [q] = await problemsOf('pie\n  "Dogs" 386');
    expect(q!.message).toBe("Unexpected '386'; expected :");
  });

  it('reports every langium error', async () => {
    const problems = await problemsOf('pie\n  Dogs: 5');
    expect(problems.map((p) => p.message)).toEqual(["Unexpected character 'D' (skipped 4 characters)", "Unexpected ':'; expected EOF"]);
  });

  it('handles unclosed front matter like mermaid (type ---)', async () => {
    const text = '---\ntitle: x\nsequenceDiagram';
    const [p] = await problemsOf(text);
    expect(p!.span).toEqual({ start: 0, end: 3 });
  });
});
