/**
 * HTML. The structure is the tags: `<name` and `</name` tokens (lower-cased) and attribute names
 * are kept; attribute values and text between tags are the author's words → one `STR` each (the
 * text in `literal`). Comments and the doctype are dropped. `<script>` bodies go to the JavaScript
 * lexer and `<style>` bodies to the CSS lexer, so embedded code is compared as code.
 */
import { lexCFamily } from './c-family.js';
import { C_FAMILY_OPTIONS } from './c-languages.js';
import { isSpace } from './chars.js';
import { lexCss } from './css.js';
import { STRING, TokenWriter } from './token-writer.js';

export function lexHtml(w: TokenWriter, start = 0, end = w.src.length): void {
  const src = w.src;
  let pos = start;
  while (pos < end) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt === -1 || lt > end ? end : lt;
    emitText(w, pos, textEnd);
    if (textEnd >= end) return;
    pos = lt;
    if (src.startsWith('<!--', pos)) {
      const close = src.indexOf('-->', pos + 4);
      pos = close === -1 || close > end ? end : close + 3;
    } else if (src.charCodeAt(pos + 1) === 33 || src.charCodeAt(pos + 1) === 63) {
      const close = src.indexOf('>', pos);
      pos = close === -1 || close > end ? end : close + 1;
    } else if (isTagStart(src.charCodeAt(pos + 1)) || (src.charCodeAt(pos + 1) === 47 && isTagStart(src.charCodeAt(pos + 2)))) {
      pos = scanTag(w, pos, end);
    } else {
      emitText(w, pos, pos + 1);
      pos++;
    }
  }
}

function isTagStart(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** Text between tags: one `STR` token for its trimmed extent, none for whitespace. */
function emitText(w: TokenWriter, start: number, end: number): void {
  const src = w.src;
  while (start < end && isSpace(src.charCodeAt(start))) start++;
  while (end > start && isSpace(src.charCodeAt(end - 1))) end--;
  if (end > start) w.emit(STRING, 'string', start, end, src.slice(start, end));
}

/** A start or end tag at `pos`; returns the offset after it (and after a script/style body). */
function scanTag(w: TokenWriter, pos: number, end: number): number {
  const src = w.src;
  const closing = src.charCodeAt(pos + 1) === 47;
  let i = pos + (closing ? 2 : 1);
  const nameStart = i;
  while (i < end && !isSpace(src.charCodeAt(i)) && src.charCodeAt(i) !== 62 && src.charCodeAt(i) !== 47) i++;
  const name = src.slice(nameStart, i).toLowerCase();
  w.emit((closing ? '</' : '<') + name, 'keyword', pos, i);
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 62) {
      i++;
      break;
    }
    if (isSpace(c) || c === 47) {
      i++;
      continue;
    }
    if (c === 61) {
      i = scanAttributeValue(w, i + 1, end);
      continue;
    }
    const a = i;
    while (i < end && !isSpace(src.charCodeAt(i)) && !isAttributeStop(src.charCodeAt(i))) i++;
    if (i === a) i++;
    else w.emit(src.slice(a, i).toLowerCase(), 'keyword', a, i);
  }
  if (closing || (name !== 'script' && name !== 'style')) return i;
  const close = indexOfIgnoreCase(src, '</' + name, i, end);
  const bodyEnd = close === -1 ? end : close;
  if (name === 'style') lexCss(w, i, bodyEnd);
  else lexCFamily(w, C_FAMILY_OPTIONS.javascript, i, bodyEnd);
  return bodyEnd;
}

function isAttributeStop(c: number): boolean {
  return c === 61 || c === 62 || c === 47 || c === 34 || c === 39;
}

function scanAttributeValue(w: TokenWriter, pos: number, end: number): number {
  const src = w.src;
  while (pos < end && isSpace(src.charCodeAt(pos))) pos++;
  const q = src.charCodeAt(pos);
  let e: number;
  let literal: string;
  if (q === 34 || q === 39) {
    const close = src.indexOf(String.fromCharCode(q), pos + 1);
    e = close === -1 || close >= end ? end : close + 1;
    literal = src.slice(pos + 1, Math.max(pos + 1, e - 1));
  } else {
    e = pos;
    while (e < end && !isSpace(src.charCodeAt(e)) && src.charCodeAt(e) !== 62) e++;
    literal = src.slice(pos, e);
  }
  if (e > pos) w.emit(STRING, 'string', pos, e, literal);
  return e;
}

function indexOfIgnoreCase(src: string, needle: string, from: number, end: number): number {
  const exact = src.indexOf(needle, from);
  if (exact !== -1 && exact < end) return exact;
  const found = src.slice(from, end).toLowerCase().indexOf(needle);
  return found === -1 ? -1 : from + found;
}
