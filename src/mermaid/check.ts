import { DiagramSourceMap } from '../model/source-map.js';
import type { DocumentModel } from '../model/types.js';
import { detectDiagramType } from './detect.js';
import { validateDiagram } from './validate/index.js';

/**
 * Fills in `errors` for every diagram not checked yet, with mermaid's verdict
 * and file positions. Types without a parser of ours go to their validator
 * (which loads mermaid lazily, only when such a block is present).
 */
export async function checkDiagrams(model: DocumentModel): Promise<void> {
  for (const d of model.diagrams) {
    if (d.errors !== null) continue;
    const problems = await validateDiagram(d.source, detectDiagramType(d.source));
    const map = new DiagramSourceMap(d.source, d.lineMap);
    d.errors = problems.map((p) => ({ message: p.message, kind: p.kind, position: map.position(p.span) }));
  }
}
