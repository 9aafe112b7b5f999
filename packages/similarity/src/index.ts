export type * from './types.js';
export { analyzeFile, analyzeSubmission, FILE_LIMIT_REASON, MAX_COMPARED_FILES, starterHashes } from './analyze.js';
export { comparePair, MAX_FRAGMENTS } from './compare-pair.js';
export { createPairCache, type PairCache } from './pair-cache.js';
export { rankPairs, MIN_BACKGROUND, type RankInput } from './rank.js';
export { DEFAULT_OPTIONS, resolveOptions, type EngineOptions } from './options.js';
export { compareCorpus, groupOf, type CorpusItem, type CorpusOptions, type CorpusPair } from './corpus.js';
export { hashKgrams, hashText } from './hash.js';
export { winnow } from './winnow.js';
export { tokenize } from './tokenize.js';
export { detectLanguage } from './language.js';
export { markStarterTokens } from './starter.js';

/** Bump when fingerprints or scores change meaning: job ids and stored fingerprints carry it (DESIGN 3, 6). */
export const ENGINE_VERSION = 'e4-k6w4';

export { DEFAULT_FLAG_THRESHOLD, DEFAULT_MIN_LONGEST, isFlagged } from './flag.js';
