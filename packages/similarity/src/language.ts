/**
 * Language detection: the file extension decides; content is sniffed only when the name has no
 * known extension (scripts named `run`, notebooks saved without `.ipynb`, …).
 */

export const LANGUAGES = [
  'python', 'javascript', 'typescript', 'java', 'c', 'cpp', 'csharp', 'go', 'ruby', 'rust', 'php', 'kotlin',
  'swift', 'bash', 'sql', 'html', 'css', 'notebook', 'generic',
] as const;

const BY_EXTENSION: Record<string, string> = {
  py: 'python', pyw: 'python', pyi: 'python',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  java: 'java',
  c: 'c', h: 'c',
  cpp: 'cpp', cc: 'cpp', cxx: 'cpp', 'c++': 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp', ino: 'cpp',
  cs: 'csharp',
  go: 'go',
  rb: 'ruby', rake: 'ruby', gemspec: 'ruby',
  rs: 'rust',
  php: 'php', phtml: 'php', php3: 'php', php4: 'php', php5: 'php', php7: 'php', php8: 'php',
  kt: 'kotlin', kts: 'kotlin',
  swift: 'swift',
  sh: 'bash', bash: 'bash', zsh: 'bash', ksh: 'bash',
  sql: 'sql', psql: 'sql', mysql: 'sql',
  html: 'html', htm: 'html', xhtml: 'html',
  css: 'css', scss: 'css', less: 'css',
  ipynb: 'notebook',
};

const BY_NAME: Record<string, string> = { gemfile: 'ruby', rakefile: 'ruby', makefile: 'generic', dockerfile: 'generic' };

/** Interpreters named on a `#!` line. */
const BY_INTERPRETER: Record<string, string> = {
  python: 'python', python2: 'python', python3: 'python', pypy: 'python', pypy3: 'python',
  node: 'javascript', nodejs: 'javascript', deno: 'typescript', 'ts-node': 'typescript', tsx: 'typescript',
  bash: 'bash', sh: 'bash', zsh: 'bash', dash: 'bash', ksh: 'bash',
  ruby: 'ruby', php: 'php',
};

export function detectLanguage(name: string, content: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot > 0) {
    const language = BY_EXTENSION[base.slice(dot + 1).toLowerCase()];
    if (language) {
      return language === 'c' && base.slice(dot + 1) === 'h' && looksLikeCpp(content) ? 'cpp' : language;
    }
  }
  return BY_NAME[base.toLowerCase()] ?? sniffLanguage(content);
}

/** Guesses from the first characters: a shebang, `<?php`, an HTML document, or a notebook. */
export function sniffLanguage(content: string): string {
  let i = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < content.length && content.charCodeAt(i) <= 32) i++;
  const head = content.slice(i, i + 512);
  if (head.startsWith('#!')) return detectInterpreter(head);
  if (head.startsWith('<?php') || head.startsWith('<?=')) return 'php';
  const lower = head.toLowerCase();
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html')) return 'html';
  if (head.startsWith('{') && content.includes('"cells"') && content.includes('"nbformat"')) return 'notebook';
  return 'generic';
}

function detectInterpreter(head: string): string {
  const end = head.indexOf('\n');
  const words = head.slice(2, end === -1 ? undefined : end).trim().split(/\s+/);
  // `#!/usr/bin/env -S python3 -u`: the interpreter is the first word that is not env or an option.
  for (const word of words) {
    const command = word.slice(word.lastIndexOf('/') + 1);
    if (command === 'env' || command.startsWith('-')) continue;
    const versionless = command.replace(/[\d.]+$/, '');
    return BY_INTERPRETER[command] ?? BY_INTERPRETER[versionless] ?? 'generic';
  }
  return 'generic';
}

function looksLikeCpp(content: string): boolean {
  return /\b(class|namespace|template\s*<|std::|public:|private:)/.test(content);
}
