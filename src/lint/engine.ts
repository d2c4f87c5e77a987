import { checkDiagrams } from '../mermaid/check.js';
import { parseDocument } from '../model/document.js';
import { DiagramSourceMap } from '../model/source-map.js';
import type { Diagram, DocumentModel } from '../model/types.js';
import { RULES } from '../rules/index.js';
import { resolveRules, type ActiveRule } from './config.js';
import { applyDisableDirectives, DIRECTIVE_RULE_ID } from './directives.js';
import { applyFixes } from './fix.js';
import type { Config, Diagnostic, Rule, RuleContext } from './types.js';
import { createVocabulary, type Vocabulary } from './vocabulary.js';

export interface LintOptions {
  /** The file's path: used in results, for `.mmd` detection and for resolving relative links. */
  path?: string;
  config?: Config;
  /** Where the config came from, for error messages. */
  configSource?: string;
  /** The rules to choose from; defaults to every built-in rule. */
  rules?: readonly Rule[];
}

export interface LintResult {
  path: string | null;
  /** Sorted by position, then rule id. */
  diagnostics: Diagnostic[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Diagnostics that carry a fix. */
  fixableCount: number;
}

export interface FixOptions extends LintOptions {
  /** `safe` applies safe fixes only; `unsafe` applies unsafe ones too. */
  level?: 'safe' | 'unsafe';
}

export interface FixResult extends LintResult {
  /** The fixed text (equal to the input when nothing was fixed). */
  output: string;
  /** Number of fixes applied over all passes. */
  fixed: number;
}

const MAX_FIX_PASSES = 10;

/** Lints one document's text and returns its diagnostics. */
export async function lint(source: string, options: LintOptions = {}): Promise<LintResult> {
  const active = resolveRules(options.config, options.rules ?? RULES, options.configSource ?? null);
  const model = parseDocument(source, options.path !== undefined ? { path: options.path } : {});
  const diagnostics = await runRules(model, source, active, options.config, options.rules ?? RULES);
  return summarize(model.path, diagnostics);
}

/** Applies fixes until none is left to apply (at most ten passes), then lints the result. */
export async function fix(source: string, options: FixOptions = {}): Promise<FixResult> {
  const bom = source.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const kinds = new Set(options.level === 'unsafe' ? ['safe', 'unsafe'] : ['safe']);
  let text = source;
  let fixed = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const result = await lint(text, options);
    const fixes = result.diagnostics.flatMap((d) => (d.fix && kinds.has(d.fix.kind) ? [d.fix.edits] : []));
    if (fixes.length === 0) break;
    const body = bom ? text.slice(1) : text;
    const { output, applied } = applyFixes(body, fixes);
    if (applied === 0 || output === body) break;
    text = bom + output;
    fixed += applied;
  }
  const final = await lint(text, options);
  return { ...final, output: text, fixed };
}

/** Runs the active rules over a model. */
export async function runRules(
  model: DocumentModel,
  source: string,
  active: ActiveRule[],
  config: Config | undefined,
  registry: readonly Rule[] = RULES,
): Promise<Diagnostic[]> {
  if (active.some((a) => a.rule.meta.id === 'diagram-syntax')) await checkDiagrams(model);
  const text = model.bom ? source.slice(1) : source;
  const maps = new Map<Diagram, DiagramSourceMap>();
  let vocabulary: Vocabulary | undefined;
  const diagnostics: Diagnostic[] = [];
  const ruleIds = new Set(registry.map((r) => r.meta.id));
  for (const { rule, severity, options } of active) {
    const context: RuleContext = {
      model,
      text,
      options,
      ruleIds,
      get vocabulary() {
        vocabulary ??= createVocabulary(config?.vocabulary ?? []);
        return vocabulary;
      },
      sourceMap(diagram) {
        let m = maps.get(diagram);
        if (!m) {
          m = new DiagramSourceMap(diagram.source, diagram.lineMap);
          maps.set(diagram, m);
        }
        return m;
      },
      report(d) {
        diagnostics.push({
          ruleId: rule.meta.id,
          severity,
          message: d.message,
          position: d.position,
          related: d.related ?? [],
          fix: d.fix && d.fix.length > 0 && rule.meta.fixable ? { kind: d.fixKind ?? rule.meta.fixable, edits: d.fix } : null,
        });
      },
    };
    rule.check(context);
  }
  const directive = active.find((a) => a.rule.meta.id === DIRECTIVE_RULE_ID);
  const kept = applyDisableDirectives(model, diagnostics, directive ? directive.severity : 'off', new Set(active.map((a) => a.rule.meta.id)));
  return kept.sort(
    (a, b) => a.position.start.offset - b.position.start.offset || a.position.end.offset - b.position.end.offset || a.ruleId.localeCompare(b.ruleId),
  );
}

/** A result with its counts, from sorted diagnostics. */
export function summarize(path: string | null, diagnostics: Diagnostic[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  let fixableCount = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errorCount++;
    else if (d.severity === 'warning') warningCount++;
    else infoCount++;
    if (d.fix) fixableCount++;
  }
  return { path, diagnostics, errorCount, warningCount, infoCount, fixableCount };
}
