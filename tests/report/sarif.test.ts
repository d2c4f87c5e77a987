import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { createFormatContext } from '../../src/report/index.js';
import { formatSarif, toSarif } from '../../src/report/sarif.js';
import { RULES } from '../../src/rules/index.js';
import { VERSION } from '../../src/version.js';
import { diag, DOC_A, find, linted, result, span } from './helpers.js';

// Both packages are CommonJS with `exports.default`: under NodeNext the default import is typed as the module object.
type AjvClass = typeof AjvDraft04Module.default;
type FormatsPlugin = typeof addFormatsModule.default;
const Ajv: AjvClass = (AjvDraft04Module as unknown as { default?: AjvClass }).default ?? (AjvDraft04Module as unknown as AjvClass);
const addFormats: FormatsPlugin = (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

// The OASIS SARIF 2.1.0 schema (JSON Schema draft-04, final "rtm.5"), as the npm package
// @microsoft/jest-sarif ships it: no network at test time.
const schema = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url)), 'utf8'),
) as object;
// The published schema's `language` pattern is not a valid Unicode-mode regular expression.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const cwd = '/repo';

describe('sarif', () => {
  test('the schema validator rejects what is not SARIF', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: {} }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  test('validates against the SARIF 2.1.0 schema, with and without findings', async () => {
    const { results, sources } = await linted();
    expectValid(JSON.parse(formatSarif(results, createFormatContext({ cwd: process.cwd(), sources }))));
    expectValid(JSON.parse(formatSarif([], createFormatContext())));
    expectValid(toSarif(results, createFormatContext({ docsBaseUrl: 'https://example.org/mermaid-lint/' })));
  });

  test('describes the tool and every rule; results point at their rule', async () => {
    const { results, sources } = await linted();
    const log = toSarif(results, createFormatContext({ cwd: process.cwd(), sources }));
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('mermaid-lint');
    expect(run.tool.driver.version).toBe(VERSION);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const [i, rule] of RULES.entries()) {
      const d = run.tool.driver.rules[i]!;
      expect(d.shortDescription.text).toBe(rule.meta.description);
      expect(d.properties?.docs).toBe(rule.meta.docs);
      expect(d.defaultConfiguration.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[rule.meta.defaultSeverity]);
    }
    expect(run.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['encoding-damage', 'warning'],
      ['diagram-syntax', 'error'],
      ['lint-directive', 'warning'],
    ]);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(r.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'docs/a.md', uriBaseId: '%SRCROOT%' });
    }
    expect(run.results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 3, startColumn: 9, endLine: 3, endColumn: 11 });
    // The safe fix as a replacement of lines and columns (the source is known).
    expect(run.results[0]!.fixes).toEqual([
      {
        description: { text: 'Safe fix (applied by --fix)' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'docs/a.md', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 11 }, insertedContent: { text: 'é' } }],
          },
        ],
      },
    ]);
    expect(DOC_A.slice(17, 19)).toBe('Ã©');
  });

  test('helpUri and informationUri resolve docs paths against docsBaseUrl when given', () => {
    const none = toSarif([], createFormatContext());
    expect(none.runs[0].tool.driver.informationUri).toBeUndefined();
    expect(none.runs[0].tool.driver.rules[0]!.helpUri).toBeUndefined();
    const log = toSarif([], createFormatContext({ docsBaseUrl: 'https://example.org/mermaid-lint/' }));
    expect(log.runs[0].tool.driver.informationUri).toBe('https://example.org/mermaid-lint/');
    expect(log.runs[0].tool.driver.rules[0]!.helpUri).toBe(`https://example.org/mermaid-lint/docs/rules/${RULES[0]!.meta.id}.md`);
  });

  test('info → note; related locations; unsafe fixes; unknown rules get a descriptor; paths are URI-encoded', () => {
    const text = 'A[Start] --> B\nA --> C\n';
    const r = result('/repo/my docs/ä#1.md', [
      diag('plugin-rule', 'info', 'Label differs', find(text, 'Start'), {
        related: [{ message: 'declared here', position: find(text, 'C') }],
        fix: { kind: 'unsafe', edits: [{ start: 2, end: 7, text: 'Begin' }, { start: 15, end: 15, text: '%% x\n' }] },
      }),
    ]);
    const log = toSarif([r], createFormatContext({ cwd }));
    expectValid(log);
    const run = log.runs[0];
    const res = run.results[0]!;
    expect(res.level).toBe('note');
    expect(run.tool.driver.rules[res.ruleIndex]).toEqual({ id: 'plugin-rule', name: 'plugin-rule', shortDescription: { text: 'plugin-rule' }, defaultConfiguration: { level: 'note' } });
    const artifact = { uri: 'my%20docs/%C3%A4%231.md', uriBaseId: '%SRCROOT%' };
    expect(res.locations[0]!.physicalLocation.artifactLocation).toEqual(artifact);
    expect(res.relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: artifact, region: { startLine: 2, startColumn: 7, endLine: 2, endColumn: 8 } }, message: { text: 'declared here' } },
    ]);
    // Without the source text, fix regions are character offsets.
    expect(res.fixes?.[0]?.artifactChanges[0]?.replacements).toEqual([
      { deletedRegion: { charOffset: 2, charLength: 5 }, insertedContent: { text: 'Begin' } },
      { deletedRegion: { charOffset: 15, charLength: 0 }, insertedContent: { text: '%% x\n' } },
    ]);
    expect(res.fixes?.[0]?.description.text).toMatch(/^Unsafe fix/);
  });

  test('a file outside cwd is a file: URI; an empty span is a valid region', () => {
    const text = 'x\n';
    const log = toSarif([result('/elsewhere/a.md', [diag('r', 'error', 'm', span(text, 1))])], createFormatContext({ cwd }));
    expectValid(log);
    const loc = log.runs[0].results[0]!.locations[0]!.physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: 'file:///elsewhere/a.md' });
    expect(loc.region).toEqual({ startLine: 1, startColumn: 2, endLine: 1, endColumn: 2 });
  });
});
