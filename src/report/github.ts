import { relative, resolve, sep } from 'node:path';
import type { LintResult } from '../lint/engine.js';
import type { Severity } from '../lint/types.js';
import type { FormatContext } from './index.js';

/*
 * GitHub Actions workflow commands: each finding becomes an annotation on the
 * run and, for files of the pull request, on the diff.
 */

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message as the Actions toolkit does (`%`, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value as the Actions toolkit does (`%`, CR, LF, `:`, `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The annotation path: relative to the cwd (the workspace) with `/` separators. */
function annotationPath(path: string | null, cwd: string): string {
  if (path === null) return '<input>';
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === '' ? path : rel).split(sep).join('/');
}

/**
 * One `::error`/`::warning`/`::notice` command per finding, with `file`,
 * `line`, `endLine`, the rule id as `title`, and `col`/`endColumn` (inclusive)
 * when the span is on one line (GitHub ignores columns otherwise).
 */
export function formatGithub(results: readonly LintResult[], ctx: FormatContext): string {
  const lines: string[] = [];
  for (const r of results) {
    const file = annotationPath(r.path, ctx.cwd);
    for (const d of r.diagnostics) {
      const { start, end } = d.position;
      const props: [string, string | number][] = [['file', file], ['line', start.line]];
      // A span ending at the start of a line ends on the line before.
      let endLine = end.line;
      if (end.line > start.line && end.column === 1) endLine--;
      if (endLine === start.line) {
        props.push(['col', start.column], ['endLine', endLine]);
        // endColumn is the last character's column; a span running to the line's end leaves it out.
        if (end.line === start.line) props.push(['endColumn', Math.max(start.column, end.column - 1)]);
      } else {
        props.push(['endLine', endLine]);
      }
      props.push(['title', d.ruleId]);
      const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
      lines.push(`::${COMMAND[d.severity]} ${properties}::${escapeData(d.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
