import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it.each([
    ['main.py', 'python'],
    ['src/app.JS', 'javascript'],
    ['App.jsx', 'javascript'],
    ['index.ts', 'typescript'],
    ['Main.java', 'java'],
    ['a.c', 'c'],
    ['a.cc', 'cpp'],
    ['a.hpp', 'cpp'],
    ['Program.cs', 'csharp'],
    ['main.go', 'go'],
    ['x.rb', 'ruby'],
    ['Gemfile', 'ruby'],
    ['lib.rs', 'rust'],
    ['index.php', 'php'],
    ['Main.kt', 'kotlin'],
    ['main.swift', 'swift'],
    ['run.sh', 'bash'],
    ['q.SQL', 'sql'],
    ['index.htm', 'html'],
    ['style.css', 'css'],
    ['hw.ipynb', 'notebook'],
    ['notes.txt', 'generic'],
    ['.bashrc', 'generic'],
  ])('%s → %s by extension', (name, language) => {
    expect(detectLanguage(name, 'x')).toBe(language);
  });

  it('lets the extension win over content', () => {
    expect(detectLanguage('script.py', '#!/bin/bash\necho hi')).toBe('python');
  });

  it('reads a header as C++ when it uses C++ constructs', () => {
    expect(detectLanguage('a.h', 'namespace x { class A {}; }')).toBe('cpp');
    expect(detectLanguage('a.h', 'int f(void);')).toBe('c');
  });

  it.each([
    ['#!/usr/bin/env python3\nprint(1)', 'python'],
    ['#!/usr/bin/python3.11 -u\n', 'python'],
    ['\uFEFF#!/bin/bash\n', 'bash'],
    ['#!/bin/sh\n', 'bash'],
    ['#!/usr/bin/env -S node --harmony\n', 'javascript'],
    ['#!/usr/bin/env ruby\n', 'ruby'],
    ['#!/usr/bin/perl\n', 'generic'],
    ['<?php echo 1;', 'php'],
    ['\n  <!DOCTYPE html>\n<html></html>', 'html'],
    ['<HTML><body></body></HTML>', 'html'],
    ['{\n "cells": [],\n "metadata": {},\n "nbformat": 4\n}', 'notebook'],
    ['{"name": "not a notebook"}', 'generic'],
    ['print("no hint")', 'generic'],
  ])('sniffs content of a file without extension: %j → %s', (content, language) => {
    expect(detectLanguage('submission', content)).toBe(language);
  });
});
