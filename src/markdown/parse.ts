import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// One frozen processor for the whole process: building it costs more than
// parsing a small file.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Parses Markdown (GFM, YAML front matter) into mdast with positions. */
export function parseMarkdown(source: string): Root {
  return processor.parse(source);
}
