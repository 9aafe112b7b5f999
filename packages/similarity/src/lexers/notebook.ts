/**
 * Jupyter notebooks: the code cells, each tokenized with the notebook's language (kernelspec or
 * language_info; Python when absent), in cell order. Markdown, raw cells and outputs are ignored.
 * Positions: a token's line is the line of the `.ipynb` file where its source line is stored (the
 * usual one-string-per-line layout makes this exact; a cell stored as one string maps all its lines
 * to that line), its column is the column within the cell's source line. IPython line magics
 * (`%matplotlib`, `!pip`) are blanked, and cells of another language (`%%bash`, `%%html`) skipped.
 */
import type { Token } from '../types.js';
import { type JsonNode, parseJsonWithLines } from './json-lines.js';

/** Cell magics whose body is still Python. */
const PYTHON_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'writefile', 'prun']);

const LANGUAGE_ALIASES: Record<string, string> = {
  python: 'python', python3: 'python', 'c++': 'cpp', cpp: 'cpp', c: 'c', 'c#': 'csharp', csharp: 'csharp',
  java: 'java', javascript: 'javascript', typescript: 'typescript', go: 'go', rust: 'rust', ruby: 'ruby',
  kotlin: 'kotlin', swift: 'swift', bash: 'bash', sh: 'bash', sql: 'sql', php: 'php',
};

export interface NotebookResult {
  language: string;
  tokens: Token[];
  skipReason?: string;
}

export function lexNotebook(text: string, tokenizeCell: (source: string, language: string) => Token[]): NotebookResult {
  let root: JsonNode;
  try {
    root = parseJsonWithLines(text);
  } catch (err) {
    return { language: 'python', tokens: [], skipReason: `invalid notebook: ${(err as Error).message}` };
  }
  const language = findLanguage(root);
  const tokens: Token[] = [];
  for (const cell of items(field(root, 'cells'))) {
    if (stringValue(field(cell, 'cell_type')) !== 'code') continue;
    const { source, lines } = readSource(field(cell, 'source'));
    if (language === 'python' && !prepareMagics(source)) continue;
    for (const token of tokenizeCell(source.join(''), language)) {
      token.startLine = lines[token.startLine - 1] ?? lines[lines.length - 1];
      token.endLine = lines[token.endLine - 1] ?? lines[lines.length - 1];
      tokens.push(token);
    }
  }
  return { language, tokens };
}

function field(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.type === 'object' ? node.fields.get(key) : undefined;
}

function items(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? node.items : [];
}

function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? node.value : undefined;
}

function findLanguage(root: JsonNode): string {
  const metadata = field(root, 'metadata');
  const name = stringValue(field(field(metadata, 'kernelspec'), 'language')) ?? stringValue(field(field(metadata, 'language_info'), 'name'));
  return name === undefined ? 'python' : (LANGUAGE_ALIASES[name.toLowerCase()] ?? 'generic');
}

/**
 * The cell's source split into lines (each keeping its `\n`) and, per line, the `.ipynb` line it
 * is stored on.
 */
function readSource(node: JsonNode | undefined): { source: string[]; lines: number[] } {
  const source: string[] = [];
  const lines: number[] = [];
  const parts = node?.type === 'string' ? [node] : items(node);
  for (const part of parts) {
    if (part.type !== 'string') continue;
    const value = part.value.replace(/\r\n?/g, '\n');
    let start = 0;
    for (let nl = value.indexOf('\n'); nl !== -1; nl = value.indexOf('\n', start)) {
      appendLine(source, lines, value.slice(start, nl + 1), part.line);
      start = nl + 1;
    }
    if (start < value.length) appendLine(source, lines, value.slice(start), part.line);
  }
  return { source, lines };
}

/** Appends a piece of text; a piece continuing an unterminated line joins that line. */
function appendLine(source: string[], lines: number[], piece: string, line: number): void {
  const last = source.length - 1;
  if (last >= 0 && !source[last].endsWith('\n')) source[last] += piece;
  else {
    source.push(piece);
    lines.push(line);
  }
}

/** Blanks IPython magics in place; false when the cell is in another language. */
function prepareMagics(source: string[]): boolean {
  for (let i = 0; i < source.length; i++) {
    const trimmed = source[i].trimStart();
    if (trimmed.startsWith('%%')) {
      const magic = trimmed.slice(2).split(/\s/, 1)[0];
      if (i === 0 && !PYTHON_CELL_MAGICS.has(magic)) return false;
      source[i] = '\n';
    } else if (trimmed.startsWith('%') || trimmed.startsWith('!')) source[i] = '\n';
  }
  return true;
}
