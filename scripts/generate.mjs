// Writes the files generated from the rule registry: the configuration's JSON Schema
// and the rule table in the README. `npm run generate` (after a build); a test fails
// when the committed files are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchema, renderRuleTable, RULES, RULE_TABLE_END, RULE_TABLE_START } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'schema', 'mermaid-lint.schema.json'), `${JSON.stringify(configSchema(RULES), null, 2)}\n`);
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(RULE_TABLE_START);
const end = readme.indexOf(RULE_TABLE_END);
if (start < 0 || end < 0) throw new Error('README.md lacks the rule table markers');
writeFileSync(readmePath, readme.slice(0, start + RULE_TABLE_START.length) + '\n' + renderRuleTable(RULES) + readme.slice(end));
console.log('wrote schema/mermaid-lint.schema.json and the README rule table');
