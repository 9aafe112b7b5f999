#!/usr/bin/env node
// `npx crosscheck` from the repo: the compiled CLI (built by `npm install` through the prepare script).
import '../dist/main.js';
