/**
 * Robust winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003): in every window of `window`
 * consecutive k-gram hashes keep the minimum, recording a position only
 * when the selection changes. Two guarantees follow: any shared run of at least window + k - 1 tokens
 * contains a window whose minimum both sides select, so it yields a shared fingerprint; and two
 * consecutive selected positions are never more than `window` apart. A sequence with fewer k-grams
 * than a window keeps its single minimum, so any input of at least k tokens has a fingerprint.
 */
export function winnow(hashes: Float64Array, window: number): number[] {
  const n = hashes.length;
  if (n === 0) return [];
  const w = Math.min(window, n);
  const selected: number[] = [];
  let min = -1;
  for (let end = w - 1; end < n; end++) {
    const start = end - w + 1;
    if (min < start) {
      // The previous minimum left the window: rescan it, preferring the rightmost minimum.
      min = start;
      for (let i = start + 1; i <= end; i++) if (hashes[i] <= hashes[min]) min = i;
      selected.push(min);
    } else if (hashes[end] < hashes[min]) {
      // A tie with a minimum still in the window keeps it (robust winnowing: fewer fingerprints in repetitive code).
      min = end;
      selected.push(min);
    }
  }
  return selected;
}
