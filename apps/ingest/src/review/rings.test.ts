import { describe, expect, it } from 'vitest';
import { findCopyRings } from './rings.js';

// Fixture graph (student ids, pair id on each edge):
//   1 -p10- 2 -p11- 3        a chain of three
//   4 -p12- 5, 5 -p13- 6, 6 -p14- 4, 6 -p15- 7   a triangle with a tail: four students
//   8 -p16- 9                a lone pair
describe('findCopyRings', () => {
  const edges = [
    { pairId: 10, studentA: 1, studentB: 2 },
    { pairId: 16, studentA: 8, studentB: 9 },
    { pairId: 11, studentA: 2, studentB: 3 },
    { pairId: 12, studentA: 4, studentB: 5 },
    { pairId: 13, studentA: 5, studentB: 6 },
    { pairId: 14, studentA: 4, studentB: 6 },
    { pairId: 15, studentA: 6, studentB: 7 },
  ];

  it('groups students into connected components, largest first', () => {
    expect(findCopyRings(edges)).toEqual([
      { students: [4, 5, 6, 7], pairIds: [12, 13, 14, 15] },
      { students: [1, 2, 3], pairIds: [10, 11] },
      { students: [8, 9], pairIds: [16] },
    ]);
  });

  it('does not depend on edge order', () => {
    expect(findCopyRings([...edges].reverse())).toEqual(findCopyRings(edges));
  });

  it('merges two rings joined by one late edge', () => {
    const rings = findCopyRings([...edges, { pairId: 17, studentA: 3, studentB: 9 }]);
    expect(rings.map((r) => r.students)).toEqual([[1, 2, 3, 8, 9], [4, 5, 6, 7]]);
    expect(rings[0].pairIds).toEqual([10, 11, 16, 17]);
  });

  it('gives no rings without flagged pairs', () => {
    expect(findCopyRings([])).toEqual([]);
  });
});
