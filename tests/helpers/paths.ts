import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The seed fixture: never edited, its defects are test data. */
export const SEED = join(ROOT, 'fixtures', '000_307887c9c13ce1ed.md');
/** Shared data beside the checkout (CI lays it there; never committed here). */
export const SHARED = resolve(ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(SHARED);
export const REALWORLD = join(SHARED, 'corpus', 'realworld');
/** The message a test that needs ../shared prints when it skips. */
export const SHARED_SKIP_REASON = `needs ../shared (the shared test corpus beside the checkout), not found at ${SHARED}`;
export const fixture = (...p: string[]): string => join(ROOT, 'fixtures', ...p);
