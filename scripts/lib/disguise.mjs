/**
 * Deterministic disguise of a Python program, as a student hiding a copy would do it: every
 * name the program binds (variables, functions, parameters, loop and `as` targets) renamed
 * consistently, comments reworded, dropped or added. Keywords, builtins, attributes, imported
 * names and string contents stay, so the copy still runs the same way. Used by the acceptance
 * run to plant a copy the service must find; the same input always gives the same output.
 */

const KEYWORDS = new Set(`False None True and as assert async await break class continue def del elif else except
finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case _`.split(/\s+/));

const BUILTINS = new Set(`abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex
delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id
input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print property
quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip self cls
Exception ValueError TypeError KeyError IndexError ZeroDivisionError NameError AttributeError RuntimeError
StopIteration KeyboardInterrupt EOFError IOError OSError ArithmeticError AssertionError NotImplementedError`.split(/\s+/));

/** Plausible names a student might pick; order fixed so the result is reproducible. */
const NAME_POOL = `amount value result count item entry info number flag temp answer choice size rate limit score
level speed span load trip dest reply store cost units place factor extra worth ratio mark goal stock batch base
part piece shift marker holder figure quantity measure`.split(/\s+/);

const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/** Splits Python source into tokens that concatenate back to it exactly. */
export function lexPython(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const rest = source.slice(i);
    let m;
    if (ch === '#') {
      const end = source.indexOf('\n', i);
      const text = source.slice(i, end < 0 ? source.length : end);
      tokens.push({ kind: 'comment', text });
      i += text.length;
    } else if ((m = /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*/.exec(rest))) {
      const next = source[i + m[0].length];
      if (STRING_PREFIX.test(m[0]) && (next === '"' || next === "'")) {
        const text = readString(source, i + m[0].length, m[0]);
        tokens.push({ kind: 'string', text, prefix: m[0] });
        i += text.length;
      } else {
        tokens.push({ kind: 'name', text: m[0] });
        i += m[0].length;
      }
    } else if (ch === '"' || ch === "'") {
      const text = readString(source, i, '');
      tokens.push({ kind: 'string', text, prefix: '' });
      i += text.length;
    } else if ((m = /^[0-9][0-9A-Za-z_.]*/.exec(rest))) {
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if ((m = /^(?:\*\*=?|\/\/=?|->|:=|[=!<>+\-*/%&|^@]=|[ \t]+|\r?\n)/.exec(rest))) {
      tokens.push({ kind: /\n/.test(m[0]) ? 'newline' : /^[ \t]/.test(m[0]) ? 'space' : 'op', text: m[0] });
      i += m[0].length;
    } else {
      tokens.push({ kind: 'op', text: ch });
      i += 1;
    }
  }
  return tokens;
}

/** The literal starting at `start` (after any prefix), including the prefix; unterminated ones run to the line's end. */
function readString(source, start, prefix) {
  const quote = source.startsWith(source[start].repeat(3), start) ? source[start].repeat(3) : source[start];
  const raw = /[rR]/.test(prefix);
  let j = start + quote.length;
  while (j < source.length) {
    if (!raw && source[j] === '\\') { j += 2; continue; }
    if (source.startsWith(quote, j)) { j += quote.length; break; }
    if (quote.length === 1 && source[j] === '\n') break;
    j += 1;
  }
  return prefix + source.slice(start, j);
}

/** Names the program itself binds; only these are safe to rename. */
function findBoundNames(tokens) {
  const code = tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  const bound = new Set();
  const params = new Set();
  let depth = 0;
  let inDefParens = false;
  for (let k = 0; k < code.length; k++) {
    const t = code[k];
    const prev = code[k - 1];
    const next = code[k + 1];
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    if (t.text === ')' || t.text === ']' || t.text === '}') { depth--; if (depth === 0) inDefParens = false; }
    if (t.kind !== 'name' || prev?.text === '.') continue;
    if ((prev?.text === 'def' || prev?.text === 'class') && next?.text === '(') { bound.add(t.text); inDefParens = prev.text === 'def'; continue; }
    if (prev?.text === 'class') { bound.add(t.text); continue; }
    if (inDefParens && depth === 1 && ['(', ',', '*', '**'].includes(prev?.text) && [',', ')', '=', ':'].includes(next?.text)) {
      params.add(t.text);
      bound.add(t.text);
      continue;
    }
    const assigns = depth === 0 && next?.kind === 'op' && (next.text === '=' || /^[^=!<>]=$|^(?:\*\*|\/\/)=$/.test(next.text));
    const loopTarget = prev?.text === 'for' || (prev?.text === ',' && code.slice(Math.max(0, k - 6), k).some((x) => x.text === 'for'));
    if (assigns || loopTarget || prev?.text === 'as' || prev?.text === 'global' || prev?.text === 'nonlocal') bound.add(t.text);
  }
  for (const name of [...bound]) if (KEYWORDS.has(name) || BUILTINS.has(name) || /^__.*__$/.test(name)) bound.delete(name);
  return { bound, params };
}

