import type { LintResult } from '../lint/engine.js';
import type { RuleMeta } from '../lint/types.js';
import { RULES } from '../rules/index.js';
import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export { shouldUseColor } from './color.js';

/** What a formatter may need besides the results. */
export interface FormatContext {
  /** Directory that reported paths are made relative to (SARIF's `%SRCROOT%`). */
  cwd: string;
  /** Whether to colour (stylish only); decide it with `shouldUseColor(process.stdout, process.env)`. */
  color: boolean;
  /**
   * The text of each linted file, keyed by `LintResult.path` exactly as in the
   * results (`''` for a result whose path is null); as read, a BOM may remain.
   * Stylish shows code frames from it and SARIF gives fix regions as lines and
   * columns; a missing entry only leaves those out.
   */
  sources: ReadonlyMap<string, string>;
  /** The rule registry whose metadata SARIF describes (normally `RULES`). */
  rules: readonly { meta: RuleMeta }[];
  /**
   * Absolute URL that rule `meta.docs` paths (`docs/rules/<id>.md`) resolve
   * against for SARIF's `helpUri`, and the tool's `informationUri`; left out
   * when not given.
   */
  docsBaseUrl?: string;
}

/** Renders results as the text to write to stdout ('' writes nothing). */
export type Formatter = (results: readonly LintResult[], ctx: FormatContext) => string;

export type FormatName = 'stylish' | 'compact' | 'json' | 'sarif' | 'github' | 'junit';

/** Every output format by its `--format` name. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  stylish: formatStylish,
  compact: (results) => formatCompact(results),
  json: (results) => formatJson(results),
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
};

export const DEFAULT_FORMAT: FormatName = 'stylish';

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

/** A context with defaults: the process's cwd, no colour, no sources, the built-in rules. */
export function createFormatContext(options: Partial<FormatContext> = {}): FormatContext {
  return { cwd: process.cwd(), color: false, sources: new Map(), rules: RULES, ...options };
}
