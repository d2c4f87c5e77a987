import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/lint/config.js';
import { lint } from '../../src/lint/engine.js';
import type { RuleSetting } from '../../src/lint/types.js';
import { brokenReference } from '../../src/rules/broken-reference.js';
import { RULES } from '../../src/rules/index.js';
import { fixture, SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

// fixtures/refs: logo.svg, guide.md (headings), "my file.md", notes.txt, index.md, sub/page.md, sub/chart.svg.
// The linted file itself, doc.md, does not exist on disk: only the directory matters.
const DOC = fixture('refs', 'doc.md');
const PAGE = fixture('refs', 'sub', 'page.md');

// A repository of its own (a `.git` directory) for root-relative paths, and a
// directory without one. Made at load time: RuleTester collects its cases then.
const TMP = mkdtempSync(join(tmpdir(), 'broken-reference-'));
const REPO = join(TMP, 'repo');
mkdirSync(join(REPO, '.git'), { recursive: true });
mkdirSync(join(REPO, 'docs', 'img'), { recursive: true });
writeFileSync(join(REPO, 'docs', 'img', 'a.svg'), '<svg/>\n');
writeFileSync(join(REPO, 'docs', 'guide.md'), '# Guide\n\n## Setup\n');
const IN_REPO = join(REPO, 'docs', 'readme.md');
const NO_REPO = join(TMP, 'plain', 'readme.md');
mkdirSync(join(TMP, 'plain'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const here = { path: DOC };

ruleTester(brokenReference, {
  valid: [
    { name: 'an existing image next to the file', code: '![logo](logo.svg)\n', ...here },
    { name: 'relative forms of existing files', code: '[a](./logo.svg) [b](sub/chart.svg) [c](../refs/guide.md) [d](sub/../logo.svg)\n', ...here },
    { name: 'directories, with and without a slash', code: '[a](sub) [b](sub/) [c](.) [d](./)\n', ...here },
    { name: 'a query and a fragment are removed', code: '![logo](logo.svg?raw=true) [n](notes.txt#L1) [g](guide.md?plain=1#usage)\n', ...here },
    { name: 'percent-encoding', code: '[s](my%20file.md) [t](my%20file.md#spaced-name) [u](%6Cogo.svg)\n', ...here },
    { name: 'titles', code: '[a](guide.md "The guide") [b](guide.md \'title\') [c](guide.md (title)) ![d](logo.svg "a ](x) title")\n', ...here },
    { name: 'angle-bracket destinations', code: '[a](<my file.md>) [b](<my file.md#spaced-name> "t")\n', ...here },
    { name: 'an image reference through its definition', code: '![logo][l]\n\n[l]: ./logo.svg "Logo"\n', ...here },
    {
      name: 'external URLs are never checked',
      code: [
        '![x](https://example.com/missing.png) [m](mailto:a@example.com) ![d](data:image/png;base64,iVBORw0KGgo=)',
        '[p](//cdn.example.com/x.png) [f](ftp://example.com/x) www.example.com <https://example.com/#nope>',
        '',
      ].join('\n'),
      ...here,
    },
    {
      name: 'anchors into a sibling document: duplicates, emoji, punctuation, HTML, case',
      code: '[a](guide.md#usage-1) [b](guide.md#-quick-start) [c](guide.md#c--go-the-api) [d](guide.md#custom-anchor) [e](guide.md#legacy-anchor) [f](guide.md#Install)\n',
      ...here,
    },
    {
      name: 'anchors in the same document',
      code: [
        '# 🚀 Quick Start',
        '',
        '## Usage',
        '',
        '## Usage',
        '',
        '## C++ & Go: the `API`!',
        '',
        '## 标题',
        '',
        '<a id="custom"></a>',
        '',
        '[a](#-quick-start) [b](#usage) [c](#usage-1) [d](#c--go-the-api) [e](#custom) [f](#Usage) [g](#%E6%A0%87%E9%A2%98) [h](#标题)',
        '',
      ].join('\n'),
    },
    { name: 'the top, line references and a bare #', code: '# T\n\n[a](#top) [b](#L10) [c](#L10-L20) [d](#L3C5-L4C2) [e](#)\n' },
    { name: 'without a path, files are not checked', code: '# T\n\n![x](nope.png) [y](missing.md#nothing)\n' },
    { name: 'the linted file itself, by name', code: '# Links\n\n[self](doc.md) [here](doc.md#links) [q](?x=1)\n', ...here },
    { name: 'fragments into directories and non-Markdown files are not checked', code: '[a](sub/#nothing) [b](notes.txt#nothing) [c](logo.svg#nothing)\n', ...here },
    { name: 'checkFiles: false', code: '![x](nope.png) [y](gone.md#x)\n', ...here, options: { checkFiles: false } },
    { name: 'checkAnchors: false', code: '# T\n\n[a](#nope) [b](guide.md#nope)\n', ...here, options: { checkAnchors: false } },
    { name: 'ignorePatterns are regular expressions', code: '[a](generated/api.md) ![b](shots/x.png) [c](#todo-later)\n', ...here, options: { ignorePatterns: ['^generated/', '\\.png$', '^#todo'] } },
    { name: 'from a subdirectory', code: '[up](../guide.md#install) ![c](chart.svg) [i](../index.md#links)\n', path: PAGE },
    { name: 'a root-relative path in a repository', code: '![a](/docs/img/a.svg) [g](/docs/guide.md#setup) [r](/docs)\n', path: IN_REPO },
    { name: 'a root-relative path outside any repository is not checked', code: '![a](/nowhere/a.svg)\n', path: NO_REPO },
    { name: 'a link inside inline code is no link', code: '`[x](nope.md)`\n\n```md\n![y](nope.png)\n```\n', ...here },
  ],
  invalid: [
    {
      name: 'a missing image next to the file, at its URL',
      code: 'Text.\n\n![MLOps Workflow](image.png)\n',
      ...here,
      errors: [{ line: 3, column: 19, endLine: 3, endColumn: 28, message: 'Image `image.png` not found (no such file next to doc.md)' }],
      output: null,
    },
    {
      name: 'a missing file in a subdirectory',
      code: '[x](sub/missing.md)\n',
      ...here,
      errors: [{ line: 1, column: 5, endColumn: 19, message: 'Link `sub/missing.md` not found (no such file `sub/missing.md` relative to doc.md)' }],
    },
    {
      name: 'a missing directory',
      code: '![c](img/deep/chart.svg)\n',
      ...here,
      errors: [{ line: 1, column: 6, message: 'Image `img/deep/chart.svg` not found (no directory `img/` relative to doc.md)' }],
    },
    {
      name: 'a close file name is suggested',
      code: '[g](giude.md)\n',
      ...here,
      errors: [{ line: 1, column: 5, message: 'Link `giude.md` not found (no such file next to doc.md; did you mean `guide.md`?)' }],
    },
    {
      name: 'a name that differs in letter case',
      code: '![l](Logo.svg)\n',
      ...here,
      errors: [{ line: 1, column: 6, message: "Image `Logo.svg` not found (no such file next to doc.md; the file is `logo.svg`, and GitHub's paths are case-sensitive)" }],
    },
    {
      name: 'a query and a fragment stay in the reported span',
      code: '[x](missing.md?plain=1#top)\n',
      ...here,
      errors: [{ line: 1, column: 5, endColumn: 27, message: /^Link `missing.md\?plain=1#top` not found \(no such file next to doc.md\)$/ }],
    },
    {
      name: 'percent-encoding is decoded before the lookup',
      code: '[x](my%20files.md)\n',
      ...here,
      errors: [{ line: 1, column: 5, message: 'Link `my%20files.md` not found (no such file next to doc.md; did you mean `my file.md`?)' }],
    },
    {
      name: 'a title is not part of the span',
      code: '[g](gone.md "a title")\n',
      ...here,
      errors: [{ line: 1, column: 5, endColumn: 12, message: /^Link `gone.md` not found/ }],
    },
    {
      name: 'an angle-bracket destination: the span is inside the brackets',
      code: '[a](<my fil.md> "t")\n',
      ...here,
      errors: [{ line: 1, column: 6, endColumn: 15, message: 'Link `my fil.md` not found (no such file next to doc.md; did you mean `my file.md`?)' }],
    },
    {
      name: 'an image reference: reported at its definition',
      code: '![logo][l]\n\n[l]: ./img/logo.png "Logo"\n',
      ...here,
      errors: [{ line: 3, column: 6, endColumn: 20, message: 'Link `./img/logo.png` (definition `[l]`) not found (no directory `img/` relative to doc.md)' }],
    },
    {
      name: 'a definition whose destination is on the next line',
      code: '[l]:\n  gone.md\n',
      ...here,
      errors: [{ line: 2, column: 3, endColumn: 10, message: /^Link `gone.md` \(definition `\[l\]`\) not found/ }],
    },
    {
      name: 'links in a table and a list',
      code: '| a | b |\n|---|---|\n| [x](nope.md) | y |\n\n- one\n- two ![y](nope.png)\n  - three [z](#nope)\n',
      ...here,
      errors: [
        { line: 3, column: 7, endColumn: 14, message: /^Link `nope.md` not found/ },
        { line: 6, column: 12, endColumn: 20, message: /^Image `nope.png` not found/ },
        { line: 7, column: 15, endColumn: 20, message: 'Link `#nope` points to no heading; there are no headings here' },
      ],
    },
    {
      name: 'an image with an escaped character and a link text with brackets',
      code: '[see [1]](gone\\_file.md)\n',
      ...here,
      errors: [{ line: 1, column: 11, endColumn: 24, message: /^Link `gone_file.md` not found/ }],
    },
    {
      name: 'a fragment that matches no heading lists the headings',
      code: '# Install\n\n## Usage\n\nSee [setup](#setup).\n',
      errors: [{ line: 5, column: 13, endColumn: 19, message: 'Link `#setup` points to no heading; headings here: `#install`, `#usage`' }],
    },
    {
      name: 'a close heading is suggested',
      code: '# Project\n\n## Usage\n\n[u](#usgae)\n',
      errors: [{ line: 5, column: 5, message: 'Link `#usgae` points to no heading; did you mean `#usage`?' }],
    },
    {
      name: 'duplicate headings count from -1',
      code: '## Usage\n\n## Usage\n\n[u](#usage-2)\n',
      errors: [{ line: 5, column: 5, message: 'Link `#usage-2` points to no heading; did you mean `#usage-1`?' }],
    },
    {
      name: 'an emoji heading keeps its leading hyphen',
      code: '## 🚀 Quick Start\n\n[q](#quick-start)\n',
      errors: [{ line: 3, column: 5, message: 'Link `#quick-start` points to no heading; did you mean `#-quick-start`?' }],
    },
    {
      name: 'many headings are listed up to six',
      code: '# A1\n# B2\n# C3\n# D4\n# E5\n# F6\n# G7\n\n[x](#zzzzzz)\n',
      errors: [{ line: 9, column: 5, message: 'Link `#zzzzzz` points to no heading; headings here: `#a1`, `#b2`, `#c3`, `#d4`, `#e5`, `#f6`, … (7 in all)' }],
    },
    {
      name: 'a fragment into a sibling document',
      code: '[g](guide.md#instal) [h](guide.md#nothing-like-any-of-them)\n',
      ...here,
      errors: [
        { line: 1, column: 5, endColumn: 20, message: 'Link `guide.md#instal` points to no heading in guide.md; did you mean `#install`?' },
        {
          line: 1,
          column: 26,
          message: 'Link `guide.md#nothing-like-any-of-them` points to no heading in guide.md; its headings: `#guide`, `#install`, `#usage`, `#usage-1`, `#-quick-start`, `#c--go-the-api`',
        },
      ],
    },
    {
      name: 'a fragment into the linted file by its own name',
      code: '# Links\n\n[x](doc.md#linkz)\n',
      ...here,
      errors: [{ line: 3, column: 5, message: 'Link `doc.md#linkz` points to no heading here; did you mean `#links`?' }],
    },
    {
      name: 'from a subdirectory',
      code: '[up](../guide.md#nope) ![c](../chart.svg)\n',
      path: PAGE,
      errors: [
        { line: 1, column: 6, message: /^Link `..\/guide.md#nope` points to no heading in guide.md; its headings:/ },
        { line: 1, column: 29, message: 'Image `../chart.svg` not found (no such file `../chart.svg` relative to page.md; did you mean `chart.svg`?)' },
      ],
    },
    {
      name: 'root-relative paths resolve from the repository root',
      code: '![a](/docs/img/b.svg) [g](/docs/guide.md#set-up) [m](/missing/x.md)\n',
      path: IN_REPO,
      errors: [
        { line: 1, column: 6, message: 'Image `/docs/img/b.svg` not found (no such file `/docs/img/b.svg` in the repository; did you mean `/docs/img/a.svg`?)' },
        { line: 1, column: 27, message: 'Link `/docs/guide.md#set-up` points to no heading in guide.md; did you mean `#setup`?' },
        { line: 1, column: 54, message: 'Link `/missing/x.md` not found (no directory `/missing/` in the repository)' },
      ],
    },
    {
      name: 'ignorePatterns leave other links checked',
      code: '[a](generated/api.md) [b](gone.md)\n',
      ...here,
      options: { ignorePatterns: ['^generated/'] },
      errors: [{ line: 1, column: 27, message: /^Link `gone.md` not found/ }],
    },
  ],
});

describe('broken-reference', () => {
  const only = (setting: RuleSetting = 'warning') => ({
    rules: { ...Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const])), 'broken-reference': setting },
  });

  it('finds exactly the missing image of the seed, at line 100', async () => {
    const result = await lint(readFileSync(SEED, 'utf8'), { path: SEED, config: only() });
    expect(result.diagnostics.map((d) => ({ ruleId: d.ruleId, severity: d.severity, line: d.position.start.line, column: d.position.start.column, endColumn: d.position.end.column, message: d.message }))).toEqual([
      {
        ruleId: 'broken-reference',
        severity: 'warning',
        line: 100,
        column: 19,
        endColumn: 28,
        message: 'Image `image.png` not found (no such file next to 000_307887c9c13ce1ed.md)',
      },
    ]);
  });

  it('rejects an ignore pattern that is no regular expression, as a config error', async () => {
    await expect(lint('[a](x.md)\n', { path: DOC, config: only(['warning', { ignorePatterns: ['('] }]) })).rejects.toThrow(ConfigError);
  });

  it('is on by default, as a warning', async () => {
    const result = await lint('# T\n\n[a](#nope)\n');
    expect(result.diagnostics.filter((d) => d.ruleId === 'broken-reference').map((d) => d.severity)).toEqual(['warning']);
  });
});
