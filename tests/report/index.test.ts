import { describe, expect, test } from 'vitest';
import { formatCompact } from '../../src/report/compact.js';
import { createFormatContext, DEFAULT_FORMAT, FORMATTERS, isFormatName, shouldUseColor, type FormatName } from '../../src/report/index.js';
import { formatJson, JSON_REPORT_VERSION, toJsonReport } from '../../src/report/json.js';
import { RULES } from '../../src/rules/index.js';
import { linted } from './helpers.js';

const NAMES: FormatName[] = ['stylish', 'compact', 'json', 'sarif', 'github', 'junit'];

describe('FORMATTERS', () => {
  test('holds every format; stylish is the default', () => {
    expect(Object.keys(FORMATTERS).sort()).toEqual([...NAMES].sort());
    expect(DEFAULT_FORMAT).toBe('stylish');
    for (const n of NAMES) expect(isFormatName(n)).toBe(true);
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('xml')).toBe(false);
    expect(typeof shouldUseColor).toBe('function');
  });

  test('createFormatContext fills in defaults', () => {
    const ctx = createFormatContext({ color: true });
    expect(ctx.cwd).toBe(process.cwd());
    expect(ctx.color).toBe(true);
    expect(ctx.sources.size).toBe(0);
    expect(ctx.rules).toBe(RULES);
  });

  test('every format renders the same results; the text formats end with a newline', async () => {
    const { results, sources } = await linted();
    const ctx = createFormatContext({ sources });
    for (const n of NAMES) {
      const out = FORMATTERS[n](results, ctx);
      expect(out.length, n).toBeGreaterThan(0);
      expect(out.endsWith('\n'), n).toBe(true);
      expect(out, n).not.toContain('\u001b[');
    }
  });

  test('with no problems stylish, compact and github print nothing; json, sarif and junit still print a report', async () => {
    const { results } = await linted();
    const clean = results.filter((r) => r.diagnostics.length === 0);
    const ctx = createFormatContext();
    expect(FORMATTERS.stylish(clean, ctx)).toBe('');
    expect(FORMATTERS.compact(clean, ctx)).toBe('');
    expect(FORMATTERS.github(clean, ctx)).toBe('');
    expect(JSON.parse(FORMATTERS.json(clean, ctx)).files).toHaveLength(1);
    expect(JSON.parse(FORMATTERS.sarif(clean, ctx)).runs[0].results).toEqual([]);
    expect(FORMATTERS.junit(clean, ctx)).toContain('<testcase');
  });

  test('compact and json are the existing formatters', async () => {
    const { results } = await linted();
    const ctx = createFormatContext();
    expect(FORMATTERS.compact(results, ctx)).toBe(formatCompact(results));
    expect(FORMATTERS.json(results, ctx)).toBe(formatJson(results));
    expect(FORMATTERS.compact(results, ctx).split('\n')[0]).toBe(
      'docs/a.md:3:9  warning  Text decoded with the wrong charset: `Ã©` should be `é` (UTF-8 read as Windows-1252)  encoding-damage',
    );
    const report = toJsonReport(results);
    expect(report.version).toBe(JSON_REPORT_VERSION);
    expect(report).toMatchObject({ errorCount: 1, warningCount: 2, infoCount: 0, fixableCount: 1 });
    expect(report.files[0]!.diagnostics[1]).toEqual({
      ruleId: 'diagram-syntax',
      severity: 'error',
      message: 'Unexpected end of input after a link; expected a node id',
      line: 8,
      column: 8,
      endLine: 8,
      endColumn: 8,
      offset: 68,
      endOffset: 68,
      related: [],
      fix: null,
    });
  });
});
