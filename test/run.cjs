/**
 * `npm test`: the type check (`tsc --noEmit`) and the jest suite, run at once rather than one
 * after the other. tsc keeps under two cores busy for its few seconds, and the suite is CPU-bound
 * on two: side by side they finish about two seconds sooner here. Jest's output streams as
 * usual; tsc's (nothing when the types check) is printed after it. Arguments go to jest
 * (`npm test -- test/spec`). Exits non-zero when either fails.
 */
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

const tsc = spawn(bin('tsc'), ['--noEmit'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
let typeErrors = '';
tsc.stdout.on('data', (d) => (typeErrors += d));
tsc.stderr.on('data', (d) => (typeErrors += d));
const typeChecked = new Promise((resolve) => tsc.on('close', (code) => resolve(code ?? 1)));

const jest = spawn(bin('jest'), process.argv.slice(2), { cwd: ROOT, stdio: 'inherit' });
const tested = new Promise((resolve) => jest.on('close', (code) => resolve(code ?? 1)));

Promise.all([typeChecked, tested]).then(([tscCode, jestCode]) => {
  if (tscCode !== 0) process.stderr.write(`\ntsc --noEmit failed:\n${typeErrors}`);
  process.exitCode = tscCode || jestCode;
});
