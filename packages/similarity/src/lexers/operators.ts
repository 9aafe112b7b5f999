/**
 * Longest-match operator tables: candidates are bucketed by first char code and sorted longest
 * first, so matching an operator costs a few `startsWith` calls at most.
 */
export type OperatorTable = ReadonlyArray<readonly string[] | undefined>;

export function createOperatorTable(operators: readonly string[]): OperatorTable {
  const table: string[][] = [];
  for (const op of operators) {
    const c = op.charCodeAt(0);
    (table[c] ??= []).push(op);
  }
  for (const bucket of table) bucket?.sort((a, b) => b.length - a.length);
  return table;
}

/** Interned one-character strings, so operators cost no allocation per token. */
const SINGLE_CHARS: readonly string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

/** The longest operator at `pos`, or the single character there (an interned string). */
export function readOperator(table: OperatorTable, src: string, pos: number): string {
  const c = src.charCodeAt(pos);
  const bucket = table[c];
  if (bucket) {
    for (const op of bucket) if (src.startsWith(op, pos)) return op;
  }
  return c < 128 ? SINGLE_CHARS[c] : src.slice(pos, pos + 1);
}

/** Brackets and separators get kind `punct`; everything else is an `operator`. */
export function classifyOperator(text: string): 'punct' | 'operator' {
  if (text.length !== 1) return 'operator';
  switch (text) {
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case ',':
    case ';':
    case '.':
    case ':':
      return 'punct';
    default:
      return 'operator';
  }
}

/**
 * Operators common to the C family; each language adds its own. No `>>`: closing generics
 * (`List<List<T>>` vs `> >`) and right shifts then tokenize the same way whatever the spacing.
 */
export const C_OPERATORS = [
  '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '<<', '==', '!=', '<=', '>=',
  '&&', '||', '->', '::', '...',
];
