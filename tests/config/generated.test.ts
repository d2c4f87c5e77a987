import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderRuleTable, RULE_TABLE_END, RULE_TABLE_START } from '../../src/config/rule-table.js';
import { configSchema } from '../../src/config/schema.js';
import { RULES } from '../../src/rules/index.js';
import { ROOT } from '../helpers/paths.js';

const STALE = 'stale: run `npm run generate` and commit the result';

describe('generated files', () => {
  it(`schema/mermaid-lint.schema.json matches the rule registry (${STALE})`, () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schema', 'mermaid-lint.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(configSchema(RULES));
  });

  it(`the README's rule table matches the rule registry (${STALE})`, () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf(RULE_TABLE_START) + RULE_TABLE_START.length, readme.indexOf(RULE_TABLE_END));
    expect(table.trim()).toBe(renderRuleTable(RULES).trim());
  });
});

describe('the configuration schema', () => {
  // CommonJS with `exports.default`: under NodeNext the default import is the module object.
  type AjvClass = typeof Ajv2020Module.default;
  const Ajv2020 = ((Ajv2020Module as unknown as { default?: AjvClass }).default ?? Ajv2020Module) as AjvClass;
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(configSchema(RULES));

  it('accepts what the loader accepts', () => {
    for (const config of [
      {},
      { rules: { 'label-drift': 'off', 'split-incomplete': ['info', { minViews: 3 }] } },
      { extends: './base.json', vocabulary: ['Acme'], ignores: ['build/**'] },
      { overrides: [{ files: ['legacy/**'], rules: { 'diagram-syntax': 'warning' } }] },
    ]) {
      expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('rejects unknown rules, severities, options and keys', () => {
    for (const config of [
      { rules: { nope: 'error' } },
      { rules: { 'label-drift': 'loud' } },
      { rules: { 'split-incomplete': ['info', { minViews: '3' }] } },
      { rules: { 'split-incomplete': ['info', { other: 1 }] } },
      { colour: true },
      { overrides: [{ rules: {} }] },
    ]) {
      expect(validate(config), JSON.stringify(config)).toBe(false);
    }
  });
});
