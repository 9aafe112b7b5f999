/**
 * Tokens of a file that came from the starter code: those inside a stretch of consecutive k-grams
 * (k-gram i covers tokens i .. i+k-1) that the starter code also has, spanning at least 2k tokens.
 * A lone shared k-gram is too short to say a line came from the template: with a small k, a
 * student's own loop shares one with the starter by chance, and marking it would both hide own
 * code from the score and show it to the teacher as starter code. Null when nothing is starter.
 */
export function markStarterTokens(kgrams: ArrayLike<number>, k: number, tokenCount: number, starter: ReadonlySet<number>): Uint8Array | null {
  if (starter.size === 0) return null;
  let mask: Uint8Array | null = null;
  const n = kgrams.length;
  for (let i = 0; i < n; ) {
    if (!starter.has(kgrams[i])) { i++; continue; }
    let j = i;
    while (j + 1 < n && starter.has(kgrams[j + 1])) j++;
    if (j - i + k >= 2 * k) {
      mask ??= new Uint8Array(tokenCount);
      mask.fill(1, i, Math.min(tokenCount, j + k));
    }
    i = j + 1;
  }
  return mask;
}
