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

/** The token sequence the engine fingerprints: structure-preserving, easy-edit-insensitive. */
export function normalizeTokens(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if ((t.kind === 'punct' || t.kind === 'keyword' || t.kind === 'operator' || t.kind === 'other') && DROPPED.has(t.text)) continue;
    if (t.kind === 'keyword' || t.kind === 'other') {
      if (TYPES.has(t.text)) { out.push({ ...t, text: 'TYPE' }); continue; }
      if (LOOPS.has(t.text)) { out.push({ ...t, text: 'LOOP' }); continue; }
    }
    out.push(t);
  }
  return out;
}
