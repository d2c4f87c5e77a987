import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/engine.js';
import { parseDirective } from '../../src/markdown/comments.js';

const broken = (extra = '') => ['```mermaid', 'graph TD', `${extra}  A --> B %% trailing`, '```'].join('\n');
const found = async (code: string) =>
  (await lint(code)).diagnostics.map((d) => `${d.ruleId}@${d.position.start.line}`);

describe('parseDirective', () => {
  it.each([
    ['mermaid-lint-disable', { name: 'disable', rules: [], args: '', reason: null }],
    ['mermaid-lint-disable a, b -- because', { name: 'disable', rules: ['a', 'b'], args: 'a, b', reason: 'because' }],
    ['mermaid-lint-disable-next-line a b', { name: 'disable-next-line', rules: ['a', 'b'], args: 'a b', reason: null }],
    ['mermaid-lint-enable', { name: 'enable', rules: [], args: '', reason: null }],
    ['mermaid-lint-disable-file x -- generated', { name: 'disable-file', rules: ['x'], args: 'x', reason: 'generated' }],
    ['mermaid-lint view-of: Overview', { name: 'view-of', rules: [], args: 'Overview', reason: null }],
  ])('%s', (text, expected) => {
    expect(parseDirective(text)).toEqual(expected);
  });

  it('ignores ordinary comments and look-alikes', () => {
    expect(parseDirective('TODO: fix')).toBeNull();
    expect(parseDirective('mermaid-linter-disable')).toBeNull();
    expect(parseDirective('mermaid-lint')).toBeNull();
  });
});

describe('disable directives', () => {
  it('reports a problem when nothing disables it', async () => {
    expect(await found(broken())).toEqual(['diagram-syntax@3']);
  });

  it('disable-next-line before a fence line inside the diagram', async () => {
    const code = ['```mermaid', 'graph TD', '  %% mermaid-lint-disable-next-line diagram-syntax', '  A --> B %% trailing', '```'].join('\n');
    expect(await found(code)).toEqual([]);
  });

  it('disable … enable covers only what is between', async () => {
    const code = ['<!-- mermaid-lint-disable diagram-syntax -->', broken(), '<!-- mermaid-lint-enable diagram-syntax -->', '', broken()].join('\n');
    expect(await found(code)).toEqual(['diagram-syntax@10']);
  });

  it('a bare disable switches off every rule until a bare enable', async () => {
    const code = ['<!-- mermaid-lint-disable -->', broken(), '<!-- mermaid-lint-enable -->', broken()].join('\n');
    expect(await found(code)).toEqual(['diagram-syntax@9']);
  });

  it('disable-file switches the rule off everywhere, even before the comment', async () => {
    const code = [broken(), '', '<!-- mermaid-lint-disable-file diagram-syntax -- generated file -->'].join('\n');
    expect(await found(code)).toEqual([]);
  });

  it('disable-line covers its own line only', async () => {
    const code = ['```mermaid', 'graph TD', '  A --> B %% mermaid-lint-disable-line diagram-syntax', '```'].join('\n');
    // The comment is not whole-line, so it is no comment to mermaid: the syntax error stays.
    expect(await found(code)).toEqual(['diagram-syntax@3']);
  });

  it('reports a directive that disabled nothing', async () => {
    const result = await lint('<!-- mermaid-lint-disable-next-line diagram-syntax -->\ntext\n');
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity, d.message])).toEqual([
      ['lint-directive', 'warning', 'Unused `mermaid-lint-disable-next-line` directive: no `diagram-syntax` was reported here; remove it'],
    ]);
  });

  it('stays quiet about unused directives when lint-directive is off', async () => {
    const result = await lint('<!-- mermaid-lint-disable-next-line diagram-syntax -->\ntext\n', { config: { rules: { 'lint-directive': 'off' } } });
    expect(result.diagnostics).toEqual([]);
  });
});
