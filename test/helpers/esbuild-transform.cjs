/**
 * Jest's TypeScript transform: esbuild (the app's bundler already, bin/synth.cjs) strips the
 * types of one file at a time, with tsconfig.json's settings, as `isolatedModules` there
 * promises is safe; `tsc --noEmit` in `npm test` type-checks once. Written here, in a few lines,
 * because no maintained esbuild transformer for Jest exists (esbuild-jest's last release is of
 * 2021), and ts-jest (used before) transpiles each file with the TypeScript compiler, about 8
 * times slower.
 */
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync, version } = require('esbuild');

const TSCONFIG = fs.readFileSync(path.join(__dirname, '..', '..', 'tsconfig.json'), 'utf8');
const SELF = fs.readFileSync(__filename, 'utf8');

module.exports = {
  process(source, filename) {
    const options = { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: true, tsconfigRaw: TSCONFIG };
    const { code, map } = transformSync(source, options);
    return { code, map };
  },
  getCacheKey(source, filename, { configString }) {
    return createHash('sha256').update(source).update(filename).update(configString).update(TSCONFIG).update(SELF).update(version).digest('hex');
  },
};
