import type { LintResult } from '../lint/engine.js';

/** One line per finding: `file:line:column  severity  message  rule-id`, then a count. */
export function formatCompact(results: readonly LintResult[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  let unsafe = 0;
  for (const r of results) {
    for (const d of r.diagnostics) {
      const p = d.position.start;
      lines.push(`${r.path ?? '<input>'}:${p.line}:${p.column}  ${d.severity}  ${d.message}  ${d.ruleId}`);
    }
    errors += r.errorCount;
    warnings += r.warningCount;
    infos += r.infoCount;
    for (const d of r.diagnostics) {
      if (d.fix?.kind === 'safe') fixable++;
      else if (d.fix) unsafe++;
    }
  }
  const total = errors + warnings + infos;
  if (total > 0) {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    lines.push('');
    lines.push(
      `${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info)` +
        (fixable ? `; ${fixable} fixable with --fix` : '') +
        (unsafe ? `; ${unsafe} ${fixable ? 'more ' : ''}with --fix-unsafe` : ''),
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
