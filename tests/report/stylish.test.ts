import { describe, expect, test } from 'vitest';
import { stripAnsi } from '../../src/report/color.js';
import { createFormatContext } from '../../src/report/index.js';
import { formatStylish } from '../../src/report/stylish.js';
import { diag, find, linted, result } from './helpers.js';

const ctx = (sources: Map<string, string> = new Map(), color = false) => createFormatContext({ cwd: '/repo', sources, color });

describe('stylish', () => {
  test('prints nothing when there are no problems', async () => {
    expect(formatStylish([], ctx())).toBe('');
    expect(formatStylish([result('a.md', []), result('b.md', [])], ctx())).toBe('');
  });

  test('groups by file relative to cwd, aligns columns, frames the span and sums up', async () => {
    const { results, sources } = await linted();
    const absolute = results.map((r) => ({ ...r, path: `/repo/${r.path}` }));
    const bySource = new Map([...sources].map(([k, v]) => [`/repo/${k}`, v]));
    expect(formatStylish(absolute, ctx(bySource))).toBe(
      [
        'docs/a.md',
        '  3:9   warning  Text decoded with the wrong charset: `Ã©` should be `é` (UTF-8 read as Windows-1252)  encoding-damage',
        '    3 | Some cafÃ© text.',
        '      |         ^~',
        '  8:8   error    Unexpected end of input after a link; expected a node id                          diagram-syntax',
        '    8 |   A -->',
        '      |        ^',
        '  11:1  warning  Unknown rule `nope` in `mermaid-lint-disable`; see docs/rules for the rule names  lint-directive',
        '    11 | <!-- mermaid-lint-disable nope -->',
        '       | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '',
        '✖ 3 problems (1 error, 2 warnings, 0 infos)',
        '  1 fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  test('without the source text there is no code frame; related locations follow the finding', () => {
    const text = 'A[Start] --> B\nA --> C\n';
    const r = result('x.md', [
      diag('label-drift', 'info', 'Label differs', find(text, 'Start'), {
        related: [{ message: 'declared here', position: find(text, 'C') }],
        fix: { kind: 'unsafe', edits: [{ start: 2, end: 7, text: 'Begin' }] },
      }),
    ]);
    expect(formatStylish([r], ctx())).toBe(
      ['x.md', '  1:3  info  Label differs  label-drift', '    ↳ 2:7  declared here', '', '✖ 1 problem (0 errors, 0 warnings, 1 info)', '  1 fixable with --fix-unsafe', ''].join('\n'),
    );
  });

  test('counts safe and unsafe fixes apart; messages with wide characters stay aligned', () => {
    const text = '漢字 and text\n';
    const r = result('y.md', [
      diag('a-rule', 'error', '漢字 here', find(text, '漢字'), { fix: { kind: 'safe', edits: [] } }),
      diag('b-rule', 'warning', 'ascii here!', find(text, 'and'), { fix: { kind: 'unsafe', edits: [] } }),
    ]);
    const out = formatStylish([r], ctx());
    expect(out).toContain('  1:1  error    漢字 here    a-rule\n');
    expect(out).toContain('  1:4  warning  ascii here!  b-rule\n');
    expect(out.endsWith('✖ 2 problems (1 error, 1 warning, 0 infos)\n  1 fixable with --fix, 1 more with --fix-unsafe\n')).toBe(true);
  });

  test('a result without a path is shown as <input>; its source is keyed by the empty string', () => {
    const text = 'bad\n';
    const out = formatStylish([result(null, [diag('r', 'error', 'm', find(text, 'bad'))])], ctx(new Map([['', text]])));
    expect(out.split('\n').slice(0, 4)).toEqual(['<input>', '  1:1  error  m  r', '    1 | bad', '      | ^~~']);
  });

  test('colour: ANSI only when enabled, and the same text underneath', async () => {
    const { results, sources } = await linted();
    const plain = formatStylish(results, createFormatContext({ cwd: process.cwd(), sources, color: false }));
    const coloured = formatStylish(results, createFormatContext({ cwd: process.cwd(), sources, color: true }));
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[4mdocs/a.md\u001b[24m');
    expect(coloured).toContain('\u001b[31merror  \u001b[39m');
    expect(coloured).toContain('\u001b[1m\u001b[31m✖ 3 problems');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  test('the summary is yellow with warnings only and blue with infos only', () => {
    const text = 'x\n';
    const c = createFormatContext({ color: true });
    expect(formatStylish([result('a.md', [diag('r', 'warning', 'm', find(text, 'x'))])], c)).toContain('\u001b[1m\u001b[33m✖ 1 problem');
    expect(formatStylish([result('a.md', [diag('r', 'info', 'm', find(text, 'x'))])], c)).toContain('\u001b[1m\u001b[34m✖ 1 problem');
  });
});
