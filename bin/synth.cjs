/**
 * The cdktf app command (cdktf.json `app`): runs main.ts as precompiled JavaScript.
 *
 * main.ts and everything it imports from lib/ and stacks/ are bundled by esbuild into one
 * CommonJS file under node_modules/.cache/workload-identity/, named by a hash of the sources,
 * so a bundle is never stale and never shared between versions: when no bundle matches the
 * sources (a fresh clone, an edit), one is built (about 0.1 s) and older ones are removed.
 * Packages stay external (required from node_modules as usual). Running plain JavaScript
 * instead of `node --import tsx main.ts` saves the TypeScript loader's start-up and per-module
 * cost on every synth (see bench/RESULTS.md). For stack traces into the TypeScript sources, set
 * NODE_OPTIONS=--enable-source-maps (a source map is written next to the bundle). Where the
 * cache cannot be written, main.ts runs through tsx instead.
 */
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'workload-identity');
/** What the bundle is built from: the entry, the sources it imports, and the compiler settings. */
const SOURCES = ['main.ts', 'tsconfig.json', 'lib', 'stacks', __filename];

function files(entry) {
  const full = path.resolve(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [full];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath ?? d.path, d.name))
    .sort();
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(files)) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Writes `contents` to `file` atomically: concurrent synths never read a half-written bundle. */
function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/** The bundle's code and source map, compiled from main.ts. */
function compile(bundle) {
  const { buildSync } = require('esbuild');
  const { outputFiles } = buildSync({
    entryPoints: [path.join(ROOT, 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    write: false,
    logLevel: 'error',
  });
  return [`${bundle}.map`, bundle].map((file) => [file, outputFiles.find((out) => out.path === file).contents]);
}

/** Writes the bundle (the map first: the bundle's existence is what later runs check) and removes older bundles. */
function store(files) {
  fs.mkdirSync(CACHE, { recursive: true });
  for (const [file, contents] of files) writeAtomically(file, contents);
  const keep = new Set(files.map(([file]) => path.basename(file)));
  for (const old of fs.readdirSync(CACHE)) {
    if (old.startsWith('app-') && !keep.has(old) && !old.endsWith('.tmp')) fs.rmSync(path.join(CACHE, old), { force: true });
  }
}

/** The bundle of the current sources, built when missing; undefined when the cache cannot be written. */
function currentBundle() {
  const bundle = path.join(CACHE, `app-${sourceHash()}.cjs`);
  if (fs.existsSync(bundle)) return bundle;
  const files = compile(bundle);
  try {
    store(files);
    return bundle;
  } catch (err) {
    if (typeof err.code === 'string' && err.syscall) return undefined;
    throw err;
  }
}

const bundle = currentBundle();
if (bundle) {
  require(bundle);
} else {
  // The cache cannot be written (a read-only install): run the TypeScript through tsx, as before the bundle (slower).
  require('tsx/cjs/api').register();
  require(path.join(ROOT, 'main.ts'));
}
