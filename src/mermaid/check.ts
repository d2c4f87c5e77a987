import { DiagramSourceMap } from '../model/source-map.js';
import type { DocumentModel } from '../model/types.js';
import { detectDiagramType } from './detect.js';
import { validateDiagram, type DiagramProblem } from './validate/index.js';

/**
 * Fills in `errors` for every diagram not checked yet, with mermaid's verdict
 * and file positions. Types without a parser of ours go to their validator
 * (which loads mermaid lazily, only when such a block is present).
 */
export async function checkDiagrams(model: DocumentModel): Promise<void> {
  for (const d of model.diagrams) {
    if (d.errors !== null) continue;
    const problems = await validated(d.source);
    const map = new DiagramSourceMap(d.source, d.lineMap);
    d.errors = problems.map((p) => ({ message: p.message, kind: p.kind, position: map.position(p.span) }));
  }
}

/**
 * mermaid's verdict per diagram text, shared by the whole run: documentation
 * repeats diagrams (translations, copies), and mermaid's parse costs
 * milliseconds each. Spans are offsets into the text, so a verdict applies to
 * every copy. Bounded, oldest first out.
 */
const verdicts = new Map<string, Promise<DiagramProblem[]>>();
const VERDICT_CACHE_LIMIT = 5000;

function validated(source: string): Promise<DiagramProblem[]> {
  let v = verdicts.get(source);
  if (!v) {
    v = validateDiagram(source, detectDiagramType(source));
    if (verdicts.size >= VERDICT_CACHE_LIMIT) verdicts.delete(verdicts.keys().next().value as string);
    verdicts.set(source, v);
  }
  return v;
}
