import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractBlocks } from '../../src/markdown/blocks.js';
import { lastDeclineReason, parseMarkdownFast } from '../../src/markdown/fast/block.js';
import { LineIndex } from '../../src/markdown/lines.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { parseDocument } from '../../src/model/document.js';
import { envNumber, markdownFiles } from '../helpers/corpus.js';
import { HAS_SHARED, SEED, SHARED_SKIP_REASON } from '../helpers/paths.js';

/** The model's view of a text read by the fast reader, or null where it declines. */
function fastBlocks(text: string): ReturnType<typeof extractBlocks> | null {
  const lines = new LineIndex(text);
  const tree = parseMarkdownFast(text, lines);
  return tree ? extractBlocks(tree, lines) : null;
}

function micromarkBlocks(text: string): ReturnType<typeof extractBlocks> {
  return extractBlocks(parseMarkdown(text), new LineIndex(text));
}

/** Asserts the fast reader accepts `text` and reads it as micromark does. */
function same(text: string): void {
  const fast = fastBlocks(text);
  expect(fast, `declined: ${lastDeclineReason()}`).not.toBeNull();
  expect(fast).toEqual(micromarkBlocks(text));
}

describe('fast Markdown reader', () => {
  it('reads lists as micromark does: siblings, nesting, interruptions, loose items, task items', () => {
    same('1. a\n    * b\n\n2. c\n');
    same('- a\n  - b\n- c\n');
    same('text\n2. not a list\n\ntext\n1. a list\n');
    same('- a\n\n  still a\n\n- b\n  \n- c\n');
    same('- [ ] open\n- [x]  done with two blanks\n- [ ] **bold** first\n- [ ] `code` first\n');
    same('* one\n+ two\n- three\n');
    same('1. a\n1) b\n');
    same('-\n  foo\n-\n\n  bar\n');
    same('> - a\n>   b\n> - c\n\nafter\n');
  });

  it('reads tables: alignment, escaped pipes (in code too), missing and extra cells, a paragraph before', () => {
    same('| a | b |\n|---|:-:|\n| c |\n|d|e|f|\n');
    same('x\n a | b \n--|--\nc  \n\ny\n');
    same('| Type | Use |\n| --- | --- |\n| `-\\|\\` | arrow |\n| a \\| b | c |\n');
    same('a | b\n:-- | --:\n# heading ends it\n');
    same('| a\t| b |\n|---|---|\n|\tc\t|\td\t|\t\n');
    // A definition-like line above a delimiter row is a table's header to micromark: left to it.
    expect(parseMarkdownFast('[r]: /d\n| \t- \n', new LineIndex('[r]: /d\n| \t- \n'))).toBeNull();
  });

  it('reads headings, fences, HTML blocks, definitions and their positions (trailing blanks included)', () => {
    same('# h  \n\nx\n# h #  \nSetext\n===\n');
    same('+++\ntitle = "TOML is text to remark-frontmatter set up for YAML"\n+++\n\n# h\n');
    same('```js  \nx\n```  \ny\n');
    same('  <div>\n  x\n\ny <b>inline</b> <!-- c -->\n');
    same('<!-- a\n\nb -->\nc\n');
    same('[x]: /u  \n\n[x] and [y][x] and [x][] and ![alt *x*][x]\n');
  });

  it('reads inline content: emphasis, code spans, links, images, autolinks, references, breaks', () => {
    same('**Label:** a, b, c\n');
    same('*a **b** c* _d_ __e__ ***f*** a*b*c a_b_c **a*\n');
    same('`a` `` b ` `` ` c `\n[l](/u "t") ![i](/p.png) [a [b] c](/u) [not](<a b>) <https://x.y/z> <a.b+c@d-e.f>\n');
    same('a  \nb\\\nc &amp; &#35; &#x23; &nope;\n');
    same('[link [nested](/a)](/b) ![img [link](/c)](/d)\n');
    same('~one~ ~~two~~ ~~~three~~~ ~~un~ ~5 min [q](/s?a=1&amp;b=2&c)\n');
    same('~~**bold struck**~~ **~~struck bold~~** *a ~b* c~ ~x *y~ z* _~u~_\n');
  });

  it('finds GFM literal autolinks as micromark and the GFM transform do', () => {
    same('see www.example.com, https://x.dev/a_(b)?c=d. and ops@x.dev!\n');
    same('[not www.in.links](/u) but _www.x.y_ and x@y.z_ and https://a.b/c&amp;d\n');
    same('| site | mail |\n| --- | --- |\n| https://x.dev | a@b.co |\n\n# www.heading.io\n- item http://i.o\n');
  });

  it('reads indented code: blank lines inside kept, trailing ones not, and it ends a list only where micromark does', () => {
    same('    a\n      \n    b\n\n\nc\n');
    same('-     code in an item\n\n      more\n');
    same('    code\n+ \n    code\n1. \n');
  });

  it('keeps tab-indented lines of a fenced block that has no indentation', () => {
    same('```go\nfunc main() {\n\tfmt.Println("x")\n}\n```\n');
    same('- item\n\n```make\nall:\n\tcc -o x x.c\n```\n');
  });

  it('declines what it does not read exactly (micromark reads those)', () => {
    for (const text of ['\tindented by a tab', '> - quoted\n>\n> - list', '[^1]: a footnote definition', 'note[^1]\n\n[^1]: x']) {
      expect(parseMarkdownFast(text, new LineIndex(text)), text).toBeNull();
      // and the model is still built, by micromark
      expect(parseDocument(text)).toEqual(parseDocument(text, { reader: 'micromark' }));
    }
  });

  it('reads the seed document, and builds the same model as micromark', () => {
    const text = readFileSync(SEED, 'utf8');
    expect(parseMarkdownFast(text, new LineIndex(text)), `declined: ${lastDeclineReason()}`).not.toBeNull();
    expect(parseDocument(text, { path: 'seed.md' })).toEqual(parseDocument(text, { path: 'seed.md', reader: 'micromark' }));
  });

  it('reads random Markdown as micromark does wherever it accepts it', () => {
    const pieces = ['+++\n', '---\n', '| \t', '\t|', '<a@b.co>', '~~**', '**~~', '*~', '~*', '_~', 'www.x.y', 'http://a.b/c(d)', 'https://e.f.', 'u@v.w', '_x@y.z', 'WWW.a_b.c', '&lt;', '~', '~~', '\t', '\n\t', '](/u?a=1&amp;b&c)', 'a', 'b c', 'Zé', '1', ' ', '  ', '\n', '\n', '\n\n', '\r\n', '\n  ', '\n    ', '\n> ', '> ', '- ', '* ', '+ ', '1. ', '2) ', '- [ ] ', '- [x] ', '# ', '## ', '\n---\n', '\n===\n', '```\n', '```js\n', '~~~\n', '*', '**', '_', '__', '`', '``', '[', ']', '](/u)', '](<a b>)', '![', '(', ')', '<b>', '</b>', '<div>\n', '<!-- c -->', '<https://x.y>', '|', ' | ', '\n|---|---|\n', '\n| :-- | --: |\n', '\\', '\\|', '\\*', '&amp;', '&#35;', '[r]', '\n[r]: /d\n', ':', ','];
    let accepted = 0;
    const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 50 }).map((p) => p.join(''));
    fc.assert(
      fc.property(texts, (text) => {
        const fast = fastBlocks(text);
        if (fast === null) return;
        accepted++;
        expect(fast).toEqual(micromarkBlocks(text));
      }),
      { numRuns: envNumber('FAST_MD_RUNS', 3000), seed: 7 },
    );
    // The comparison only means something if most texts are read.
    expect(accepted).toBeGreaterThan(envNumber('FAST_MD_RUNS', 3000) * 0.5);
  });

  describe.skipIf(!HAS_SHARED)(`the real-world corpus (${HAS_SHARED ? 'present' : SHARED_SKIP_REASON})`, () => {
    it('gives the same model as micromark for every file it reads, and reads most of the corpus', () => {
      let bytes = 0;
      let acceptedBytes = 0;
      for (const file of markdownFiles()) {
        let text = readFileSync(file, 'utf8');
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        bytes += text.length;
        const fast = fastBlocks(text);
        if (fast === null) continue;
        acceptedBytes += text.length;
        expect(fast, file).toEqual(micromarkBlocks(text));
      }
      // 92.5 % of the corpus's bytes today; a drop means a regression in what it reads.
      expect(acceptedBytes / bytes).toBeGreaterThan(0.85);
    });
  });
});
