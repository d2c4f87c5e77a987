import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../src/mermaid');
const SOURCES = [join(ROOT, 'detect.ts'), ...['validate', 'fast'].flatMap((dir) => readdirSync(join(ROOT, dir)).map((f) => join(ROOT, dir, f)))];
const HEAVY = /^\s*import\s+(?!type\b)[^;]*from\s+['"](mermaid|jsdom|@mermaid-js\/parser)['"]/m;

describe('lazy loading', () => {
  it('no module statically imports mermaid, jsdom or @mermaid-js/parser', () => {
    for (const f of SOURCES) expect(readFileSync(f, 'utf8'), f).not.toMatch(HEAVY);
  });

  it('loading validate/index.ts and validating langium types does not load mermaid or a DOM', async () => {
    const { validateDiagram, mermaidRequested } = await import('../../../src/mermaid/validate/index.js');
    const { detectDiagramType } = await import('../../../src/mermaid/detect.js');
    expect(mermaidRequested()).toBe(false);
    expect((globalThis as Record<string, unknown>)['document']).toBeUndefined();
    for (const text of ['pie\n  "A": 1', 'pie\n  "A" 1', 'packet-beta\n  0-15: "A"\n  17-31: "B"', 'info', 'railroad-beta\n  rule = = ;', 'zenuml']) {
      await validateDiagram(text, detectDiagramType(text));
    }
    expect(mermaidRequested()).toBe(false);
    expect((globalThis as Record<string, unknown>)['document']).toBeUndefined();
    // Sequence, class and state diagrams in the fast recognisers' subsets need no mermaid either.
    // So does a gitGraph whose history replays without mermaid's db errors.
    for (const text of ['sequenceDiagram\n  A->>B: hi', 'classDiagram\n  A <|-- B', 'stateDiagram-v2\n  [*] --> A', 'gitGraph\n  commit\n  branch dev\n  checkout dev\n  commit']) {
      expect(await validateDiagram(text, detectDiagramType(text))).toEqual([]);
    }
    expect(mermaidRequested()).toBe(false);
    // The first diagram outside them loads mermaid (with a jsdom shim).
    const text = 'erDiagram\n  A ||--o{ B : has';
    expect(await validateDiagram(text, detectDiagramType(text))).toEqual([]);
    expect(mermaidRequested()).toBe(true);
    expect((globalThis as Record<string, unknown>)['document']).toHaveProperty('createElement');
  });
});