/** Maps each bound name, in order of first appearance, to a fresh name no token of the program uses. */
function planRenames(tokens, bound) {
  const taken = new Set(tokens.filter((t) => t.kind === 'name').map((t) => t.text));
  const renames = new Map();
  let next = 0;
  for (const t of tokens) {
    if (t.kind !== 'name' || !bound.has(t.text) || renames.has(t.text)) continue;
    let candidate;
    do {
      const word = NAME_POOL[next % NAME_POOL.length];
      const round = Math.floor(next / NAME_POOL.length);
      candidate = round === 0 ? word : `${word}${round + 1}`;
      next++;
    } while (taken.has(candidate) || KEYWORDS.has(candidate) || BUILTINS.has(candidate));
    taken.add(candidate);
    renames.set(t.text, candidate);
  }
  return renames;
}

/** Renames identifiers inside the `{...}` fields of an f-string, leaving literal text and `{{` alone. */
function renameInFString(text, renames) {
  return text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, expr) => {
    if (expr === undefined) return whole;
    return `{${expr.replace(/(?<![.\w])[A-Za-z_]\w*/g, (n) => renames.get(n) ?? n)}}`;
  });
}

/** Rewrites the comments: a new header, then alternately dropped and reworded; trailing comments go. */
function rewriteComments(lines, header) {
  const out = [];
  let seen = 0;
  for (const line of lines) {
    const full = /^(\s*)#(.*)$/.exec(line);
    if (full) {
      seen++;
      if (seen === 1) { out.push(`${full[1]}# ${header}`); continue; }
      if (seen % 2 === 0) continue;
      const text = full[2].trim().toLowerCase().replace(/[^\w\s]/g, '').replace(/\s+/g, ' ');
      out.push(`${full[1]}# next: ${text || 'the rest'}`);
      continue;
    }
    out.push(line);
  }
  if (seen === 0) out.unshift(`# ${header}`);
  return out;
}

/** Adds a comment above each block statement, as if the copier annotated the code to make it "theirs". */
function addComments(lines) {
  const out = [];
  let section = 0;
  for (const line of lines) {
    const m = /^(\s*)(if|elif|while|for|def)\b/.exec(line);
    if (m && m[2] !== 'elif') out.push(`${m[1]}# part ${++section}`);
    out.push(line);
  }
  return out;
}

/**
 * Returns the disguised program. `header` replaces the first comment (often the author's name)
 * and must name the new author; it is the only text the caller chooses.
 */
export function disguisePython(source, { header = 'my program' } = {}) {
  const tokens = lexPython(source.replace(/\r\n/g, '\n'));
  const { bound, params } = findBoundNames(tokens);
  const renames = planRenames(tokens, bound);
  let depth = 0;
  const pieces = tokens.map((t, k) => {
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    if (t.kind === 'string' && /[fF]/.test(t.prefix)) return renameInFString(t.text, renames);
    if (t.kind === 'comment') {
      // Trailing comments are dropped; full-line ones are reworked line by line below.
      const before = tokens.slice(0, k).reverse().find((x) => x.kind !== 'space');
      return before && before.kind !== 'newline' ? '' : t.text;
    }
    if (t.kind !== 'name' || !renames.has(t.text)) return t.text;
    const prev = tokens.slice(0, k).reverse().find((x) => x.kind !== 'space');
    if (prev?.text === '.') return t.text;
    // Inside a call, `name=` is a keyword argument: renamed only when it names a parameter we renamed.
    const next = tokens.slice(k + 1).find((x) => x.kind !== 'space');
    if (depth > 0 && next?.text === '=' && !params.has(t.text)) return t.text;
    return renames.get(t.text);
  });
  const lines = pieces.join('').split('\n').map((l) => l.replace(/[ \t]+$/, ''));
  return addComments(rewriteComments(lines, header)).join('\n');
}
