/**
 * PHP. Text outside `<?php … ?>` is HTML and goes to the HTML lexer; `<?=` reads as `echo`. Code
 * goes to the brace-language scanner with PHP settings: `$vars` → `ID`, keywords case-insensitive
 * (normalized to lower case, `ECHO` = `echo`), `#`/`//`/`/* *\/` comments dropped, single- and
 * double-quoted strings (interpolation included) and heredoc/nowdoc → `STR`. `?>` also ends a
 * statement, so nothing is emitted for it.
 */
import { type CFamilyOptions, lexCFamily } from './c-family.js';
import { scanQuoted } from './chars.js';
import { readHeredocDelimiter, skipHeredocBody } from './heredoc.js';
import { lexHtml } from './html.js';
import { PHP_KEYWORDS } from './keywords.js';
import { C_OPERATORS, createOperatorTable } from './operators.js';
import type { TokenWriter } from './token-writer.js';

const PHP_OPTIONS: CFamilyOptions = {
  keywords: PHP_KEYWORDS,
  operators: createOperatorTable([
    ...C_OPERATORS, '===', '!==', '<=>', '**', '**=', '??', '??=', '=>', '?->', '.=', '<>',
  ]),
  hashComments: true,
  dollarIdentifiers: true,
  php: true,
  singleQuote: (src, pos) => scanQuoted(src, pos, 39, true),
  heredoc: scanPhpHeredoc,
};

export function lexPhp(w: TokenWriter): void {
  const src = w.src;
  const n = src.length;
  let pos = 0;
  while (pos < n) {
    const open = src.indexOf('<?', pos);
    lexHtml(w, pos, open === -1 ? n : open);
    if (open === -1) return;
    let code = open + 2;
    if (src.startsWith('=', code)) {
      w.emit('echo', 'keyword', open, code + 1);
      code++;
    } else if (src.slice(code, code + 3).toLowerCase() === 'php') code += 3;
    const stop = lexCFamily(w, PHP_OPTIONS, code, n);
    pos = stop >= n ? n : stop + 2;
  }
}

/** `<<<ID`, `<<<"ID"`, `<<<'ID'` … `ID`: end offset of the terminator, or -1. */
function scanPhpHeredoc(src: string, pos: number): number {
  if (src.charCodeAt(pos + 2) !== 60) return -1;
  let i = pos + 3;
  while (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9) i++;
  const found = readHeredocDelimiter(src, i);
  if (!found || src.charCodeAt(found.end) !== 10) return -1;
  const { end } = skipHeredocBody(src, found.end + 1, found.delimiter, true);
  // Resume right after the terminator word, which may be followed by `;` or `)`.
  const lineStart = src.lastIndexOf('\n', end - 1) + 1;
  const at = src.indexOf(found.delimiter, lineStart);
  return at === -1 || at > end ? end : at + found.delimiter.length;
}
