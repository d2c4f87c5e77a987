import type { Rule } from '../lint/types.js';
import { brokenReference } from './broken-reference.js';
import { diagramSyntax } from './diagram-syntax.js';
import { duplicateEdge } from './duplicate-edge.js';
import { duplicateNodeLabel } from './duplicate-node-label.js';
import { emptyLabel } from './empty-label.js';
import { encodingDamage } from './encoding-damage.js';
import { generatedBlock } from './generated-block.js';
import { labelDrift } from './label-drift.js';
import { lintDirective } from './lint-directive.js';
import { nameSpelling } from './name-spelling.js';
import { nameTypo } from './name-typo.js';
import { orphanNode } from './orphan-node.js';
import { selfLoop } from './self-loop.js';
import { splitIncomplete } from './split-incomplete.js';
import { tableDiagramCoverage } from './table-diagram-coverage.js';
import { undefinedClass } from './undefined-class.js';
import { unlabelledNode } from './unlabelled-node.js';
import { unusedClassDef } from './unused-class-def.js';
import { viewOutsideOverview } from './view-outside-overview.js';

/** Every built-in rule, in the order they run. The registry key is `meta.id`, which is also the file name. */
export const RULES: readonly Rule[] = [diagramSyntax, lintDirective, brokenReference, encodingDamage, labelDrift, viewOutsideOverview, splitIncomplete, tableDiagramCoverage, nameTypo, nameSpelling, duplicateNodeLabel, unlabelledNode, orphanNode, selfLoop, duplicateEdge, emptyLabel, undefinedClass, unusedClassDef, generatedBlock];
