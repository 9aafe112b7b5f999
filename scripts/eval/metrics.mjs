/**
 * Ranking metrics over labelled scores. ROC-AUC counts ties as half (Mann–Whitney U with midranks);
 * average precision treats tied scores as one block, so the order of equal scores cannot flatter it.
 */

/** @param {{score:number,label:number}[]} rows */
export function computeRocAuc(rows) {
  const sorted = [...rows].sort((a, b) => a.score - b.score);
  let pos = 0;
  let neg = 0;
  let rankSumPos = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j].score === sorted[i].score) j++;
    const midrank = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) {
      if (sorted[t].label) { pos++; rankSumPos += midrank; } else neg++;
    }
    i = j;
  }
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Walks thresholds from the highest score down, one tied block at a time. */
function walkThresholds(rows, visit) {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  const totalPos = rows.filter((r) => r.label).length;
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    let blockPos = 0;
    while (j < sorted.length && sorted[j].score === sorted[i].score) { if (sorted[j].label) blockPos++; j++; }
    const prevTp = tp;
    tp += blockPos;
    fp += j - i - blockPos;
    visit({ threshold: sorted[i].score, tp, fp, prevTp, totalPos });
    i = j;
  }
}

/** Average precision: precision at each tied block, weighted by the recall it adds. */
export function computeAveragePrecision(rows) {
  let ap = 0;
  walkThresholds(rows, ({ tp, fp, prevTp, totalPos }) => {
    if (totalPos > 0) ap += ((tp - prevTp) / totalPos) * (tp / (tp + fp));
  });
  return ap;
}

/** The best F1 over every threshold, and the threshold that reaches it. */
export function computeBestF1(rows) {
  let best = { f1: 0, threshold: Infinity, precision: 0, recall: 0 };
  walkThresholds(rows, ({ threshold, tp, fp, totalPos }) => {
    const precision = tp / (tp + fp);
    const recall = totalPos ? tp / totalPos : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1) best = { f1, threshold, precision, recall };
  });
  return best;
}

/** Precision and recall when pairs at or above the threshold are flagged. */
export function computeAtThreshold(rows, threshold) {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  for (const r of rows) {
    if (r.label) pos++;
    if (r.flagged ?? r.score >= threshold) { if (r.label) tp++; else fp++; }
  }
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: pos ? tp / pos : 0, flagged: tp + fp };
}
