import type { Token } from './types.js';

/**
 * Tokens a copier can add, drop or swap without changing what the program does, and that
 * independent authors use inconsistently anyway: access and storage modifiers, statement
 * terminators, and braces that only wrap one statement. Dropping them before fingerprinting means
 * that "add `final` everywhere" or "remove optional braces" no longer breaks k-grams (JPlag gets
 * the same effect by emitting no token for them).
 */
const DROPPED = new Set([
  ';',
  'public', 'private', 'protected', 'internal', 'static', 'final', 'readonly', 'abstract',
  'override', 'virtual', 'sealed', 'const', 'volatile', 'transient', 'synchronized', 'inline',
  'register', 'mut', 'pub', 'export', 'open', 'unsafe', 'extern',
  '{', '}',
]);

/**
 * Primitive type names are interchangeable in disguises (int → long, float → double) and in
 * independent code, so they become one token; a declaration still reads "TYPE ID = ...".
 */
const TYPES = new Set([
  'int', 'long', 'short', 'byte', 'float', 'double', 'char', 'boolean', 'bool', 'var', 'let',
  'unsigned', 'signed', 'void', 'string', 'String', 'Integer', 'Double', 'Long', 'Float', 'i32',
  'i64', 'u32', 'u64', 'usize', 'f32', 'f64',
]);

/** Keywords whose swap is a classic disguise (for ↔ while) become one loop token. */
const LOOPS = new Set(['for', 'while', 'foreach', 'until', 'loop']);

const isType = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'keyword' || t.kind === 'other') && TYPES.has(t.text);
const isModifier = (t: Token): boolean => (t.kind === 'keyword' || t.kind === 'other') && DROPPED.has(t.text);

/** Tokens after which a type name is a parameter, a cast or a generic argument, not a declaration. */
const NOT_STATEMENT = new Set(['(', ',', '<', '[', ':', '?', '.']);

/**
 * A declaration statement may begin at i. Some lexers emit no `;`, so rather than look for the end
 * of the previous statement this rules out the places where a type name is something else.
 */
function atStatementStart(tokens: readonly Token[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && isModifier(tokens[j])) j--;
  if (j < 0) return true;
  const prev = tokens[j];
  if (prev.text === ';' || prev.text === '{' || prev.text === '}') return true;
  return prev.kind !== 'operator' && !((prev.kind === 'punct' || prev.kind === 'other') && NOT_STATEMENT.has(prev.text));
}

/** Where a value, a call, an index, a parameter list or a loop clause would follow a declared name. */
const NOT_BARE = new Set(['=', '(', '[', ':', ')', '.', '<', '>']);

/**
 * The last index of `TYPE ID (, ID)* [;]` starting at i, a declaration without a value, else -1.
 */
function bareDeclarationEnd(tokens: readonly Token[], i: number): number {
  let j = i + 1;
  for (;;) {
    if (tokens[j]?.kind !== 'identifier') return -1;
    const next = tokens[j + 1];
    if (next === undefined) return j;
    if (next.text === ';') return j + 1;
    if (next.text === ',') { j += 2; continue; }
    return NOT_BARE.has(next.text) ? -1 : j;
  }
}

/**
 * The token sequence the engine fingerprints: structure-preserving, easy-edit-insensitive. With
 * `declarations`, where a variable is declared no longer matters (as JPlag's normalization treats
 * declarations as movable): a declaration without a value (`double w, h;`) emits nothing, and
 * `TYPE x = e` reads as the assignment `x = e`, so hoisting declarations to the top of a function,
 * a classic disguise, leaves the same sequence as declaring each variable where it is first set.
 */
export function normalizeTokens(tokens: readonly Token[], declarations = true): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (declarations && isType(t) && atStatementStart(tokens, i)) {
      const end = bareDeclarationEnd(tokens, i);
      if (end >= 0) { i = end; continue; }
      if (tokens[i + 1]?.kind === 'identifier' && tokens[i + 2]?.text === '=') continue;
    }
    if ((t.kind === 'punct' || t.kind === 'keyword' || t.kind === 'operator' || t.kind === 'other') && DROPPED.has(t.text)) continue;
    if (t.kind === 'keyword' || t.kind === 'other') {
      if (TYPES.has(t.text)) { out.push({ ...t, text: 'TYPE' }); continue; }
      if (LOOPS.has(t.text)) { out.push({ ...t, text: 'LOOP' }); continue; }
    }
    out.push(t);
  }
  return out;
}
