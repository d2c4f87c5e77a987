import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fix, lint } from '../../src/lint/engine.js';
import type { Config, Diagnostic } from '../../src/lint/types.js';
import { encodingDamage } from '../../src/rules/encoding-damage.js';
import { RULES } from '../../src/rules/index.js';
import { SEED } from '../helpers/paths.js';
import { ruleTester } from '../helpers/rule-tester.js';

const ID = 'encoding-damage';
const only: Config = { rules: { ...Object.fromEntries(RULES.map((r) => [r.meta.id, 'off' as const])), [ID]: 'warning' } };
const own = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === ID);

describe('encoding-damage on the seed fixture', () => {
  const seed = readFileSync(SEED, 'utf8');

  it('reports the damage on exactly the 13 damaged lines, fixing what was fully recovered', async () => {
    const found = own((await lint(seed, { config: only })).diagnostics);
    const summary = found.map((d) => {
      const damaged = seed.slice(d.position.start.offset, d.position.end.offset);
      return `${d.position.start.line}:${d.position.start.column} ${damaged} → ${d.fix ? d.fix.edits.map((e) => e.text).join('') : 'no fix'}`;
    });
    expect(summary).toEqual([
      '1:7 â€” → —',
      '1:14 â€™ → ’',
      '1:149 â€™ → ’',
      '1:214 â€™ → ’',
      '5:4 ðŸ§® → 🧮',
      '9:56 â€” → —',
      '11:51 â€” → —',
      '16:4 ðŸ§\u00a0 → 🧠',
      '32:4 âš™ï¸ → no fix',
      '36:37 â€” → —',
      '42:4 ðŸ§± → 🧱',
      '55:4 ðŸ“¦ → 📦',
      '65:4 â˜ï¸ → no fix',
      '75:4 ðŸ” → no fix',
      '87:4 ðŸ§© → 🧩',
      '89:5 â€™ → ’',
    ]);
    expect(new Set(found.map((d) => d.position.start.line)).size).toBe(13);
    expect(found.every((d) => d.severity === 'warning' && (d.fix === null || d.fix.kind === 'safe'))).toBe(true);
    const byLine = new Map([...found].reverse().map((d) => [d.position.start.line, d.message]));
    expect(byLine.get(1)).toBe('Text decoded with the wrong charset: `â€”` should be `—` (UTF-8 read as Windows-1252)');
    expect(byLine.get(32)).toBe(
      'Text decoded with the wrong charset: `âš™ï¸` was probably `⚙️`, but a byte was lost in decoding (UTF-8 read as Windows-1252); retype it',
    );
    expect(byLine.get(65)).toBe(
      'Text decoded with the wrong charset: `â˜ï¸` was `☁️` or `☝️`, but 2 bytes were lost in decoding (UTF-8 read as Windows-1252); retype it',
    );
    expect(byLine.get(75)).toBe(
      'Text decoded with the wrong charset: `ðŸ”` cannot be repaired: a byte was lost in decoding (UTF-8 read as Windows-1252); retype the original text',
    );
  });

  it('fixes restore the text, change nothing outside the reported ranges, and are idempotent', async () => {
    const found = own((await lint(seed, { config: only })).diagnostics);
    const fixed = await fix(seed, { config: only, level: 'safe' });
    // Rebuild the expected output from the untouched text between the findings and their repairs.
    let expected = '';
    let at = 0;
    for (const d of found) {
      expected += seed.slice(at, d.position.start.offset);
      const damaged = seed.slice(d.position.start.offset, d.position.end.offset);
      expected += d.fix ? d.fix.edits.map((e) => e.text).join('') : damaged;
      at = d.position.end.offset;
    }
    expected += seed.slice(at);
    expect(fixed.output).toBe(expected);
    expect(fixed.fixed).toBe(13);

    const lines = fixed.output.split('\n');
    expect(lines[0]).toMatch(/^Great — you’ve listed .* Let’s organize .* so it’s easier/);
    expect(lines[4]).toBe('## 🧮 **Data Analysis & BI (Exploration & Visualization)**');
    expect(lines[15]).toBe('## 🧠 **Machine Learning (Modeling & Experimentation)**');
    expect(lines[54]).toBe('## 📦 **Model Serving & Containerization**');
    expect(lines[88]).toMatch(/^Here’s how/);
    expect(fixed.output).not.toMatch(/â€|Ã|ðŸ§/);

    // What lost a byte stays, reported without a fix.
    expect(own(fixed.diagnostics).map((d) => [d.position.start.line, d.fix])).toEqual([
      [32, null],
      [65, null],
      [75, null],
    ]);
    const again = await fix(fixed.output, { config: only, level: 'safe' });
    expect(again.output).toBe(fixed.output);
    expect(again.fixed).toBe(0);
  });
});

