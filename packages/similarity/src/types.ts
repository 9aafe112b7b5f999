/**
 * The engine's public contract. The worker, the `compare` command and the evaluation all
 * go through these types, so one engine scores the same files the same way everywhere.
 * Lines and columns are 1-based; end positions are inclusive of the last character.
 */

export interface Span {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
}

export interface Token extends Span {
  /** Normalized text: identifiers and literals abstracted, keywords/operators kept. */
  text: string;
  kind: 'keyword' | 'identifier' | 'string' | 'number' | 'operator' | 'punct' | 'other';
  /** The literal's raw value for string literals (a separate signal); undefined otherwise. */
  literal?: string;
}

export interface SourceFile {
  name: string;
  content: string;
}

export interface Fingerprint {
  /** Winnowed hash, a non-negative integer below 2^53 (>= 48 bits, safe as a JS number and a Postgres bigint). */
  hash: number;
  /** Index of the first token of the k-gram in the file's token sequence. */
  tokenIndex: number;
  span: Span;
}

export interface AnalyzedFile {
  name: string;
  language: string;
  tokenCount: number;
  /** sha256 of the normalized token stream: identical files after normalization share it. */
  contentHash: string;
  fingerprints: Fingerprint[];
  /** Set when the file is not analysed (binary, oversized, minified, empty): the reason. */
  skipReason?: string;
  tokens: Token[];
}

export interface AnalyzedSubmission {
  files: AnalyzedFile[];
  /** Total tokens over analysed files. */
  tokenCount: number;
}

/** What the scope (assignment) knows that a pair alone does not. */
export interface ScoringContext {
  /** Fingerprint hashes of teacher-provided starter code: neither overlap nor denominator. */
  starterHashes: ReadonlySet<number>;
  /** How many students in the scope hold this hash (including the two compared). */
  documentFrequency(hash: number): number;
  /** How many students the scope has. */
  population: number;
}

export interface Fragment {
  fileA: string;
  fileB: string;
  a: Span;
  b: Span;
  /** Length of the shared run, in tokens. */
  tokens: number;
}

export interface PairEvidence {
  /** Stable pairwise similarity in [0, 1]. */
  similarity: number;
  /**
   * Like `similarity`, but each shared fingerprint counts by how rare it is in the scope
   * (ScoringContext.documentFrequency, DESIGN 8); changes as the class grows, so recompute on rescore.
   */
  weightedSimilarity: number;
  longestTokens: number;
  longestLines: number;
  /** Shared fingerprints (unweighted count) after starter exclusion. */
  overlap: number;
  fragments: Fragment[];
}
