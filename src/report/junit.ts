import { relative, resolve, sep } from 'node:path';
import type { LintResult } from '../lint/engine.js';
import type { FormatContext } from './index.js';

/*
 * JUnit XML, as CI systems (GitLab, Jenkins, Azure Pipelines…) read it: one
 * <testsuite> per file, one failing <testcase> per finding, or one passing
 * <testcase> for a file without findings.
 */

// Characters XML 1.0 cannot hold, even as references: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const unrepresentable = (ch: string): string => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

/** Escapes character data; characters XML cannot hold become `\uXXXX` text. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML, unrepresentable).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted); line breaks and tabs are kept as character references. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function reportPath(path: string | null, cwd: string): string {
  if (path === null) return '<input>';
  const rel = relative(cwd, resolve(cwd, path));
  return (rel === '' ? path : rel).split(sep).join('/');
}

/** JUnit XML report (every severity is a failure; its type is the rule id). */
export function formatJunit(results: readonly LintResult[], ctx: FormatContext): string {
  const a = escapeXmlAttribute;
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const r of results) {
    const file = reportPath(r.path, ctx.cwd);
    const cases: string[] = [];
    for (const d of r.diagnostics) {
      const { line, column } = d.position.start;
      const where = `${file}:${line}:${column}`;
      cases.push(
        `    <testcase classname="${a(file)}" name="${a(`${d.ruleId} at ${line}:${column}`)}" file="${a(file)}" line="${line}" time="0">\n` +
          `      <failure message="${a(d.message)}" type="${a(d.ruleId)}">${escapeXmlText(`${d.severity}: ${d.message} (${d.ruleId}) at ${where}`)}</failure>\n` +
          `    </testcase>`,
      );
    }
    if (cases.length === 0) cases.push(`    <testcase classname="${a(file)}" name="${a(file)}" file="${a(file)}" time="0"/>`);
    const count = Math.max(1, r.diagnostics.length);
    tests += count;
    failures += r.diagnostics.length;
    suites.push(
      `  <testsuite name="${a(file)}" tests="${count}" failures="${r.diagnostics.length}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="mermaid-lint" tests="${tests}" failures="${failures}" errors="0" time="0">\n` +
    suites.map((s) => `${s}\n`).join('') +
    `</testsuites>\n`
  );
}
