/**
 * A pair is flagged when its rank score reaches the assignment's threshold (default below) and
 * it shares at least one real run of code: a high score made only of scattered tiny matches is
 * not something a teacher can review. Both defaults come from the evaluation (docs/engine.md): the
 * threshold is the one with the best mean F2 over the labelled corpora (recall counts twice: a flag
 * asks a teacher to look), 0.45 at the default constants.
 */
export const DEFAULT_FLAG_THRESHOLD = 0.45;
/** Tokens of the longest shared run a flagged pair must have (one or two statements). */
export const DEFAULT_MIN_LONGEST = 8;

export function isFlagged(rankScore: number, longestTokens: number, threshold: number = DEFAULT_FLAG_THRESHOLD): boolean {
  return rankScore >= threshold && longestTokens >= DEFAULT_MIN_LONGEST;
}
