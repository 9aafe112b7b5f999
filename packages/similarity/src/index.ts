export type * from './types.js';
export { analyzeFile, analyzeSubmission, starterHashes } from './analyze.js';
export { comparePair } from './compare-pair.js';
export { rankPairs, MIN_BACKGROUND, type RankInput } from './rank.js';
export { DEFAULT_OPTIONS, resolveOptions, type EngineOptions } from './options.js';
export { compareCorpus, groupOf, type CorpusItem, type CorpusOptions, type CorpusPair } from './corpus.js';
export { hashKgrams, hashText } from './hash.js';
export { winnow } from './winnow.js';
export { tokenize } from './tokenize.js';
export { detectLanguage } from './language.js';

/** Bump when fingerprints or scores change meaning: job ids and stored fingerprints carry it (DESIGN 3, 6). */
export const ENGINE_VERSION = 'e1-k12w8';

/** A pair is flagged when its rank score reaches this (per assignment; chosen in docs/engine.md). */
export const DEFAULT_FLAG_THRESHOLD = 0.5;
/** A flagged pair must also share one run of at least this many tokens (a few statements). */
export const DEFAULT_MIN_LONGEST = 8;
