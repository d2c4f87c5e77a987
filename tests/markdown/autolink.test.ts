import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUTOLINK_TRANSFORM_NARROWED, literalFreeTextRuns, parseMarkdown, parseMarkdownReference } from '../../src/markdown/parse.js';
import { markdownFiles } from '../helpers/corpus.js';
import { HAS_SHARED, SHARED_SKIP_REASON } from '../helpers/paths.js';

const same = (text: string): void => {
  expect(JSON.stringify(parseMarkdown(text))).toBe(JSON.stringify(parseMarkdownReference(text)));
};

const links = (text: string): string[] => {
  const out: string[] = [];
  const walk = (n: { type: string; url?: string; children?: unknown[] }): void => {
    if (n.type === 'link') out.push(n.url ?? '');
    for (const c of (n.children ?? []) as (typeof n)[]) walk(c);
  };
  walk(parseMarkdown(text));
  return out;
};

describe('GFM autolink literals', () => {
  it('are found where a reader sees them: text, emphasis, table cells, list items, headings', () => {
    expect(AUTOLINK_TRANSFORM_NARROWED).toBe(true);
    const text = [
      '# Docs at www.example.com',
      '',
      'Mail someone@example.org or see *https://example.com/a?b=c* (and WWW.Example.net).',
      '',
      '| site | contact |',
      '| --- | --- |',
      '| https://x.dev | ops@x.dev |',
      '',
      '- item www.one.io',
      '  - nested mailto:me@two.io',
      '',
      'Not inside a [link to www.three.io](https://three.io) or `code www.four.io`.',
    ].join('\n');
    expect(links(text)).toEqual([
      'http://www.example.com',
      'mailto:someone@example.org',
      'https://example.com/a?b=c',
      'http://WWW.Example.net',
      'https://x.dev',
      'mailto:ops@x.dev',
      'http://www.one.io',
      'mailto:me@two.io',
      'https://three.io',
    ]);
    same(text);
  });

  it('are not looked for in inline text with no `@`, `www.` or `http(s)://` before the next blank line', () => {
    const before = literalFreeTextRuns();
    // Three runs of inline text: the heading, the first paragraph, the table cell; the last paragraph has a trigger.
    const text = '# Title\n\nPlain *prose* with [a link](./x.md).\n\n| a |\n| - |\n\nSee https://example.com now.\n';
    same(text);
    expect(literalFreeTextRuns() - before).toBeGreaterThanOrEqual(3);
    // A trigger later in the same paragraph keeps the literal constructs for the whole run.
    const later = 'words before\nand www.example.com after\n';
    const at = literalFreeTextRuns();
    expect(links(later)).toEqual(['http://www.example.com']);
    expect(literalFreeTextRuns()).toBe(at);
    same(later);
    // CRLF: the line break is not a blank line between the text and its trigger.
    expect(links('/\r\nwww.example.com')).toEqual(['http://www.example.com']);
    same('/\r\nwww.www.');
    same('a\rb\r\rwww.x.y\r');
    // A byte order mark is not counted in micromark's offsets.
    expect(links('\ufeff\n\nwww.example.com')).toEqual(['http://www.example.com']);
    same('\ufeff\n\nwww.www.');
  });

  it('give the same tree as the published transform on random text', () => {
    const pieces = ['www.', 'WwW.', 'http://', 'https://', 'a.b', '@', 'x@y.z', 'mailto:', 'xmpp:', '.', '/', '-', '_', '+', ' ', '\t', '\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\n \t\n', '\n> ', '\n>\n', '\n  ', '*', '_', '`', '[', ']', '(', ')', '<', '>', '|', '| --- |\n', '- ', '1. ', '# ', '\n===\n', '[^1]', '\n[^1]: ', '\n[x]: ', '~', '\\', '&#64;', '&commat;', 'a', 'Z', '9', 'é'];
    // Some start with a byte order mark, which micromark leaves out of its offsets.
    const texts = fc
      .tuple(fc.boolean(), fc.array(fc.constantFrom(...pieces), { maxLength: 60 }))
      .map(([bom, p]) => (bom ? '\ufeff' : '') + p.join(''));
    fc.assert(fc.property(texts, (text) => same(text)), { numRuns: 3000, seed: 11 });
  });
});

describe.skipIf(!HAS_SHARED)(`GFM autolink literals in the real-world corpus (${HAS_SHARED ? 'present' : SHARED_SKIP_REASON})`, () => {
  it('give the same tree as the published transform for every file', () => {
    const files = markdownFiles();
    expect(files.length).toBeGreaterThan(600);
    for (const file of files) same(readFileSync(file, 'utf8'));
  }, 300_000);
});

describe('links made by the autolink-literal transform', () => {
  it('are placed where their text is in the file (the transform gives them no position)', async () => {
    const { parseDocument } = await import('../../src/model/document.js');
    const text = 'Intro.\n\nsee x_www.example.com now, or mail _me@x.io_ ok\n';
    for (const reader of ['fast', 'micromark'] as const) {
      const links = parseDocument(text, { reader }).links.map((l) => [l.url, l.position.start.line, l.position.start.column, l.position.end.column]);
      expect(links, reader).toEqual([
        ['http://www.example.com', 3, 7, 22],
        ['mailto:me@x.io', 3, 37, 44],
      ]);
    }
  });
});