ruleTester(encodingDamage, {
  valid: [
    { name: 'ASCII only', code: '# Title\n\nPlain text -- with "quotes".\n' },
    { name: 'accented words', code: 'Café, crème brûlée, Müller, Straße, niño, coração, São Paulo, Ørsted, Þór.\n' },
    { name: 'SÃO PAULO: Ã before a letter is no lead byte of damage', code: '# SÃO PAULO\n\nNÃO, IRMÃOS, MÃE.\n' },
    { name: 'lone leads', code: 'Â, Ã, â and ð on their own: Ã é â.\n' },
    { name: 'symbols', code: '© 2024 ACME® — 25 °C ± 0.5, 3 µs, § 4, a · b, ½, ¼, ¿qué?, ¡sí!\n' },
    { name: 'curly quotes and dashes used correctly', code: '“Quoted” and ‘single’ — em – en … • it’s ‹a› «b»\n' },
    { name: 'accented capitals before curly quotes', code: 'JOSÉ’S café’s „Straße“ “CAFÉ” Straße— PÅ” Ö’ résumé’s naïve Zoë’s\n' },
    { name: 'French spacing with no-break spaces', code: '« un café » ; voilà ! déjà ?\n' },
    { name: 'emoji, CJK, math', code: '## 🧮 Math ⚙️ ☁️ 🔍 👍🏽\n\n中文 日本語 한국어 ∑ ∫ ≤ ≥ ≠ → × ∞\n' },
    { name: 'a diagram with correct text', code: '```mermaid\ngraph TD\n  A["Café — 🧮"] --> B["São Paulo"]\n```\n' },
    { name: 'a table with correct text', code: '| Tool | Purpose |\n| --- | --- |\n| NumPy | Arrays — matrices |\n' },
    { name: 'CRLF and BOM, correct text', code: '\ufeff# Title\r\n\r\nIt’s fine — really.\r\n' },
  ],
  invalid: [
    {
      name: 'an em dash, an apostrophe and an emoji',
      code: '# ðŸš€ Launch\n\nGreat â€” itâ€™s done.\n',
      errors: [
        { line: 1, column: 3, endColumn: 7, message: 'Text decoded with the wrong charset: `ðŸš€` should be `🚀` (UTF-8 read as Windows-1252)' },
        { line: 3, column: 7, endColumn: 10, message: 'Text decoded with the wrong charset: `â€”` should be `—` (UTF-8 read as Windows-1252)' },
        { line: 3, column: 13, endColumn: 16, message: 'Text decoded with the wrong charset: `â€™` should be `’` (UTF-8 read as Windows-1252)' },
      ],
      output: '# 🚀 Launch\n\nGreat — it’s done.\n',
    },
    {
      name: 'accented letters in words and a whole run of Cyrillic',
      code: 'cafÃ© ZÃ¼rich Â© 2024 ÐŸÑ€Ð¸Ð²ÐµÑ‚\n',
      errors: [
        { line: 1, column: 4, message: /`Ã©` should be `é`/ },
        { line: 1, column: 8, message: /`Ã¼` should be `ü`/ },
        { line: 1, column: 15, message: /`Â©` should be `©`/ },
        { line: 1, column: 23, endColumn: 35, message: /`ÐŸÑ€Ð¸Ð²ÐµÑ‚` should be `Привет`/ },
      ],
      output: 'café Zürich © 2024 Привет\n',
    },
    {
      name: 'inside a diagram and a table',
      code: '| A | B |\n| --- | --- |\n| x | â€œyâ€\u009d |\n\n```mermaid\ngraph TD\n  A["ZÃ¼rich"] --> B\n```\n',
      errors: [
        { line: 3, column: 7, message: /`â€œ` should be `“`/ },
        { line: 3, column: 11, message: /`â€\\u009d` should be `”` \(UTF-8 read as Windows-1252\)/ },
        { line: 7, column: 7, message: /`Ã¼` should be `ü`/ },
      ],
      output: '| A | B |\n| --- | --- |\n| x | “y” |\n\n```mermaid\ngraph TD\n  A["Zürich"] --> B\n```\n',
    },
    {
      name: 'Latin-1: C1 controls stand for the bytes',
      code: 'a \u00e2\u0080\u0094 b \u00c3\u0089t\u00c3\u00a9\n',
      errors: [
        { line: 1, column: 3, message: 'Text decoded with the wrong charset: `â\\u0080\\u0094` should be `—` (UTF-8 read as Latin-1)' },
        { line: 1, column: 9, message: /`Ã\\u0089` should be `É` \(UTF-8 read as Latin-1\)/ },
        { line: 1, column: 12, message: /`Ã©` should be `é`/ },
      ],
      output: 'a — b Été\n',
    },
    {
      name: 'double-encoded text is repaired all the way',
      code: 'itÃ¢â‚¬â„¢s\n',
      errors: [{ line: 1, column: 3, endColumn: 11, message: 'Text decoded with the wrong charset: `Ã¢â‚¬â„¢` should be `’` (UTF-8 read as Windows-1252, 2 times)' }],
      output: 'it’s\n',
    },
    {
      name: 'CRLF line endings and a BOM: positions count after the BOM',
      code: '\ufeff# Title\r\n\r\nSee â€” here.\r\nAnd ðŸ§® too.\r\n',
      errors: [
        { line: 3, column: 5, endLine: 3, endColumn: 8 },
        { line: 4, column: 5, endColumn: 9 },
      ],
      output: '\ufeff# Title\r\n\r\nSee — here.\r\nAnd 🧮 too.\r\n',
    },
    {
      name: 'a byte-order mark read as text',
      code: 'ï»¿# Title\n',
      errors: [{ line: 1, column: 1, message: 'Text decoded with the wrong charset: `ï»¿` is a byte-order mark (UTF-8 read as Windows-1252); remove it' }],
      output: '# Title\n',
    },
    {
      name: 'lost bytes: no fix, a probable original where there is only one',
      code: '## âš™ï¸ Setup\n\n## ðŸ” Search\n\nShe said â€œhiâ€ and left.\n',
      errors: [
        { line: 1, column: 4, endColumn: 9, message: /`âš™ï¸` was probably `⚙️`, but a byte was lost/ },
        { line: 3, column: 4, endColumn: 7, message: /`ðŸ”` cannot be repaired: a byte was lost in decoding/ },
        { line: 5, column: 10, message: /`â€œ` should be `“`/ },
        { line: 5, column: 15, message: /`â€` cannot be repaired: a byte was lost/ },
      ],
      output: '## âš™ï¸ Setup\n\n## ðŸ” Search\n\nShe said “hiâ€ and left.\n',
    },
    {
      name: 'a keycap emoji that lost its 0x8F, quoted with its digit',
      code: 'Step 1ï¸âƒ£\n',
      errors: [
        {
          line: 1,
          column: 7,
          message: 'Text decoded with the wrong charset: `1ï¸âƒ£` was probably `1️⃣`, but a byte was lost in decoding (UTF-8 read as Windows-1252); retype it',
        },
      ],
      output: null,
    },
    {
      name: 'a keycap emoji whose 0x8F was kept as a C1 control',
      code: 'Step 1ï¸\u008fâƒ£\n',
      errors: [{ line: 1, column: 7, message: /`1ï¸\\u008fâƒ£` should be `1️⃣`/ }],
      output: 'Step 1️⃣\n',
    },
    {
      name: 'a decomposed accent (NFD) read as Latin-1',
      code: 'Cafe\u00cc\u0081 au lait\n',
      errors: [{ line: 1, column: 5, message: 'Text decoded with the wrong charset: `eÌ\\u0081` should be `e\u0301` (UTF-8 read as Latin-1)' }],
      output: 'Cafe\u0301 au lait\n',
    },
  ],
});
