import { describe, expect, test } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { createFormatContext } from '../../src/report/index.js';
import { diag, find, linted, result, span } from './helpers.js';

const ctx = createFormatContext({ cwd: '/repo' });

describe('github', () => {
  test('escapes data and properties as the Actions toolkit does', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext%3A a%2C b');
    expect(escapeData('%0A')).toBe('%250A');
  });

  test('one command per finding; warning → ::warning, info → ::notice', async () => {
    const { results } = await linted();
    expect(formatGithub(results, createFormatContext())).toBe(
      [
        '::warning file=docs/a.md,line=3,col=9,endLine=3,endColumn=10,title=encoding-damage::Text decoded with the wrong charset: `Ã©` should be `é` (UTF-8 read as Windows-1252)',
        '::error file=docs/a.md,line=8,col=8,endLine=8,endColumn=8,title=diagram-syntax::Unexpected end of input after a link; expected a node id',
        '::warning file=docs/a.md,line=11,col=1,endLine=11,endColumn=34,title=lint-directive::Unknown rule `nope` in `mermaid-lint-disable`; see docs/rules for the rule names',
        '',
      ].join('\n'),
    );
    const text = 'x\n';
    expect(formatGithub([result('/repo/n.md', [diag('r', 'info', 'note', find(text, 'x'))])], ctx)).toBe('::notice file=n.md,line=1,col=1,endLine=1,endColumn=1,title=r::note\n');
  });

  test('escapes paths, titles and messages', () => {
    const text = 'x\n';
    const out = formatGithub([result('/repo/dir,1/a:b%.md', [diag('r', 'error', 'a: 50%\nb, c', find(text, 'x'))])], ctx);
    expect(out).toBe('::error file=dir%2C1/a%3Ab%25.md,line=1,col=1,endLine=1,endColumn=1,title=r::a: 50%25%0Ab, c\n');
  });

  test('columns only for spans on one line; a span ending at a line start ends on the line before', () => {
    const text = 'one\ntwo\nthree\n';
    const r = result('/repo/m.md', [
      diag('r', 'error', 'multi', span(text, 1, 10)),
      diag('r', 'error', 'to eol', span(text, 4, 8)),
    ]);
    expect(formatGithub([r], ctx)).toBe(
      ['::error file=m.md,line=1,endLine=3,title=r::multi', '::error file=m.md,line=2,col=1,endLine=2,title=r::to eol', ''].join('\n'),
    );
  });

  test('prints nothing without findings', () => {
    expect(formatGithub([result('a.md', [])], ctx)).toBe('');
  });
});
