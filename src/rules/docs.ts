/** Where a rule's documentation lives, relative to the package root. */
export function ruleDocs(id: string): string {
  return `docs/rules/${id}.md`;
}
