import type { Nodes, Parent, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// One frozen processor for the whole process: building it costs more than
// parsing a small file.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

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
  return processor.parse(source);
}

/** The same parse with GFM's autolink-literal transform as published (for tests). */
export function parseMarkdownReference(source: string): Root {
  reference ??= unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
  return reference.parse(source);
}
let reference: typeof processor | undefined;
