import { defineRule } from '../lint/types.js';
import { ruleDocs } from './docs.js';

type Options = {
  /** Report empty circle nodes (`J(( ))`) too, which are often drawn on purpose as junction dots. */
  circles: boolean;
};

/** Blank once markup that shows nothing by itself (tags other than images, non-breaking spaces) is gone. */
const isBlank = (label: string): boolean => label.replace(/<(?!img\b)\/?[a-z][^<>]*>|&nbsp;|&#160;|&#xa0;/gi, '').trim() === '';

/** Nothing written at all, markup aside from spaces. */
const isEmpty = (written: string): boolean => written.replace(/<br\s*\/?>|&nbsp;|&#160;|&#xa0;|["']/gi, '').trim() === '';

/** Shapes an empty label is a common way to draw a dot or junction with. */
const DOT_SHAPES = new Set(['circle', 'doublecircle', 'sm-circ', 'small-circle', 'start', 'fr-circ', 'framed-circle', 'stop', 'f-circ', 'filled-circle', 'junction']);

/**
 * Brackets with nothing in them: `A[ ]`, `A[" "]`, `A -->| | B`. mermaid
 * draws an empty box or an empty label box, almost always a label that was
 * not filled in.
 */
export const emptyLabel = defineRule<Options>({
  meta: {
    id: 'empty-label',
    description: 'Reports flowchart nodes and edges whose label is written but empty.',
    defaultSeverity: 'warning',
    fixable: false,
    docs: ruleDocs('empty-label'),
    defaultOptions: { circles: false },
  },
  check(context) {
    const { text, options } = context;
    for (const d of context.model.diagrams) {
      const fc = d.flowchart;
      if (!fc || (d.errors?.length ?? 0) > 0) continue;
      for (const n of fc.nodes) {
        if (n.shape === null || !n.labelPosition || !isBlank(n.label)) continue;
        if (!options.circles && DOT_SHAPES.has(n.shape)) continue;
        const written = text.slice(n.labelPosition.start.offset, n.labelPosition.end.offset).trim();
        context.report({
          message: isEmpty(written)
            ? `Node \`${n.id}\` has an empty label: mermaid draws a blank ${n.shape} shape; write its label inside the brackets, or drop the brackets to show the id \`${n.id}\``
            : `Node \`${n.id}\` has the label \`${written}\`, which mermaid removes as HTML markup and draws a blank ${n.shape} shape; write \`<\` as \`&lt;\` to show it`,
          position: wider(n.labelPosition, n.position),
        });
      }
      for (const e of fc.edges) {
        if (!e.labelPosition || !isBlank(e.label)) continue;
        const link = text.slice(e.position.start.offset, e.position.end.offset).replace(/\s+/g, ' ').trim();
        const written = text.slice(e.labelPosition.start.offset, e.labelPosition.end.offset).trim();
        context.report({
          message: isEmpty(written)
            ? `Edge \`${e.from} ${link} ${e.to}\` has an empty label: write the label, or remove the empty label marks`
            : `Edge \`${e.from} ${link} ${e.to}\` has the label \`${written}\`, which mermaid removes as HTML markup and shows nothing; write \`<\` as \`&lt;\` to show it`,
          position: e.labelPosition.start.offset === e.labelPosition.end.offset ? e.position : e.labelPosition,
        });
      }
    }
  },
});

/** The label's position, or the id's when the label is zero-width (`A[]` has no text to point at). */
function wider<P extends { start: { offset: number }; end: { offset: number } }>(label: P, id: P): P {
  return label.start.offset === label.end.offset ? id : label;
}
