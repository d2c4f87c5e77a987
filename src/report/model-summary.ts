import type { Position } from '../model/position.js';
import type { DocumentModel } from '../model/types.js';

const at = (p: Position): string => `${p.start.line}:${p.start.column}`;

/** A short human-readable summary of a document model, for `mermaid-lint model`. */
export function formatModelSummary(model: DocumentModel): string {
  const out: string[] = [];
  const name = model.path ?? '<input>';
  out.push(`${name}  (${model.kind}, ${model.lineCount} lines${model.bom ? ', BOM' : ''}${model.lineEnding === '\n' ? '' : ', CRLF'.replace('CRLF', model.lineEnding === '\r\n' ? 'CRLF' : 'CR')})`);
  if (model.frontMatter) out.push(`  front matter  ${at(model.frontMatter.position)}`);
  out.push(`  sections  ${model.sections.length}`);
  for (const s of model.sections) {
    out.push(`    ${at(s.position)}  ${'#'.repeat(s.depth)} ${s.text}`);
  }
  out.push(`  tables    ${model.tables.length}`);
  for (const t of model.tables) {
    const cols = t.header.map((c) => c.text).join(' | ');
    out.push(`    ${at(t.position)}  ${t.rows.length} rows  [${cols}]`);
  }
  out.push(`  lists     ${model.lists.length}`);
  for (const l of model.lists) {
    const labelled = l.items.filter((i) => i.labelled).length;
    out.push(`    ${at(l.position)}  ${l.ordered ? 'ordered' : 'bullet'}, ${l.items.length} items${labelled ? `, ${labelled} "label: members"` : ''}`);
  }
  out.push(`  diagrams  ${model.diagrams.length}`);
  for (const d of model.diagrams) {
    const lines = `lines ${d.position.start.line}-${d.position.end.line}`;
    out.push(`    ${at(d.position)}  ${d.type ?? 'unknown type'}${d.keyword ? ` (${d.keyword})` : ''}  ${lines}  ${d.container}`);
  }
  const declared = model.names.filter((n) => n.declared).length;
  out.push(`  names     ${model.names.length} (${declared} declared)`);
  for (const n of model.names) {
    const extra: string[] = [];
    if (n.aliases.length) extra.push(`alias ${n.aliases.join(', ')}`);
    if (n.parts.length) extra.push(`parts ${n.parts.join(', ')}`);
    if (n.alternativeTo) extra.push(`alternative to ${n.alternativeTo}`);
    const where = n.mentions.map((m) => `${m.kind} ${at(m.position)}`).join(', ');
    out.push(`    ${n.name}${extra.length ? ` (${extra.join('; ')})` : ''}  ${where}`);
  }
  return `${out.join('\n')}\n`;
}
