import type { Rule } from '../lint/types.js';
import { brokenReference } from './broken-reference.js';
import { diagramSyntax } from './diagram-syntax.js';
import { encodingDamage } from './encoding-damage.js';
import { labelDrift } from './label-drift.js';
import { lintDirective } from './lint-directive.js';
import { splitIncomplete } from './split-incomplete.js';
import { viewOutsideOverview } from './view-outside-overview.js';

/** Every built-in rule, in the order they run. The registry key is `meta.id`, which is also the file name. */
export const RULES: readonly Rule[] = [diagramSyntax, lintDirective, brokenReference, encodingDamage, labelDrift, viewOutsideOverview, splitIncomplete];
