/**
 * The project directory: the nearest directory above this code that holds cdktf.json. The code
 * runs from lib/ (tests, tools) or from the app bundle in node_modules/.cache/ (bin/synth.cjs).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

function nearestWithCdktfJson(from: string): string {
  const parent = path.dirname(from);
  return existsSync(path.join(from, 'cdktf.json')) || parent === from ? from : nearestWithCdktfJson(parent);
}

export const PROJECT_ROOT = nearestWithCdktfJson(__dirname);

/** Where the project caches what it compiles (the app bundle, the schema validator). */
export const CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'workload-identity');
