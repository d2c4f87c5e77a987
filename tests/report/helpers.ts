import { lint, type LintResult } from '../../src/lint/engine.js';
import type { Diagnostic, Fix, RelatedLocation, Severity } from '../../src/lint/types.js';
import { LineIndex } from '../../src/markdown/lines.js';
import type { Position } from '../../src/model/position.js';

/** The position of `[start, end)` offsets in `text`. */
export function span(text: string, start: number, end: number = start): Position {
  const index = new LineIndex(text);
  return { start: index.point(start), end: index.point(end) };
}

/** The position of the first occurrence of `needle` in `text`. */
export function find(text: string, needle: string): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  return span(text, at, at + needle.length);
}

export function diag(ruleId: string, severity: Severity, message: string, position: Position, extra: { related?: RelatedLocation[]; fix?: Fix | null } = {}): Diagnostic {
  return { ruleId, severity, message, position, related: extra.related ?? [], fix: extra.fix ?? null };
}

/** A result with counts computed from its diagnostics. */
export function result(path: string | null, diagnostics: Diagnostic[]): LintResult {
  return {
    path,
    diagnostics,
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    infoCount: diagnostics.filter((d) => d.severity === 'info').length,
    fixableCount: diagnostics.filter((d) => d.fix).length,
  };
}

export const DOC_A = '# Title\n\nSome cafÃ© text.\n\n```mermaid\nflowchart TD\n  A --> B\n  A -->\n```\n\n<!-- mermaid-lint-disable nope -->\n';
export const DOC_CLEAN = '# Clean\n\nNothing to see.\n';

/** Real results from the engine: a file with an error, two warnings (one fixable), and a clean file. */
export async function linted(): Promise<{ results: LintResult[]; sources: Map<string, string> }> {
  const results = [await lint(DOC_A, { path: 'docs/a.md' }), await lint(DOC_CLEAN, { path: 'docs/clean.md' })];
  return { results, sources: new Map([['docs/a.md', DOC_A], ['docs/clean.md', DOC_CLEAN]]) };
}
