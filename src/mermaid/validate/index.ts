/**
 * Validation of non-flowchart mermaid diagrams with a verdict equal to
 * mermaid 12.3.0's `mermaid.parse`, and errors pointing at the offending token
 * in the original diagram text.
 *
 * - Types mermaid parses with @mermaid-js/parser (see {@link LANGIUM_TYPES}) are
 *   parsed with that package directly (no DOM needed). For the ones whose mermaid
 *   db can still reject a syntactically valid diagram and whose checks are not
 *   re-implemented here, a clean parse is confirmed with mermaid itself (a gitGraph
 *   only when its history does not replay cleanly, see `fast/gitgraph.ts`).
 * - Sequence, class and state diagrams that a fast recogniser of a well-tested
 *   subset accepts are valid without asking mermaid (see {@link FAST_ACCEPT}).
 * - All other types go through `mermaid.parse` (jison grammars and the rest),
 *   loaded lazily with a jsdom shim the first time such a block is met.
 *
 * Nothing heavy is imported at module load: mermaid, jsdom and
 * @mermaid-js/parser are only reached through dynamic `import()`.
 */
import type { DetectedType } from '../detect.js';
import { acceptsClass } from '../fast/class.js';
import { gitGraphSemanticsOk } from '../fast/gitgraph.js';
import { acceptsSequence } from '../fast/sequence.js';
import { acceptsState } from '../fast/state.js';
import type { DiagramProblem } from './common.js';
import { parserInput, unknownDiagramProblem } from './common.js';
import { isLangiumType, needsMermaidSemantics, validateWithLangium } from './langium.js';
import { validateWithMermaid } from './mermaidParse.js';

export type { DiagramProblem } from './common.js';
export { LANGIUM_TYPES } from './langium.js';
export { mermaidRequested } from './mermaidParse.js';

/**
 * Recognisers of a subset of a diagram type that mermaid 12.3.0 is known to
 * accept (`src/mermaid/fast/`): a text one of them accepts needs no
 * `mermaid.parse`; anything else (including every invalid text) still goes to
 * mermaid, so its verdict and message are mermaid's own. Differential tests
 * against mermaid keep them sound.
 */
const FAST_ACCEPT: Partial<Record<string, (text: string) => boolean>> = {
  sequence: acceptsSequence,
  classDiagram: acceptsClass,
  stateDiagram: acceptsState,
};

/** Which validator handles a detected diagram id. */
export function validatorFor(type: string): 'langium' | 'langium+mermaid' | 'mermaid' {
  if (isLangiumType(type)) return needsMermaidSemantics(type) ? 'langium+mermaid' : 'langium';
  return 'mermaid';
}

/**
 * Validates one diagram (meant for non-flowchart types; flowcharts are accepted
 * too and go through mermaid). Resolves to [] when mermaid 12.3.0 would accept it.
 */
export async function validateDiagram(text: string, detected: DetectedType): Promise<DiagramProblem[]> {
  const type = detected.type;
  if (type === null) return [unknownDiagramProblem(text, detected)];
  if (type === '---') {
    // mermaid registers '---' as a diagram whose parser always throws
    return [
      {
        kind: 'syntax',
        message: "Unclosed front matter: found '---' but no closing '---' line before the diagram",
        span: detected.keywordSpan ?? { start: 0, end: 0 },
      },
    ];
  }
  if (!isLangiumType(type)) return FAST_ACCEPT[type]?.(text) ? [] : validateWithMermaid(text, type, detected.keywordSpan);

  // mermaid rejects invalid front-matter YAML before it looks at the diagram
  if (detected.frontMatter?.error !== undefined) {
    // mermaid's own message and position for the YAML error
    return validateWithMermaid(text, type, detected.keywordSpan);
  }
  const input = parserInput(text, type);
  let ast: unknown;
  const problems = await validateWithLangium(type, input, text, (a) => (ast = a));
  if (problems.length > 0 || !needsMermaidSemantics(type)) return problems;
  // A gitGraph whose history replays without any of mermaid's db errors needs no mermaid.
  if (type === 'gitGraph' && ast !== undefined && gitGraphSemanticsOk(ast, text, detected)) return [];
  return validateWithMermaid(text, type, detected.keywordSpan);
}

