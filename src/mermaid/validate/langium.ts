/**
 * Validation of the diagram types mermaid 12.3.0 parses with @mermaid-js/parser
 * (Langium grammars). The parser package is imported lazily; it needs no DOM.
 */
import type { MermaidParseError } from '@mermaid-js/parser';
import type { MappedText } from '../detect.js';
import type { DiagramProblem } from './common.js';
import { endOfContent, showToken, toOriginal } from './common.js';

/** Diagram ids (as detected) that mermaid 12.3.0 parses with @mermaid-js/parser, mapped to the parser's grammar name. */
export const LANGIUM_TYPES = {
  info: 'info',
  packet: 'packet',
  pie: 'pie',
  architecture: 'architecture',
  gitGraph: 'gitGraph',
  radar: 'radar',
  treemap: 'treemap',
  treeView: 'treeView',
  eventmodeling: 'eventmodeling',
  wardley: 'wardley',
  cynefin: 'cynefin',
  railroad: 'railroad',
  railroadEbnf: 'railroadEbnf',
  railroadAbnf: 'railroadAbnf',
  railroadPeg: 'railroadPeg',
} as const;

export type LangiumType = keyof typeof LANGIUM_TYPES;

export function isLangiumType(type: string): type is LangiumType {
  return Object.prototype.hasOwnProperty.call(LANGIUM_TYPES, type);
}

/**
 * Types whose mermaid db performs checks after a successful parse that are
 * re-implemented here (the others listed in {@link SEMANTIC_VIA_MERMAID} are
 * confirmed with mermaid itself).
 */
const NATIVE_SEMANTICS = new Set<LangiumType>(['info', 'pie', 'packet', 'cynefin', 'railroad', 'railroadEbnf', 'railroadAbnf', 'railroadPeg']);

/** Langium types whose mermaid db can still reject a syntactically valid diagram, checked by running mermaid.parse. */
export function needsMermaidSemantics(type: LangiumType): boolean {
  return !NATIVE_SEMANTICS.has(type);
}

type ParserModule = typeof import('@mermaid-js/parser');
let parserModule: Promise<ParserModule> | undefined;
function loadParser(): Promise<ParserModule> {
  parserModule ??= import('@mermaid-js/parser');
  return parserModule;
}

interface AstNodeLike {
  $cstNode?: { offset: number; end: number };
}

/** Problems reported by a Langium parse result, with spans in the original text. */
export function langiumErrorProblems(
  err: Pick<MermaidParseError, 'result'>,
  input: MappedText,
  original: string,
): DiagramProblem[] {
  const problems: DiagramProblem[] = [];
  for (const e of err.result.lexerErrors) {
    const ch = input.text.slice(e.offset, e.offset + Math.max(1, e.length));
    problems.push({
      kind: 'syntax',
      message: `Unexpected character ${showToken(ch.slice(0, 1))}${e.length > 1 ? ` (skipped ${e.length} characters)` : ''}`,
      span: toOriginal(input, e.offset, e.offset + Math.max(1, e.length), original),
    });
  }
  for (const e of err.result.parserErrors) {
    const tok = e.token;
    const isEof = tok.tokenType?.name === 'EOF' || Number.isNaN(tok.startOffset);
    const span = isEof
      ? endOfContent(input, original)
      : toOriginal(input, tok.startOffset, (tok.endOffset ?? tok.startOffset) + 1, original);
    problems.push({ kind: 'syntax', message: langiumMessage(e.message, isEof ? '' : tok.image), span });
  }
  return dedupe(problems);
}

function langiumMessage(message: string, image: string): string {
  const found = showToken(image);
  // chevrotain: "Expecting token of type 'X' but found `y`." / "Expecting: one of these possible Token sequences: ... but found: 'y'"
  const single = /^Expecting token of type '([^']*)' but found/.exec(message);
  if (single) return `Unexpected ${found}; expected ${single[1]}`;
  const many = /^Expecting:?\s*(?:one of these possible Token sequences:)?\s*([\s\S]*?)\s*but found:?/.exec(message);
  if (many) {
    const alts = [...many[1]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.trim()).filter(Boolean);
    const uniq = [...new Set(alts)].slice(0, 8);
    return uniq.length ? `Unexpected ${found}; expected one of ${uniq.join(', ')}` : `Unexpected ${found}`;
  }
  const redundant = /^Redundant input, expecting EOF but found/.exec(message);
  if (redundant) return `Unexpected ${found}; expected end of input`;
  return message.replace(/\s*\n\s*/g, ' ');
}

function dedupe(problems: DiagramProblem[]): DiagramProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.span.start}:${p.span.end}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Parses with @mermaid-js/parser. Returns the problems found (syntax, and the
 * db checks mermaid runs for the types in NATIVE_SEMANTICS).
 */
export async function validateWithLangium(
  type: LangiumType,
  input: MappedText,
  original: string,
  onAst?: (ast: unknown) => void,
): Promise<DiagramProblem[]> {
  const { parse, MermaidParseError } = await loadParser();
  let ast: unknown;
  try {
    ast = await parse(LANGIUM_TYPES[type] as 'info', input.text);
  } catch (e) {
    if (e instanceof MermaidParseError) return langiumErrorProblems(e, input, original);
    throw e;
  }
  onAst?.(ast);
  const span = (node: AstNodeLike) =>
    node.$cstNode ? toOriginal(input, node.$cstNode.offset, node.$cstNode.end, original) : endOfContent(input, original);
  if (type === 'pie') return pieChecks(ast as PieAst, span);
  if (type === 'packet') return packetChecks(ast as PacketAst, span);
  return [];
}

interface PieAst {
  sections: ({ label: string; value: number } & AstNodeLike)[];
}

/** mermaid's pie db: negative slice values are rejected. */
function pieChecks(ast: PieAst, span: (n: AstNodeLike) => DiagramProblem['span']): DiagramProblem[] {
  for (const s of ast.sections) {
    if (s.value < 0) {
      return [
        {
          kind: 'semantic',
          message: `Pie slice "${s.label}" has the negative value ${s.value}; slice values must be >= 0`,
          span: span(s),
        },
      ];
    }
  }
  return [];
}

interface PacketAst {
  blocks: ({ start?: number; end?: number; bits?: number; label: string } & AstNodeLike)[];
}

/** mermaid's packet populate(): blocks must be contiguous, end >= start, no zero-bit fields (first failure only, as mermaid throws). */
function packetChecks(ast: PacketAst, span: (n: AstNodeLike) => DiagramProblem['span']): DiagramProblem[] {
  let lastBit = -1;
  for (const b of ast.blocks) {
    let { start, end } = b;
    const { bits } = b;
    if (start !== undefined && end !== undefined && end < start) {
      return [{ kind: 'semantic', message: `Packet block ${start} - ${end} is invalid: end must be greater than start`, span: span(b) }];
    }
    start ??= lastBit + 1;
    if (start !== lastBit + 1) {
      return [
        {
          kind: 'semantic',
          message: `Packet block ${start} - ${end ?? start} is not contiguous: expected it to start at bit ${lastBit + 1}`,
          span: span(b),
        },
      ];
    }
    if (bits === 0) {
      return [{ kind: 'semantic', message: `Packet block ${start} is invalid: a field cannot have zero bits`, span: span(b) }];
    }
    end ??= start + (bits ?? 1) - 1;
    lastBit = end;
  }
  return [];
}
