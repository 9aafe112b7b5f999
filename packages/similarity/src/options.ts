/**
 * Every tunable idea of the engine, passed explicitly (no globals) so the evaluation can switch
 * each one off for the ablation and re-choose constants for the leave-one-out check.
 */
export interface EngineOptions {
  /**
   * k-gram length in tokens. A k-gram is the smallest unit that can match, so k bounds how short
   * a shared run may be and still count as evidence. See DEFAULT_OPTIONS for why this value.
   */
  k: number;
  /** Winnowing window in k-grams: one fingerprint is kept per window (Schleimer et al. 2003). */
  window: number;
  /** Drop tokens that carry no structure and are easy to add or remove (modifiers, `;`, optional braces). */
  normalizeTokens: boolean;
  /** With normalizeTokens: declarations without a value emit nothing and `TYPE x = e` reads as `x = e` (hoisting disguises). */
  declarations: boolean;
  /** Score pairs by the share of tokens covered by maximal shared runs, not by shared fingerprints alone. */
  tokenCoverage: boolean;
  /** Shared runs shorter than this (tokens) do not count towards coverage; neighbours closer than mergeGap are joined first. */
  minRunTokens: number;
  /** Runs separated by at most this many tokens on both sides are merged (JPlag's match merging), gap tokens not counted. */
  mergeGap: number;
  /** Exponent of the document-frequency weighting in weightedSimilarity (0 = unweighted). */
  rarityWeight: number;
  /** Emit a fingerprint per string literal (a separate signal, DESIGN 9). */
  literals: boolean;
  /** Numeric literals' spelled values join the literal signal. */
  numberLiterals: boolean;
  /** Identifier spellings join the literal signal (a name nobody else chose is evidence; renaming removes it). */
  identifiers: boolean;
  /** Comment lines (normalized words) join the literal signal: copies often keep the original's comments. */
  comments: boolean;
  /** Share of weightedSimilarity that comes from rarity-weighted literal overlap when either side has literals. */
  literalWeight: number;
  /** Background-relative ranking (DESIGN 9); false ranks by similarity alone. */
  backgroundRanking: boolean;
  /** Share of weightedSimilarity (rarity and literals) in the pair score the rank starts from; the rest is similarity. */
  rankBlend: number;
  /** The background a pair must stand above: this quantile of the scope's pair scores. */
  backgroundQuantile: number;
}

/**
 * k = 6, window = 4: on our token streams (one token per lexical token, identifiers abstracted,
 * modifiers and `;` dropped) a short statement such as `w = input.nextDouble()` is 6-8 tokens, so
 * a k-gram is about one statement. Intro-course copies are disguised statement by statement
 * (renamed, reordered, a no-op between two lines), and k = 12 missed the short runs that survive;
 * the accidental 6-token matches that independent solutions share are held by many students and
 * weighed down by rarity, and runs shorter than minRunTokens never count. The window guarantees
 * that every shared run of t = k + window - 1 = 9 tokens or more yields a shared fingerprint, while
 * keeping about 2 / (window + 1) = 40% of the k-grams. The literal and rank constants were chosen
 * on all corpora together, by the mean of (ROC-AUC + AP) / 2 over a grid (docs/engine.md).
 */
export const DEFAULT_OPTIONS: Readonly<EngineOptions> = Object.freeze({
  k: 6,
  window: 4,
  normalizeTokens: true,
  declarations: true,
  tokenCoverage: true,
  minRunTokens: 6,
  mergeGap: 0,
  rarityWeight: 1,
  literals: true,
  numberLiterals: true,
  identifiers: false,
  comments: false,
  literalWeight: 0.9,
  backgroundRanking: true,
  rankBlend: 0.4,
  backgroundQuantile: 0.25,
});

export function resolveOptions(options?: Partial<EngineOptions>): EngineOptions {
  const merged = { ...DEFAULT_OPTIONS, ...options };
  if (!Number.isInteger(merged.k) || merged.k < 2) throw new RangeError('k must be an integer >= 2');
  if (!Number.isInteger(merged.window) || merged.window < 1) throw new RangeError('window must be an integer >= 1');
  return merged;
}
