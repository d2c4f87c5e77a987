import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/model/document.js';
import { DiagramSourceMap } from '../../src/model/source-map.js';
import type { DocumentModel } from '../../src/model/types.js';
import { markdownFiles } from '../helpers/corpus.js';
import { fixture, HAS_SHARED, SHARED_SKIP_REASON } from '../helpers/paths.js';

const load = (name: string): { text: string; model: DocumentModel } => {
  const raw = readFileSync(fixture('edge', name), 'utf8');
  const model = parseDocument(raw, { path: name });
  return { text: model.bom ? raw.slice(1) : raw, model };
};

/**
 * Every non-blank character of every diagram maps to the same character in
 * the file: the property the whole position story rests on.
 */
function expectExactMapping(text: string, model: DocumentModel): number {
  let checked = 0;
  for (const d of model.diagrams) {
    const map = new DiagramSourceMap(d.source, d.lineMap);
    for (let i = 0; i < d.source.length; i++) {
      const ch = d.source[i]!;
      const code = ch.charCodeAt(0);
      if (code === 32 || code === 9 || code === 10 || code === 13) continue;
      const p = map.point(i);
      if (text[p.offset] !== ch) {
        throw new Error(`${model.path}: diagram ${d.index} offset ${i} '${ch}' maps to ${p.line}:${p.column} '${text[p.offset]}'`);
      }
      checked++;
    }
  }
  return checked;
}

describe('diagram extraction', () => {
  it('finds fences in lists, blockquotes and nested lists, ~~~ fences, any-case info strings and Azure blocks', () => {
    const { text, model } = load('containers.md');
    expect(model.diagrams.map((d) => [d.container, d.info, d.type, d.position.start.line, d.position.start.column])).toEqual([
      ['fence', 'mermaid', 'flowchart-v2', 10, 4],
      ['fence', 'Mermaid theme=dark', 'flowchart-v2', 17, 3],
      ['fence', 'mermaid', 'sequence', 24, 7],
      ['azure', '::: mermaid', 'flowchart-v2', 29, 1],
    ]);
    expect(model.diagrams[1]?.source).toBe('flowchart LR\n  Q[In a blockquote] --> R');
    expect(expectExactMapping(text, model)).toBeGreaterThan(50);
  });

  it('maps positions inside a blockquoted fence line by line', () => {
    const { model } = load('containers.md');
    const d = model.diagrams[1]!;
    const map = new DiagramSourceMap(d.source, d.lineMap);
    const at = d.source.indexOf('Q[');
    expect(map.point(at)).toMatchObject({ line: 18, column: 5 });
  });

  it('makes heading anchors as GitHub does, from the visible text only', () => {
    const model = parseDocument('# Foo <sup>1</sup>\n\n## Contributors [![badge](b.svg)](x)\n\n# Foo <sup>1</sup>\n');
    expect(model.sections.map((s) => s.slug)).toEqual(['foo-1', 'contributors-', 'foo-1-1']);
  });

  it('reads front matter as front matter, never as a heading', () => {
    const { model } = load('containers.md');
    expect(model.frontMatter?.value).toContain('title: Containers');
    expect(model.sections.map((s) => s.text)).toEqual(['Diagrams in every container']);
  });

  it('keeps CRLF files exact', () => {
    const { text, model } = load('crlf.md');
    expect(model.lineEnding).toBe('\r\n');
    expect(model.diagrams[0]?.position.start).toMatchObject({ line: 8, column: 1 });
    expect(model.tables[0]?.rows[0]?.[0]?.position.start).toMatchObject({ line: 5, column: 3 });
    expectExactMapping(text, model);
  });

  it('removes a BOM and counts offsets after it', () => {
    const { text, model } = load('bom.md');
    expect(model.bom).toBe(true);
    expect(model.sections[0]).toMatchObject({ text: 'BOM first', position: { start: { line: 1, column: 1, offset: 0 } } });
    expectExactMapping(text, model);
  });

  it('maps text after a tab that the parser expanded', () => {
    const { text, model } = load('tabs.md');
    const d = model.diagrams[0]!;
    const map = new DiagramSourceMap(d.source, d.lineMap);
    expect(map.point(d.source.indexOf('A[')).column).toBe(3);
    expectExactMapping(text, model);
  });

  it('gives empty and diagram-free files an empty model', () => {
    expect(load('empty.md').model).toMatchObject({ lineCount: 0, sections: [], diagrams: [], names: [] });
    expect(load('no-diagrams.md').model.diagrams).toEqual([]);
  });

  it('reads a .mmd file as one diagram', () => {
    const { text, model } = load('diagram.mmd');
    expect(model.kind).toBe('mermaid');
    expect(model.diagrams).toHaveLength(1);
    expect(model.diagrams[0]).toMatchObject({ container: 'file', type: 'flowchart-v2', keyword: 'flowchart' });
    expect(model.diagrams[0]?.keywordPosition?.start).toMatchObject({ line: 2, column: 1 });
    expectExactMapping(text, model);
  });
});

describe.skipIf(!HAS_SHARED)(`real-world corpus (${HAS_SHARED ? 'found' : SHARED_SKIP_REASON})`, () => {
  it('maps every diagram character of every real-world file back to itself', () => {
    const files = markdownFiles();
    let diagrams = 0;
    for (const f of files) {
      const raw = readFileSync(f, 'utf8');
      const model = parseDocument(raw, { path: f });
      expectExactMapping(model.bom ? raw.slice(1) : raw, model);
      diagrams += model.diagrams.length;
    }
    expect(files.length).toBeGreaterThan(500);
    expect(diagrams).toBeGreaterThan(1000);
  }, 600_000);
});
