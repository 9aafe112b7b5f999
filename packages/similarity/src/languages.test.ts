import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeSubmission, comparePair, DEFAULT_FLAG_THRESHOLD, type ScoringContext } from './index.js';
import { detectLanguage } from './language.js';
import { tokenize } from './tokenize.js';

/**
 * Per language (fixtures/languages/<language>/): `original` is a realistic student program,
 * `copy` is a disguised copy of it (identifiers renamed, functions or methods reordered, comments
 * changed, no-op statements inserted) and `independent` solves the same task written another way.
 * The copy must reach the flag threshold; the independent solution must stay below it.
 */
const FIXTURES = fileURLToPath(new URL('../fixtures/languages/', import.meta.url));

const LANGUAGES = [
  'python', 'javascript', 'typescript', 'java', 'c', 'cpp', 'csharp', 'go', 'ruby', 'rust', 'php', 'kotlin',
  'swift', 'bash', 'sql', 'html', 'css', 'notebook',
];

/** A lone pair: nothing is starter code and every fingerprint is held by exactly the two students. */
const PAIR_CONTEXT: ScoringContext = { starterHashes: new Set(), documentFrequency: () => 2, population: 2 };

function readVariant(language: string, variant: string): { name: string; content: string } {
  const dir = join(FIXTURES, language);
  const file = readdirSync(dir).find((f) => f.startsWith(variant + '.'));
  if (!file) throw new Error(`missing fixture ${language}/${variant}`);
  return { name: `${language}/${file}`, content: readFileSync(join(dir, file), 'utf8') };
}

function similarity(language: string, a: string, b: string): number {
  const left = analyzeSubmission([readVariant(language, a)]);
  const right = analyzeSubmission([readVariant(language, b)]);
  return comparePair(left, right, PAIR_CONTEXT).similarity;
}

describe.each(LANGUAGES)('%s: disguised copy vs independent solution', (language) => {
  it('tokenizes all three programs as the language, with a real amount of code', () => {
    for (const variant of ['original', 'copy', 'independent']) {
      const file = readVariant(language, variant);
      expect(detectLanguage(file.name, file.content)).toBe(language);
      const result = tokenize(file);
      expect(result.skipReason).toBeUndefined();
      expect(result.tokens.length).toBeGreaterThan(100);
    }
  });

  it('flags the disguised copy', () => {
    expect(similarity(language, 'original', 'copy')).toBeGreaterThanOrEqual(DEFAULT_FLAG_THRESHOLD);
  });

  it('does not flag the independent solution', () => {
    expect(similarity(language, 'original', 'independent')).toBeLessThan(DEFAULT_FLAG_THRESHOLD);
  });
});
