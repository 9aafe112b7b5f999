import { describe, expect, it } from 'vitest';
import { analyzeSubmission, starterHashes } from './analyze.js';
import { comparePair } from './compare-pair.js';
import { DEFAULT_FLAG_THRESHOLD, isFlagged } from './flag.js';
import { rankPairs } from './rank.js';
import type { ScoringContext, SourceFile } from './types.js';

/*
 * Fixtures: one Java program (grade statistics, three methods), a disguised copy of it (every
 * identifier renamed, comments rewritten, methods in another order, a no-op statement and a
 * redundant declaration inserted, layout changed), and an independent solution of the same task.
 */
const ORIGINAL = `import java.util.Scanner;

public class Grades {
    // Reads scores until a negative number is entered.
    static int[] readScores(Scanner in) {
        int[] scores = new int[100];
        int count = 0;
        while (true) {
            System.out.print("Score (negative to stop): ");
            int s = in.nextInt();
            if (s < 0) break;
            scores[count++] = s;
        }
        return java.util.Arrays.copyOf(scores, count);
    }

    // Average of the scores, zero when there are none.
    static double average(int[] scores) {
        if (scores.length == 0) return 0;
        int total = 0;
        for (int i = 0; i < scores.length; i++) total += scores[i];
        return (double) total / scores.length;
    }

    static String letter(double avg) {
        if (avg >= 90) return "A";
        else if (avg >= 80) return "B";
        else if (avg >= 70) return "C";
        else if (avg >= 60) return "D";
        return "F";
    }

    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int[] scores = readScores(in);
        double avg = average(scores);
        System.out.println("Average: " + avg);
        System.out.println("Letter: " + letter(avg));
    }
}
`;

const DISGUISED = `import java.util.Scanner;

/** Grade calculator. */
public class Calc
{
    static String toLetter(double mean)
    {
        if (mean >= 90) return "A";
        else if (mean >= 80) return "B";
        else if (mean >= 70) return "C";
        else if (mean >= 60) return "D";
        return "F";
    }

    public static void main(String[] argv)
    {
        Scanner sc = new Scanner(System.in);
        int unused = 0;
        int[] marks = collect(sc);
        double mean = computeMean(marks);
        System.out.println("Average: " + mean);
        System.out.println("Letter: " + toLetter(mean));
    }

    /* computes the mean mark */
    static double computeMean(int[] marks)
    {
        if (marks.length == 0) return 0;
        int sum = 0;
        for (int j = 0; j < marks.length; j++) sum += marks[j];
        return (double) sum / marks.length;
    }

    /* input loop */
    static int[] collect(Scanner sc)
    {
        int[] marks = new int[100];
        int n = 0;
        while (true)
        {
            System.out.print("Score (negative to stop): ");
            int v = sc.nextInt();
            ;
            if (v < 0) break;
            marks[n++] = v;
        }
        return java.util.Arrays.copyOf(marks, n);
    }
}
`;

const INDEPENDENT = `import java.util.ArrayList;
import java.util.List;
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner scanner = new Scanner(System.in);
        List<Integer> values = new ArrayList<>();
        System.out.println("Enter grades, -1 ends:");
        int next = scanner.nextInt();
        while (next != -1) {
            values.add(next);
            next = scanner.nextInt();
        }
        double sum = 0;
        for (int v : values) {
            sum += v;
        }
        double mean = values.isEmpty() ? 0 : sum / values.size();
        char grade;
        switch ((int) mean / 10) {
            case 10: case 9: grade = 'A'; break;
            case 8: grade = 'B'; break;
            case 7: grade = 'C'; break;
            case 6: grade = 'D'; break;
            default: grade = 'F';
        }
        System.out.printf("mean=%.2f grade=%c%n", mean, grade);
    }
}
`;

function context(starter: SourceFile[] = []): ScoringContext {
  return { starterHashes: starterHashes(starter), documentFrequency: () => 2, population: 2 };
}

function compare(a: SourceFile[], b: SourceFile[], starter: SourceFile[] = []) {
  return comparePair(analyzeSubmission(a), analyzeSubmission(b), context(starter));
}

const file = (content: string, name = 'Main.java'): SourceFile => ({ name, content });

