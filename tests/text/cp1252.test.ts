import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cp1252Byte, decodeUtf8Strict, findMojibake, UNDEFINED_CP1252_BYTES } from '../../src/text/cp1252.js';
import { HAS_SHARED, REALWORLD } from '../helpers/paths.js';

/** UTF-8 bytes of `text` read as Windows-1252 the WHATWG way: undefined bytes become C1 controls. */
const asWindows1252 = (text: string): string => new TextDecoder('windows-1252').decode(new TextEncoder().encode(text));
/** The same, by a decoder that drops the undefined bytes. */
const asWindows1252Dropping = (text: string): string =>
  [...asWindows1252(text)].filter((c) => !UNDEFINED_CP1252_BYTES.includes(c.charCodeAt(0))).join('');

describe('cp1252 helpers', () => {
  it('maps characters back to bytes', () => {
    expect(cp1252Byte('€'.charCodeAt(0))).toBe(0x80);
    expect(cp1252Byte('™'.charCodeAt(0))).toBe(0x99);
    expect(cp1252Byte('é'.charCodeAt(0))).toBe(0xe9);
    expect(cp1252Byte(0x8d)).toBe(0x8d);
    expect(cp1252Byte('—'.charCodeAt(0))).toBe(0x97);
    expect(cp1252Byte('中'.charCodeAt(0))).toBe(-1);
    expect(UNDEFINED_CP1252_BYTES).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
  });

  it('decodes strictly and keeps a byte-order mark', () => {
    expect(decodeUtf8Strict(Uint8Array.from([0xef, 0xbb, 0xbf]))).toBe('\ufeff');
    expect(decodeUtf8Strict(Uint8Array.from([0xe2, 0x80]))).toBeNull();
    expect(decodeUtf8Strict(Uint8Array.from([0xc0, 0x80]))).toBeNull();
  });
});

describe('findMojibake', () => {
  const originals = [
    '—', '’', '“quoted”', '…', '•', '™', '€', '→', '✓', '✅', '❌', 'é', 'café', 'Zürich', '© 2024', '25 °C', 'naïve',
    'żółć', '10 kΩ', 'μs', 'Привет', 'Ελληνικά', 'שלום', '中文', '🧮', '🚀', '👍🏽', '👨‍👩‍👧', '⚙️', '☁️', '🔍', '1️⃣',
  ];

  it.each(originals)('repairs %s read as Windows-1252, C1 controls kept', (original) => {
    const damaged = asWindows1252(original);
    const runs = findMojibake(damaged);
    expect(runs.every((r) => r.repair !== null)).toBe(true);
    let repaired = damaged;
    for (const r of [...runs].reverse()) repaired = repaired.slice(0, r.start) + r.repair + repaired.slice(r.end);
    expect(repaired).toBe(original);
  });

  it('names what a sequence that lost a byte may have been', () => {
    const lost = (s: string) => findMojibake(asWindows1252Dropping(s)).map((r) => [r.text, r.repair, r.candidates, r.lostBytes]);
    expect(lost('⚙️')).toEqual([['âš™ï¸', null, ['⚙️'], 1]]);
    expect(lost('☁️')).toEqual([['â˜ï¸', null, ['☁️', '☝️'], 2]]);
    expect(lost('🔍')).toEqual([['ðŸ”', null, [], 1]]);
    expect(lost('“hi”')).toEqual([
      ['â€œ', '“', [], 0],
      ['â€', null, [], 1],
    ]);
  });

  it('repairs double-encoded text all the way', () => {
    expect(findMojibake(asWindows1252(asWindows1252('it’s')))).toMatchObject([{ text: 'Ã¢â‚¬â„¢', repair: '’', passes: 2 }]);
  });

  it('tells Latin-1 from Windows-1252', () => {
    expect(findMojibake('\u00e2\u0080\u0094')).toMatchObject([{ repair: '—', charset: 'Latin-1' }]);
    expect(findMojibake('â€”')).toMatchObject([{ repair: '—', charset: 'Windows-1252' }]);
  });

  it.each([
    'SÃO PAULO', 'NÃO', 'Â', 'ð', 'Ã é â', 'café’s', 'JOSÉ’S', 'CAFÉ”', '„Straße“', 'Straße—', 'PÅ”', 'Ö’', 'ÉÉ’', 'Ñ’',
    '« un café »', 'voilà !', '3×\u00a04', '© ® ° ± µ § ·', '“a” ‘b’ — – …', '🧮 ⚙️ ☁️ 🔍', '中文 한국어 ∑ ≤ →', 'Lâ” x',
    'AQUÍ”', 'COSÌ’', 'SÍ—', 'C’est déjà l’été', 'À bientôt', 'Ísland', 'Þór’s', 'è’', 'é—', 'ô’s', 'ë…', 'Zoë’s', 'Ørsted’s',
  ])('leaves legitimate text alone: %s', (text) => {
    expect(findMojibake(text)).toEqual([]);
  });

  it.skipIf(!HAS_SHARED)('finds nothing in the real-world corpus', () => {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(md|mdx|markdown)$/.test(e.name)) {
          for (const r of findMojibake(readFileSync(p, 'utf8'))) found.push(`${p}:${r.start} ${r.text}`);
        }
      }
    };
    walk(REALWORLD);
    expect(found).toEqual([]);
  });
});
