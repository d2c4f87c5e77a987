import type { Position } from '../model/position.js';
import type { DiagramSourceMap } from '../model/source-map.js';
import type { Diagram, DocumentModel } from '../model/types.js';
import type { Vocabulary } from './vocabulary.js';

export type Severity = 'error' | 'warning' | 'info';

/** Replace `[start, end)` of the file text (offsets after a BOM) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * A fix: text edits applied together. `safe` fixes are applied by `--fix`;
 * `unsafe` ones (they may change meaning) only by `--fix-unsafe`.
 */
export interface Fix {
  kind: 'safe' | 'unsafe';
  edits: TextEdit[];
}

/** A place related to a finding ("declared here"). */
export interface RelatedLocation {
  message: string;
  position: Position;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  /** Names the offending text and what is expected instead. */
  message: string;
  position: Position;
  related: RelatedLocation[];
  fix: Fix | null;
}

/** Whether and how a rule can fix what it reports. */
export type Fixable = 'safe' | 'unsafe' | false;

/** Option values a rule accepts: plain JSON data. */
export type RuleOptionValue = string | number | boolean | string[];

export interface RuleMeta<O extends Record<string, RuleOptionValue> = Record<string, RuleOptionValue>> {
  /** kebab-case; equals the rule's file name and registry key. */
  id: string;
  /** One sentence: what the rule finds. */
  description: string;
  defaultSeverity: Severity;
  fixable: Fixable;
  /** Link to the rule's documentation page. */
  docs: string;
  /** Options with their defaults; a configured value must have the same JSON type. */
  defaultOptions: O;
}

export interface ReportDescriptor {
  message: string;
  position: Position;
  related?: RelatedLocation[];
  /** Edits that fix this finding; the rule's `fixable` says whether they are safe unless `fixKind` overrides it. */
  fix?: TextEdit[] | null;
  fixKind?: 'safe' | 'unsafe';
}

export interface RuleContext<O extends Record<string, RuleOptionValue> = Record<string, RuleOptionValue>> {
  readonly model: DocumentModel;
  /** The file's text (after a BOM), for rules about raw characters; structure comes from the model. */
  readonly text: string;
  readonly options: O;
  /** Known names: configured vocabulary and the built-in dictionary of software terms. */
  readonly vocabulary: Vocabulary;
  /** Ids of every rule of this run's registry (for rules about rule names). */
  readonly ruleIds: ReadonlySet<string>;
  /** Maps offsets in a diagram's text to file positions. */
  sourceMap(diagram: Diagram): DiagramSourceMap;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<O extends Record<string, RuleOptionValue> = Record<string, RuleOptionValue>> {
  meta: RuleMeta<O>;
  check(context: RuleContext<O>): void;
}

/** A rule's configured state: `off`, a severity, or `[severity, options]`. */
export type RuleSetting = 'off' | Severity | [Severity | 'off', Record<string, RuleOptionValue>?];

export interface Config {
  /** Editor hint: the JSON Schema of this file. */
  $schema?: string;
  /** Configuration files this one builds on, resolved relative to it; later entries and this file win. */
  extends?: string | string[];
  rules?: Record<string, RuleSetting>;
  /** Extra known names (product names, internal tools) for the name rules. */
  vocabulary?: string[];
  /** Globs of files not to lint, relative to the configuration file. */
  ignores?: string[];
  /** Settings for the files matching `files` (globs relative to the configuration file). */
  overrides?: ConfigOverride[];
}

export interface ConfigOverride {
  files: string | string[];
  rules?: Record<string, RuleSetting>;
  vocabulary?: string[];
}

/**
 * Declares a rule with typed options. The registry holds rules with options
 * of any shape; the engine validates configured options against
 * `meta.defaultOptions`, so the rule sees the shape it declared.
 */
export function defineRule<O extends Record<string, RuleOptionValue>>(rule: Rule<O>): Rule {
  return rule as unknown as Rule;
}