describe('comparePair', () => {
  it('scores identical input 1.0, with one fragment covering the whole file', () => {
    const ev = compare([file(ORIGINAL)], [file(ORIGINAL)]);
    expect(ev.similarity).toBe(1);
    expect(ev.weightedSimilarity).toBe(1);
    expect(ev.fragments).toHaveLength(1);
    expect(ev.fragments[0]).toMatchObject({ fileA: 'Main.java', fileB: 'Main.java', a: { startLine: 1 }, b: { startLine: 1 } });
    expect(ev.longestTokens).toBe(ev.fragments[0].tokens);
    // Lines 1-38: the closing braces on lines 39-40 are normalized away.
    expect(ev.longestLines).toBe(38);
  });

  it('scores a BOM and CRLF variant 1.0', () => {
    const variant = '\uFEFF' + ORIGINAL.replace(/\n/g, '\r\n');
    expect(compare([file(ORIGINAL)], [file(variant)]).similarity).toBe(1);
  });

  it('flags a renamed, re-commented, reordered copy with inserted no-ops, not an independent solution', () => {
    const copy = compare([file(ORIGINAL)], [file(DISGUISED)]);
    const independent = compare([file(ORIGINAL)], [file(INDEPENDENT)]);
    expect(copy.similarity).toBeGreaterThanOrEqual(DEFAULT_FLAG_THRESHOLD);
    expect(independent.similarity).toBeLessThan(DEFAULT_FLAG_THRESHOLD);
    // Alone (no background), the rank score is the similarity, so the flag follows it.
    const [copyRank, independentRank] = rankPairs([
      { a: 'x', b: 'y', similarity: copy.similarity, weightedSimilarity: copy.weightedSimilarity },
      { a: 'x', b: 'z', similarity: independent.similarity, weightedSimilarity: independent.weightedSimilarity },
    ]);
    expect(isFlagged(copyRank, copy.longestTokens)).toBe(true);
    expect(isFlagged(independentRank, independent.longestTokens)).toBe(false);
  });

  it('does not flag two students who share only the starter code', () => {
    const starter = [file(ORIGINAL)];
    const a = file(ORIGINAL + '\nclass Extra {\n  static int twice(int x) { return x * 2; }\n  static boolean even(int n) { return n % 2 == 0; }\n}\n');
    const b = file(ORIGINAL + '\nclass Other {\n  void greet(String who) {\n    for (String w : who.split(" ")) System.out.println("Hello " + w + "!");\n  }\n}\n');
    expect(compare([a], [b]).similarity).toBeGreaterThan(0.8);
    const ev = compare([a], [b], starter);
    expect(ev.similarity).toBeLessThan(DEFAULT_FLAG_THRESHOLD);
    expect(isFlagged(ev.similarity, ev.longestTokens)).toBe(false);
  });

  it('scores identical student code over a template as identical', () => {
    const starter = [file(INDEPENDENT)];
    const own = file(INDEPENDENT + '\n' + ORIGINAL.replace('public class Grades', 'class Grades'));
    const ev = compare([own], [own], starter);
    expect(ev.similarity).toBe(1);
    expect(ev.overlap).toBeGreaterThan(0);
  });

  it('compares files too short for the winnowing guarantee by their token bigrams, on the same 0..1 scale', () => {
    expect(compare([file('x = 1\n', 'a.py')], [file('y = 2\n', 'a.py')]).similarity).toBe(1);
    const near = compare([file('x = int(input())\nprint(x)\n', 'a.py')], [file('x = int(input())\nprint(x + 1)\n', 'a.py')]);
    expect(near.similarity).toBeGreaterThan(0.5);
    expect(near.similarity).toBeLessThan(1);
  });

  it('never flags empty or whitespace-only files', () => {
    const ev = compare([file('', 'main.py')], [file('  \n\t\n', 'main.py')]);
    expect(ev.similarity).toBe(0);
    expect(ev.fragments).toEqual([]);
    expect(isFlagged(rankPairs([{ a: 'a', b: 'b', similarity: ev.similarity, weightedSimilarity: ev.weightedSimilarity }])[0], ev.longestTokens)).toBe(false);
  });

  it('weighs a submission’s files by their token counts and names the file of each fragment', () => {
    const helper = file('def helper(n):\n    total = 0\n    for i in range(n):\n        total += i * i\n    return total\n', 'helper.py');
    const other = file('import sys\nclass Shape:\n    def area(self):\n        raise NotImplementedError\n    def describe(self):\n        return "shape with area " + str(self.area())\n', 'shape.py');
    const ev = compare([file(ORIGINAL), helper], [file(ORIGINAL), other]);
    expect(ev.similarity).toBeGreaterThan(0.7);
    expect(ev.similarity).toBeLessThan(1);
    expect(ev.fragments.every((f) => f.fileA === 'Main.java' && f.fileB === 'Main.java')).toBe(true);
  });

  it('gives the same similarity whatever the document frequencies (stable pairwise)', () => {
    const a = analyzeSubmission([file(ORIGINAL)]);
    const b = analyzeSubmission([file(DISGUISED)]);
    const crowded: ScoringContext = { starterHashes: new Set(), documentFrequency: () => 30, population: 40 };
    expect(comparePair(a, b, crowded).similarity).toBe(comparePair(a, b, context()).similarity);
  });
});
