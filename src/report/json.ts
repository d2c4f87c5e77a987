import type { LintResult } from '../lint/engine.js';
import type { Diagnostic } from '../lint/types.js';

/** Version of the JSON report's shape; bumped on incompatible changes. */
export const JSON_REPORT_VERSION = 1;

export interface JsonDiagnostic {
  ruleId: string;
  severity: Diagnostic['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based offsets into the file's text (after a BOM). */
  offset: number;
  endOffset: number;
  related: { message: string; line: number; column: number; endLine: number; endColumn: number }[];
  fix: { kind: 'safe' | 'unsafe'; edits: { start: number; end: number; text: string }[] } | null;
}

export interface JsonReport {
  version: number;
  files: { path: string | null; errorCount: number; warningCount: number; infoCount: number; fixableCount: number; diagnostics: JsonDiagnostic[] }[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableCount: number;
}

/** The stable JSON report (see docs/formats.md). */
export function toJsonReport(results: readonly LintResult[]): JsonReport {
  const files = results.map((r) => ({
    path: r.path,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    infoCount: r.infoCount,
    fixableCount: r.fixableCount,
    diagnostics: r.diagnostics.map(
      (d): JsonDiagnostic => ({
        ruleId: d.ruleId,
        severity: d.severity,
        message: d.message,
        line: d.position.start.line,
        column: d.position.start.column,
        endLine: d.position.end.line,
        endColumn: d.position.end.column,
        offset: d.position.start.offset,
        endOffset: d.position.end.offset,
        related: d.related.map((x) => ({
          message: x.message,
          line: x.position.start.line,
          column: x.position.start.column,
          endLine: x.position.end.line,
          endColumn: x.position.end.column,
        })),
        fix: d.fix,
      }),
    ),
  }));
  const sum = (k: 'errorCount' | 'warningCount' | 'infoCount' | 'fixableCount') => files.reduce((n, f) => n + f[k], 0);
  return {
    version: JSON_REPORT_VERSION,
    files,
    errorCount: sum('errorCount'),
    warningCount: sum('warningCount'),
    infoCount: sum('infoCount'),
    fixableCount: sum('fixableCount'),
  };
}

export function formatJson(results: readonly LintResult[]): string {
  return `${JSON.stringify(toJsonReport(results), null, 2)}\n`;
}
