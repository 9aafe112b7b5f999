import stringSimilarity from 'string-similarity';
import type { EngineFile } from './analyze.js';

/** Private-use code points: one character per token, so string-similarity's character bigrams are token bigrams. */
const PRIVATE_USE_START = 0xe000;
const PRIVATE_USE_SIZE = 6400;

function encodeTokens(ids: Int32Array): string {
  let s = '';
  for (let i = 0; i < ids.length; i++) s += String.fromCharCode(PRIVATE_USE_START + ((ids[i] >>> 0) % PRIVATE_USE_SIZE));
  return s;
}

/**
 * Files too short for a k-gram have no fingerprints; they are compared on their normalized token
 * text with the Sørensen–Dice coefficient of token bigrams (string-similarity), which is 1 for
 * identical token streams and falls smoothly with edits: the same 0..1 scale as coverage.
 */
export function compareSmallFiles(a: EngineFile, b: EngineFile): number {
  return stringSimilarity.compareTwoStrings(encodeTokens(a.ids), encodeTokens(b.ids));
}

/** Longest common run of tokens (dynamic programming; one of the files is shorter than k). */
export function findLongestCommonRun(a: Int32Array, b: Int32Array): { sa: number; sb: number; len: number } {
  let best = { sa: 0, sb: 0, len: 0 };
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : 0;
      if (cur[j] > best.len) best = { sa: i - cur[j], sb: j - cur[j], len: cur[j] };
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return best;
}
