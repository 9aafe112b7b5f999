import type { Token } from '../types.js';

/** Normalized text of every identifier: renaming a variable must not change the token sequence. */
export const IDENTIFIER = 'ID';
/** Normalized text of every numeric literal. */
export const NUMBER = 'NUM';
/** Normalized text of every string/char literal; the raw value travels in `Token.literal`. */
export const STRING = 'STR';
/** Normalized text of a regular-expression literal (its source travels in `literal`). */
export const REGEX = 'REGEX';
/** Structure tokens for indentation-delimited blocks (Python), so block nesting survives. */
export const INDENT = 'INDENT';
export const DEDENT = 'DEDENT';

/**
 * Collects tokens over one normalized source text and converts offsets to 1-based line/column.
 * Lexers call `emit` in (almost) increasing offset order, so line lookup walks forward from the
 * last line found instead of searching: O(1) amortized per token. A class because it owns the
 * growing token list and the lookup cursor for one scan.
 */
export class TokenWriter {
  readonly tokens: Token[] = [];
  private readonly lineStarts: number[] = [0];
  private cursor = 0;

  constructor(readonly src: string) {
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** Adds a token covering `src[start, end)`; an empty range marks a point (structure tokens). */
  emit(text: string, kind: Token['kind'], start: number, end: number, literal?: string): void {
    const startLine = this.findLine(start);
    const last = end > start ? end - 1 : start;
    const endLine = this.findLine(last);
    this.cursor = startLine;
    this.tokens.push({
      text,
      kind,
      startLine: startLine + 1,
      startCol: start - this.lineStarts[startLine] + 1,
      endLine: endLine + 1,
      endCol: last - this.lineStarts[endLine] + 1,
      literal,
    });
  }

  /**
   * Stretches an emitted token to end at `end` and sets its literal: a template or f-string is
   * emitted before the expressions inside it are scanned, and only then is its end known.
   */
  extend(index: number, end: number, literal: string): void {
    const token = this.tokens[index];
    const last = end - 1;
    const cursor = this.cursor;
    const line = this.findLine(last);
    this.cursor = cursor;
    token.endLine = line + 1;
    token.endCol = last - this.lineStarts[line] + 1;
    token.literal = literal;
  }

  /** Zero-based line index of an offset, walking from the cursor (binary search when going back). */
  private findLine(offset: number): number {
    const starts = this.lineStarts;
    let line = this.cursor;
    if (offset < starts[line]) {
      let lo = 0;
      let hi = line;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    }
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return line;
  }
}
