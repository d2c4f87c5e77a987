import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { markdownFiles } from '../helpers/corpus.js';
import { HAS_SHARED, SHARED_SKIP_REASON } from '../helpers/paths.js';

// Count the Markdown parses parseDocument asks for, by either reader (the fast one, or micromark where it declines).
const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/markdown/parse.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/markdown/parse.js')>();
  return {
    ...real,
    parseMarkdown: (source: string) => {
      parses.count++;
      return real.parseMarkdown(source);
    },
  };
});
vi.mock('../../src/markdown/fast/block.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/markdown/fast/block.js')>();
  return {
    ...real,
    parseMarkdownFast: (...args: Parameters<typeof real.parseMarkdownFast>) => {
      const tree = real.parseMarkdownFast(...args);
      // A declined text goes on to micromark, counted there.
      if (tree) parses.count++;
      return tree;
    },
  };
});

const { needsSyntaxTree, parseDocument } = await import('../../src/model/document.js');
const { lint, runRules } = await import('../../src/lint/engine.js');
const { resolveRules } = await import('../../src/lint/config.js');
const { RULES } = await import('../../src/rules/index.js');

/** Every default rule's findings on the fully parsed model. */
const eagerFindings = (text: string) => runRules(parseDocument(text, { tree: 'eager' }), text, resolveRules(undefined, RULES), undefined);

/** The model as JSON, headings included (reading them parses a lazy model). */
const json = (text: string, tree: 'lazy' | 'eager'): string => JSON.stringify(parseDocument(text, { tree }));

const PROSE = [
  '# Deployment',
  '',
  'The service runs on Kubernetes. Cubeflow is not a typo here: nothing checks prose.',
  '',
  'Setext heading',
  '==============',
  '',
  '    indented code # not a heading',
  '',
  '## Notes ##',
  'Text with *emphasis*, `code`, an entity &amp; and a hard break\\',
  'after it.',
  '',
].join('\n');

describe('files without diagrams, tables, lists, links or comments', () => {
  it('are not parsed into a syntax tree when linted', async () => {
    expect(needsSyntaxTree(PROSE)).toBe(false);
    parses.count = 0;
    const result = await lint(PROSE);
    expect(parses.count).toBe(0);
    // The same findings as with the tree (none here: the rules have nothing to read).
    expect(result.diagnostics).toEqual(await eagerFindings(PROSE));
  });

  it('still report damaged text, which needs no tree', async () => {
    const text = '# Guide\n\nThe pipeline â€” from data to model.\n';
    parses.count = 0;
    const result = await lint(text);
    expect(parses.count).toBe(0);
    expect(result.diagnostics.map((d) => [d.ruleId, d.position.start.line, d.position.start.column])).toEqual([['encoding-damage', 3, 14]]);
    expect(result.diagnostics).toEqual(await eagerFindings(text));
  });

  it('give the same model as a full parse, headings parsed when they are read', () => {
    parses.count = 0;
    const model = parseDocument(PROSE);
    expect(parses.count).toBe(0);
    expect(model.sections.map((s) => [s.text, s.depth, s.position.start.line])).toEqual([
      ['Deployment', 1, 1],
      ['Setext heading', 1, 5],
      ['Notes', 2, 10],
    ]);
    expect(parses.count).toBe(1);
    expect(json(PROSE, 'lazy')).toBe(json(PROSE, 'eager'));
  });

  it('are parsed when they hold anything a rule reads', () => {
    const holding = [
      '```mermaid\ngraph TD\nA-->B\n```',
      '~~~\ncode\n~~~',
      '::: mermaid\ngraph TD\n:::',
      '| a |\n| - |\n| b |',
      '- item: members',
      '  2) second',
      '> * quoted item',
      '[link](other.md)',
      '![image](missing.png)',
      '[ref]: other.md',
      '<!-- mermaid-lint-disable -->',
      '<img src="a.png">',
      'see https://example.com',
      'see www.example.com',
      'mail someone@example.com',
      '---\ntitle: x\n---\n',
    ];
    for (const text of holding) expect([text, needsSyntaxTree(text)]).toEqual([text, true]);
  });

  // Random texts over the characters that make Markdown structure: whenever the scan
  // says no tree is needed, the full parse must agree that there is nothing but headings.
  it('give the same model and findings as a full parse on random Markdown-like text', async () => {
    const alphabet = ['#', ' ', '\n', '\n', '\r\n', '-', '*', '+', '=', '1', '.', ')', '>', '`', '~', '|', '[', ']', '(', ')', '<', '>', '!', ':', '@', '/', 'w', 'a', 'B', 'é', '\t', '_', '\\', '&', ';', '^', 'â€”'];
    const texts = fc.array(fc.constantFrom(...alphabet), { maxLength: 120 }).map((parts) => parts.join(''));
    let light = 0;
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        if (needsSyntaxTree(text)) return;
        light++;
        expect(json(text, 'lazy')).toBe(json(text, 'eager'));
        expect((await lint(text)).diagnostics).toEqual(await eagerFindings(text));
        const eager = parseDocument(text, { tree: 'eager' });
        expect([eager.tables, eager.lists, eager.diagrams, eager.links, eager.comments, eager.names, eager.frontMatter]).toEqual([[], [], [], [], [], [], null]);
      }),
      { numRuns: 2000, seed: 7 },
    );
    // The property must have been exercised, not skipped.
    expect(light).toBeGreaterThan(200);
  });
});

describe.skipIf(!HAS_SHARED)(`the real-world corpus (${HAS_SHARED ? 'present' : SHARED_SKIP_REASON})`, () => {
  const files = HAS_SHARED ? markdownFiles().filter((f) => !f.endsWith('SOURCES.md')) : [];

  it('models every file the scan lets through exactly as a full parse does', () => {
    let light = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (needsSyntaxTree(text)) continue;
      light++;
      expect(json(text, 'lazy')).toBe(json(text, 'eager'));
    }
    // Every corpus file has a diagram: the scan must send every one of them to the parser.
    expect(light).toBe(0);
  });

  it('models each prose paragraph of the corpus exactly as a full parse does', () => {
    // Paragraphs of the corpus files, one document each: many of them are plain prose.
    let light = 0;
    for (const file of files.slice(0, 200)) {
      for (const para of readFileSync(file, 'utf8').split(/\n\s*\n/).slice(0, 40)) {
        if (needsSyntaxTree(para)) continue;
        light++;
        expect(json(para, 'lazy')).toBe(json(para, 'eager'));
      }
    }
    expect(light).toBeGreaterThan(100);
  });
});
