#!/usr/bin/env node
// The whole scaffolder lives in the main package (it ships the template and the Action); this
// package only gives it the name `npm init watercooler` / `npx create-watercooler` look for.
// The exact version pin keeps the two packages released together.
await import('watercooler/dist/create-watercooler.js');
