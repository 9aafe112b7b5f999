/**
 * A small JSON parser that remembers the line each string starts on. `JSON.parse` forgets
 * positions, and notebook tokens must point at the line of the `.ipynb` file holding their source.
 */
export type JsonNode =
  | { type: 'object'; fields: Map<string, JsonNode> }
  | { type: 'array'; items: JsonNode[] }
  | { type: 'string'; value: string; line: number }
  | { type: 'scalar'; value: unknown };

export class JsonSyntaxError extends Error {}

export function parseJsonWithLines(text: string): JsonNode {
  const state = { text, pos: 0, line: 1 };
  const node = parseValue(state);
  skipSpace(state);
  if (state.pos !== text.length) throw new JsonSyntaxError(`unexpected data at offset ${state.pos}`);
  return node;
}

interface ParseState {
  text: string;
  pos: number;
  line: number;
}

function skipSpace(s: ParseState): void {
  const { text } = s;
  while (s.pos < text.length) {
    const c = text.charCodeAt(s.pos);
    if (c === 10) s.line++;
    else if (c !== 32 && c !== 9 && c !== 13) return;
    s.pos++;
  }
}

function expect(s: ParseState, c: number): void {
  skipSpace(s);
  if (s.text.charCodeAt(s.pos) !== c) throw new JsonSyntaxError(`expected '${String.fromCharCode(c)}' at offset ${s.pos}`);
  s.pos++;
}

function parseValue(s: ParseState): JsonNode {
  skipSpace(s);
  const c = s.text.charCodeAt(s.pos);
  if (c === 123) return parseObject(s);
  if (c === 91) return parseArray(s);
  if (c === 34) return parseString(s);
  const start = s.pos;
  while (s.pos < s.text.length && !/[\s,\]}]/.test(s.text[s.pos])) s.pos++;
  if (s.pos === start) throw new JsonSyntaxError(`unexpected character at offset ${start}`);
  return { type: 'scalar', value: JSON.parse(s.text.slice(start, s.pos)) };
}

function parseString(s: ParseState): { type: 'string'; value: string; line: number } {
  const { text } = s;
  const start = s.pos;
  if (text.charCodeAt(start) !== 34) throw new JsonSyntaxError(`expected a string at offset ${start}`);
  let i = start + 1;
  while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
  if (i >= text.length) throw new JsonSyntaxError(`unterminated string at offset ${start}`);
  s.pos = i + 1;
  // Raw newlines are invalid inside JSON strings, so the string sits on one line.
  return { type: 'string', value: JSON.parse(text.slice(start, i + 1)) as string, line: s.line };
}

function parseObject(s: ParseState): JsonNode {
  const fields = new Map<string, JsonNode>();
  s.pos++;
  skipSpace(s);
  if (s.text.charCodeAt(s.pos) === 125) {
    s.pos++;
    return { type: 'object', fields };
  }
  for (;;) {
    skipSpace(s);
    const key = parseString(s).value;
    expect(s, 58);
    fields.set(key, parseValue(s));
    skipSpace(s);
    const c = s.text.charCodeAt(s.pos++);
    if (c === 125) return { type: 'object', fields };
    if (c !== 44) throw new JsonSyntaxError(`expected ',' or '}' at offset ${s.pos - 1}`);
  }
}

function parseArray(s: ParseState): JsonNode {
  const items: JsonNode[] = [];
  s.pos++;
  skipSpace(s);
  if (s.text.charCodeAt(s.pos) === 93) {
    s.pos++;
    return { type: 'array', items };
  }
  for (;;) {
    items.push(parseValue(s));
    skipSpace(s);
    const c = s.text.charCodeAt(s.pos++);
    if (c === 93) return { type: 'array', items };
    if (c !== 44) throw new JsonSyntaxError(`expected ',' or ']' at offset ${s.pos - 1}`);
  }
}
