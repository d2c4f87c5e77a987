import type { Rule } from '../lint/types.js';

type JsonSchema = Record<string, unknown>;

const severity = { enum: ['off', 'error', 'warning', 'info'] };

/** JSON Schema of one option, from the type of its default value. */
function optionSchema(value: unknown): JsonSchema {
  if (Array.isArray(value)) return { type: 'array', items: { type: 'string' }, default: value };
  return { type: typeof value, default: value };
}

/** JSON Schema of one rule's setting: a severity, or `[severity, options]` with the rule's own options. */
function ruleSchema(rule: Rule): JsonSchema {
  const options = Object.entries(rule.meta.defaultOptions);
  const description = `${rule.meta.description} Default: ${rule.meta.defaultSeverity}. See ${rule.meta.docs}.`;
  return {
    description,
    oneOf: [
      severity,
      {
        type: 'array',
        prefixItems: [severity, { type: 'object', additionalProperties: false, properties: Object.fromEntries(options.map(([k, v]) => [k, optionSchema(v)])) }],
        minItems: 1,
        maxItems: 2,
      },
    ],
  };
}

/**
 * The JSON Schema (draft 2020-12) of mermaid-lint configuration files, built
 * from the rule registry so that editors complete rule ids and options.
 */
export function configSchema(rules: readonly Rule[]): JsonSchema {
  const ruleProps = Object.fromEntries(rules.map((r) => [r.meta.id, ruleSchema(r)]));
  const rulesObject = { type: 'object', additionalProperties: false, properties: ruleProps };
  const strings = { type: 'array', items: { type: 'string' } };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://unpkg.com/mermaid-lint/schema/mermaid-lint.schema.json',
    title: 'mermaid-lint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: { description: 'Configuration files this one builds on, relative to it.', oneOf: [{ type: 'string' }, strings] },
      rules: { description: 'Rule settings: "off", a severity, or [severity, options].', ...rulesObject },
      vocabulary: { description: 'Extra known names for the name rules.', ...strings },
      ignores: { description: 'Globs of files not to lint, relative to this file.', ...strings },
      overrides: {
        description: 'Settings for the files matching `files`.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: { oneOf: [{ type: 'string' }, strings] },
            rules: rulesObject,
            vocabulary: strings,
          },
        },
      },
    },
  };
}
