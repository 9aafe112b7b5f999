/**
 * k-gram hashing. Two Karp–Rabin rolling hashes modulo primes just below 2^26 are computed side by
 * side and concatenated into one 52-bit value: every product stays below 2^52, so plain doubles
 * compute them exactly (no BigInt), and the result is a safe integer that Postgres stores as bigint.
 * 52 bits keep accidental collisions negligible at tens of millions of fingerprints (DESIGN 6).
 */
const P1 = 67108859;
const P2 = 67108837;
const B1 = 1000003;
const B2 = 7654321;
const HALF = 2 ** 26;

/** FNV-1a (32-bit) of a token's normalized text: a deterministic token id, stable across processes. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Token ids for a sequence of normalized texts. */
export function hashTexts(texts: readonly string[]): Int32Array {
  const ids = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) ids[i] = hashText(texts[i]) | 0;
  return ids;
}

function powMod(base: number, exp: number, mod: number): number {
  let r = 1;
  for (let i = 0; i < exp; i++) r = (r * base) % mod;
  return r;
}

/** Hashes of every k-gram of ids (length ids.length - k + 1, empty when shorter than k). */
export function hashKgrams(ids: Int32Array, k: number): Float64Array {
  const n = ids.length - k + 1;
  if (n <= 0) return new Float64Array(0);
  const out = new Float64Array(n);
  const top1 = powMod(B1, k - 1, P1);
  const top2 = powMod(B2, k - 1, P2);
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < k; i++) {
    h1 = (h1 * B1 + ((ids[i] >>> 0) % P1)) % P1;
    h2 = (h2 * B2 + ((ids[i] >>> 0) % P2)) % P2;
  }
  out[0] = h1 * HALF + h2;
  for (let i = 1; i < n; i++) {
    const o1 = (((ids[i - 1] >>> 0) % P1) * top1) % P1;
    const o2 = (((ids[i - 1] >>> 0) % P2) * top2) % P2;
    h1 = (((h1 - o1 + P1) % P1) * B1 + ((ids[i + k - 1] >>> 0) % P1)) % P1;
    h2 = (((h2 - o2 + P2) % P2) * B2 + ((ids[i + k - 1] >>> 0) % P2)) % P2;
    out[i] = h1 * HALF + h2;
  }
  return out;
}
