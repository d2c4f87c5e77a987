import type { Nodes, Parent, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// ---------------------------------------------------------------------------
// GFM autolink literals, tokenizer side.
//
// micromark's GFM extension registers its literal-autolink constructs on every
// ASCII letter and digit of inline text (an e-mail address may start at any
// word), so its inline tokenizer asks "could a literal start here?" at every
// character. A literal needs `@` (e-mail, `mailto:`, `xmpp:`), `www.` or
// `http://`/`https://` at or after its first character, inside its own
// paragraph, table row or heading, and those never reach past a blank line. A
// run of inline text with none of those ahead before the next blank line is
// therefore tokenized with the same constructs minus the literal ones: same
// events after micromark merges adjacent data, same tree (tests compare with
// the published parse on random text and the whole corpus), about a fifth less
// tokenizing on prose.
// ---------------------------------------------------------------------------

interface Point {
  offset: number;
}
interface Construct {
  name?: string;
  tokenize: (this: TokenizeContext, effects: unknown, ok: unknown, nok: (code: unknown) => unknown) => (code: unknown) => unknown;
}
type ConstructMap = Record<string, Construct | Construct[] | undefined>;
interface Parser {
  constructs: { text?: ConstructMap; document?: ConstructMap };
  text?: (from: Point) => unknown;
}
interface TokenizeContext {
  parser: Parser;
}

const LITERAL_CONSTRUCTS = new Set(['emailAutolink', 'wwwAutolink', 'protocolAutolink']);
const LITERAL_TRIGGER = /@|www\.|https?:\/\//gi;

let literalSource: string | null = null;
let literalFreeRuns = 0;

/** How many runs of inline text were tokenized without the literal constructs since the process started (for tests). */
export function literalFreeTextRuns(): number {
  return literalFreeRuns;
}
let literalPlaces: { triggers: number[]; blanks: number[] } | null = null;

/** Offsets of every literal trigger and of every blank line's start in the source being parsed. */
function places(source: string): { triggers: number[]; blanks: number[] } {
  const triggers: number[] = [];
  const blanks: number[] = [];
  LITERAL_TRIGGER.lastIndex = 0;
  for (let m = LITERAL_TRIGGER.exec(source); m; m = LITERAL_TRIGGER.exec(source)) triggers.push(m.index);
  // Lines end at \n, \r\n or a lone \r (a regex's multiline `$` would also stop between \r and \n).
  let start = 0;
  let blank = true;
  for (let i = 0; i <= source.length; i++) {
    const c = i < source.length ? source.charCodeAt(i) : 10;
    if (c === 10 || c === 13) {
      if (blank) blanks.push(start);
      if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
      blank = true;
    } else if (c !== 32 && c !== 9) blank = false;
  }
  return { triggers, blanks };
}

/** The first value of a sorted list that is >= `at`, or Infinity. */
function firstFrom(sorted: number[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? (sorted[lo] as number) : Number.POSITIVE_INFINITY;
}

/** Whether inline text starting at `offset` may hold an autolink literal (true when unsure). */
function mayHoldLiteralFrom(offset: number): boolean {
  if (literalSource === null || typeof offset !== 'number') return true;
  literalPlaces ??= places(literalSource);
  return firstFrom(literalPlaces.triggers, offset) < firstFrom(literalPlaces.blanks, offset);
}

/** A copy of a text construct map without the literal-autolink constructs. */
function withoutLiterals(map: ConstructMap): ConstructMap {
  const out: ConstructMap = {};
  for (const [code, value] of Object.entries(map)) {
    const list = (Array.isArray(value) ? value : value ? [value] : []).filter((c) => !c.name || !LITERAL_CONSTRUCTS.has(c.name));
    if (list.length > 0) out[code] = list;
  }
  return out;
}

/**
 * Makes a document's parser tokenize literal-free inline text with the
 * constructs without literals. A function of its own: the closure it leaves on
 * the parser holds nothing of the tokenizer that reached the parser.
 */
function useLiteralFreeText(parser: Parser): void {
  const textMap = parser.constructs.text;
  const createText = parser.text;
  if (literalSource !== null && textMap && typeof createText === 'function') {
    const plain = withoutLiterals(textMap);
    parser.text = (from: Point) => {
      if (mayHoldLiteralFrom(from.offset)) return createText(from);
      literalFreeRuns++;
      // The inline initializer reads its construct map once, when created.
      parser.constructs.text = plain;
      try {
        return createText(from);
      } finally {
        parser.constructs.text = textMap;
      }
    };
  }
}

/**
 * Reaches the parser micromark creates for each document (the first time any
 * line is checked for a container start; it then removes itself) and makes its
 * inline tokenizers for literal-free text use the constructs without literals.
 * Anything unexpected leaves the parser as it is.
 */
const parserHook: Construct = {
  name: 'mermaidLintLiteralFreeText',
  tokenize(_effects, _ok, nok) {
    const parser = this.parser;
    const documentMap = parser.constructs.document;
    const hooked = documentMap?.null;
    if (documentMap) {
      // Replaced rather than deleted: the map keeps its shape for the rest of the document.
      if (Array.isArray(hooked) && hooked.length > 1) documentMap.null = hooked.filter((c) => c !== parserHook);
      else documentMap.null = [];
    }
    useLiteralFreeText(parser);
    return (code: unknown) => nok(code);
  },
};

function literalFreeText(this: { data: (key: string) => unknown }): void {
  const extensions = this.data('micromarkExtensions') as unknown[];
  extensions.push({ document: { null: [parserHook] } });
}

// One frozen processor for the whole process: building it costs more than
// parsing a small file.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(literalFreeText).freeze();

type Transform = (tree: Root) => Root | undefined | void;
interface FromMarkdownExtension {
  transforms?: Transform[];
}

/**
 * GFM autolink literals (`www.example.com`, `https://…`, `someone@example.com`
 * in plain text) are found by a transform that runs four regular expressions
 * over every text node of the tree, and walks it with full ancestry. Those
 * expressions can only match a text node holding `@`, `://` or `www.`: the
 * same transform is run on the parents of such nodes only, outside links and
 * link references (where it never replaces anything). The tree is the same
 * (a test compares both on random text and the corpus); only the walk is cheaper.
 */
function narrowAutolinkLiterals(transform: Transform): Transform {
  const narrowed = (tree: Root): undefined => {
    const walk = (node: Parent): void => {
      let qualifies = false;
      for (const child of node.children as Nodes[]) {
        if (child.type === 'text' && mayHoldLiteral(child.value)) {
          qualifies = true;
          break;
        }
      }
      if (qualifies) {
        // The transform handles this node and everything below it.
        transform(node as Root);
        return;
      }
      for (const child of node.children as Nodes[]) {
        if (child.type === 'link' || child.type === 'linkReference') continue;
        if ('children' in child) walk(child);
      }
    };
    walk(tree);
    return undefined;
  };
  return narrowed;
}

function mayHoldLiteral(value: string): boolean {
  return value.includes('@') || value.includes('://') || /www\./i.test(value);
}

/** Whether the processor's autolink-literal transform was found and narrowed (else it runs as is: same tree, slower). */
export const AUTOLINK_TRANSFORM_NARROWED = ((): boolean => {
  const extensions = (processor.data('fromMarkdownExtensions') ?? []) as (FromMarkdownExtension | FromMarkdownExtension[])[];
  for (const ext of extensions.flat()) {
    const transforms = ext.transforms;
    if (!transforms) continue;
    const at = transforms.findIndex((t) => t.name === 'transformGfmAutolinkLiterals');
    if (at >= 0) {
      transforms[at] = narrowAutolinkLiterals(transforms[at] as Transform);
      return true;
    }
  }
  return false;
})();

/** Parses Markdown (GFM, YAML front matter) into mdast with positions. */
export function parseMarkdown(source: string): Root {
  literalPlaces = null;
  // micromark skips a leading byte order mark: its offsets count from the character after it.
  literalSource = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  try {
    return processor.parse(source);
  } finally {
    literalSource = null;
    literalPlaces = null;
  }
}

/** The same parse with GFM's autolink-literal transform as published (for tests). */
export function parseMarkdownReference(source: string): Root {
  reference ??= unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
  return reference.parse(source);
}
let reference: typeof processor | undefined;
