import { isAbsolute, relative, resolve } from 'node:path';
import type { LintResult } from '../lint/engine.js';
import type { Diagnostic, Severity } from '../lint/types.js';
import { codeFrame, stringWidth } from './code-frame.js';
import { createColors, type Colors, type Style } from './color.js';
import type { FormatContext } from './index.js';

/** The stylish path of a result: relative to `cwd` when inside it, as given otherwise. */
function displayPath(path: string | null, cwd: string): string {
  if (path === null) return '<input>';
  const rel = relative(cwd, resolve(cwd, path));
  return rel === '' ? path : rel.startsWith('..') && isAbsolute(path) ? path : rel;
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

function severityStyle(colors: Colors, severity: Severity): Style {
  return severity === 'error' ? colors.red : severity === 'warning' ? colors.yellow : colors.blue;
}

const oneLine = (text: string): string => text.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');

/** Messages longer than this are not padded to, so one long message does not widen every line. */
const MAX_ALIGNED_MESSAGE = 80;

const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - stringWidth(text)));

/**
 * ESLint-style report grouped by file: per finding `line:column  severity
 * message  rule-id` in aligned columns, the code frame of its span (when the
 * file's text is in `ctx.sources`) and its related locations, then a summary.
 * Empty when there is nothing to report.
 */
export function formatStylish(results: readonly LintResult[], ctx: FormatContext): string {
  const colors = createColors(ctx.color);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let safe = 0;
  let unsafe = 0;
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    const source = ctx.sources.get(r.path ?? '');
    out.push(colors.underline(displayPath(r.path, ctx.cwd)));
    const rows = r.diagnostics.map((d) => ({ d, pos: `${d.position.start.line}:${d.position.start.column}`, message: oneLine(d.message) }));
    const posWidth = Math.max(...rows.map((x) => x.pos.length));
    const sevWidth = Math.max(...rows.map((x) => x.d.severity.length));
    // Align rule ids, but let a long message push only its own id along rather than every row's.
    const msgWidth = Math.min(MAX_ALIGNED_MESSAGE, Math.max(...rows.map((x) => stringWidth(x.message))));
    for (const { d, pos, message } of rows) {
      const style = severityStyle(colors, d.severity);
      out.push(`  ${colors.dim(pos.padEnd(posWidth))}  ${style(d.severity.padEnd(sevWidth))}  ${padEnd(message, msgWidth)}  ${colors.dim(d.ruleId)}`);
      if (source !== undefined) {
        for (const line of codeFrame(source, d.position, { colors, markerStyle: style })) out.push(`    ${line}`.trimEnd());
      }
      for (const rel of relatedLines(d)) out.push(`    ${colors.dim(rel)}`);
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
      if (d.fix?.kind === 'safe') safe++;
      else if (d.fix) unsafe++;
    }
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const summaryStyle = (s: string): string => colors.bold(errors ? colors.red(s) : warnings ? colors.yellow(s) : colors.blue(s));
  out.push(summaryStyle(`✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`));
  const fixes: string[] = [];
  if (safe) fixes.push(`${safe} fixable with --fix`);
  if (unsafe) fixes.push(safe ? `${unsafe} more with --fix-unsafe` : `${unsafe} fixable with --fix-unsafe`);
  if (fixes.length) out.push(summaryStyle(`  ${fixes.join(', ')}`));
  return `${out.join('\n')}\n`;
}

function relatedLines(d: Diagnostic): string[] {
  return d.related.map((x) => `↳ ${x.position.start.line}:${x.position.start.column}  ${oneLine(x.message)}`);
}
