import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './compare.js';

/*
 * Fixture tree (group depth 1 = one group per task folder):
 *   task1/alice/Main.java   a program
 *   task1/bob/Main.java     alice's program, renamed and re-commented
 *   task1/carol/Main.java   an unrelated program
 *   task1/dave/empty.py     whitespace only
 *   task2/erin/Main.java    alice's program again, but in another group
 *   starter.java            the template both alice and bob started from
 */
const PROGRAM = `public class Main {
    // sum of squares of the odd numbers below n
    static long sumOddSquares(int n) {
        long total = 0;
        for (int i = 1; i < n; i += 2) {
            total += (long) i * i;
        }
        return total;
    }
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        System.out.println("Sum: " + sumOddSquares(n));
        if (n > 100) System.out.println("That was a big one");
    }
}
`;
const RENAMED = PROGRAM.replace(/sumOddSquares/g, 'compute').replace(/total/g, 'acc').replace(/\bi\b/g, 'k').replace('// sum of squares of the odd numbers below n', '/* helper */');
const UNRELATED = `import java.util.*;
class Main {
  public static void main(String[] a) {
    Map<String, Integer> counts = new HashMap<>();
    Scanner s = new Scanner(System.in);
    while (s.hasNext()) counts.merge(s.next().toLowerCase(), 1, Integer::sum);
    counts.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> System.out.println(e.getKey() + " " + e.getValue()));
  }
}
`;

let dir: string;

function write(path: string, content: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
}

async function compare(argv: string[]): Promise<{ code: number; rows: Record<string, string>[]; header: string }> {
  let out = '';
  const code = await run(argv, (chunk) => { out += chunk; });
  const [header, ...lines] = out.trim().split('\n');
  const cols = header.split(',');
  return { code, header, rows: lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v]))) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosscheck-compare-'));
  write('tree/task1/alice/Main.java', PROGRAM);
  write('tree/task1/bob/Main.java', RENAMED);
  write('tree/task1/carol/Main.java', UNRELATED);
  write('tree/task1/dave/empty.py', '   \n\n');
  write('tree/task2/erin/Main.java', PROGRAM);
  write('starter.java', PROGRAM);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crosscheck compare', () => {
  it('prints every pair within a group that shares something, as CSV with paths relative to DIR', async () => {
    const { code, header, rows } = await compare([join(dir, 'tree'), '--group-depth', '1']);
    expect(code).toBe(0);
    expect(header).toBe('file_a,file_b,similarity,longest,overlap');
    const pair = rows.find((r) => r.file_a === 'task1/alice/Main.java' && r.file_b === 'task1/bob/Main.java');
    expect(pair).toBeDefined();
    expect(Number(pair!.similarity)).toBe(1);
    expect(Number(pair!.longest)).toBeGreaterThan(40);
    expect(Number(pair!.overlap)).toBeGreaterThan(3);
    // Nothing across groups, nothing for the whitespace-only file, no pair scoring zero.
    expect(rows.some((r) => r.file_b.startsWith('task2/') || r.file_a.startsWith('task2/'))).toBe(false);
    expect(rows.some((r) => r.file_a.endsWith('empty.py') || r.file_b.endsWith('empty.py'))).toBe(false);
    expect(rows.every((r) => Number(r.similarity) > 0)).toBe(true);
  });

  it('compares across the whole tree with --group-depth 0 (the default)', async () => {
    const { rows } = await compare([join(dir, 'tree')]);
    const erin = rows.find((r) => r.file_a === 'task1/alice/Main.java' && r.file_b === 'task2/erin/Main.java');
    expect(Number(erin?.similarity)).toBe(1);
  });

  it('discounts starter code given with --starter', async () => {
    const { rows } = await compare([join(dir, 'tree'), '--group-depth', '1', '--starter', join(dir, 'starter.java')]);
    expect(rows.find((r) => r.file_a === 'task1/alice/Main.java' && r.file_b === 'task1/bob/Main.java')).toBeUndefined();
  });

  it('answers 2 without a directory or with a bad group depth', async () => {
    expect((await compare([])).code).toBe(2);
    expect((await compare([join(dir, 'tree'), '--group-depth', '-1'])).code).toBe(2);
  });
});
