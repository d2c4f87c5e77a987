// npm run bench: every benchmark, each reporting ratios against the peer measured in the same run.
import { benchModel } from './model.mjs';

const only = process.argv[2];
if (!only || only === 'model') benchModel({ rounds: Number(process.env.BENCH_ROUNDS ?? 5) });
if (!only || only === 'parser') await (await import('./parser.mjs')).benchParser();
if (!only || only === 'scale') (await import('./scale.mjs')).benchScale();
if (!only || only === 'lint') await (await import('./lint.mjs')).benchLint({ rounds: Number(process.env.BENCH_ROUNDS ?? 1) });
if (!only || only === 'repo') await (await import('./repo.mjs')).benchRepo();
