/**
 * Fault injection for the app, preloaded with `node --require`: counts the file system
 * operations that change anything under WI_FAULT_UNDER and, at operation number WI_FAULT_AT
 * (1-based), does WI_FAULT:
 *
 * - `kill` / `term`: sends the process SIGKILL / SIGTERM (the app sets no handler: both end it there);
 * - `enospc` / `erofs` / `eacces`: that operation throws the error, as a full disk, a read-only
 *   file system or a folder without permission would; with WI_FAULT_PERSIST=1 every later
 *   operation under the folder throws it too (a folder that stays read-only);
 * - `remount-ro`: runs `mount -o remount,ro WI_FAULT_MOUNT` first (a real read-only tmpfs).
 *
 * WI_FAULT_BYTES=N instead lets writes under the folder store N bytes in all, then writes the
 * part that fits and throws ENOSPC (a disk that fills mid-file). WI_FAULT_COUNT=<file> writes the
 * number of operations seen at exit, so a test can spread its fault points over a whole synth.
 * Test code only: nothing in lib/ or stacks/ knows about it.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const under = process.env.WI_FAULT_UNDER && path.resolve(process.env.WI_FAULT_UNDER);
const at = Number(process.env.WI_FAULT_AT || 0);
const fault = process.env.WI_FAULT;
const persist = process.env.WI_FAULT_PERSIST === '1';
let bytesLeft = process.env.WI_FAULT_BYTES === undefined ? Infinity : Number(process.env.WI_FAULT_BYTES);
const original = { ...fs };
const watchedFds = new Set();
let count = 0;
let failing = false;

const ERRORS = { enospc: ['ENOSPC', 'no space left on device'], erofs: ['EROFS', 'read-only file system'], eacces: ['EACCES', 'permission denied'] };

/** An error as Node makes it: with the path for path calls, without one for writes to a descriptor. */
function systemError(code, syscall, file) {
  const [name, text] = ERRORS[code];
  if (file === undefined) return Object.assign(new Error(`${name}: ${text}, ${syscall}`), { code: name, errno: -1, syscall });
  return Object.assign(new Error(`${name}: ${text}, ${syscall} '${file}'`), { code: name, errno: -1, syscall, path: file });
}

const isWatched = (file) => under && typeof file === 'string' && (path.resolve(file) + path.sep).startsWith(under + path.sep);

/** Called before each watched operation. */
function before(syscall, file) {
  count++;
  if (failing) throw systemError(fault, syscall, file);
  if (count !== at) return;
  if (fault === 'kill' || fault === 'term') {
    process.kill(process.pid, fault === 'kill' ? 'SIGKILL' : 'SIGTERM');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
  } else if (fault === 'remount-ro') {
    execFileSync('mount', ['-o', 'remount,ro', process.env.WI_FAULT_MOUNT]);
  } else if (ERRORS[fault]) {
    if (persist) failing = true;
    throw systemError(fault, syscall, file);
  }
}

/** Stores what fits of a write, then throws ENOSPC, once the byte budget is spent. */
function budget(data, file, write) {
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  if (size <= bytesLeft) {
    bytesLeft -= size;
    return false;
  }
  const part = Buffer.from(typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).subarray(0, bytesLeft);
  bytesLeft = 0;
  write(part);
  throw systemError('enospc', 'write', file);
}

const wrapPath = (name, syscall = name.replace(/Sync$/, '')) => {
  fs[name] = function (file, ...rest) {
    if (isWatched(file)) before(syscall, file);
    return original[name].call(this, file, ...rest);
  };
};
for (const name of ['mkdirSync', 'mkdtempSync', 'renameSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'copyFileSync']) wrapPath(name);

fs.writeFileSync = function (file, data, options) {
  if (!isWatched(file)) return original.writeFileSync.call(this, file, data, options);
  before('open', file);
  if (budget(data, file, (part) => original.writeFileSync(file, part, options))) return undefined;
  return original.writeFileSync.call(this, file, data, options);
};

fs.openSync = function (file, flags, mode) {
  const writing = typeof flags === 'string' ? /[wa+]/.test(flags) : typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) !== 0;
  if (writing && isWatched(file)) before('open', file);
  const fd = original.openSync.call(this, file, flags, mode);
  if (writing && isWatched(file)) watchedFds.add(fd);
  return fd;
};

fs.writeSync = function (fd, data, ...rest) {
  if (watchedFds.has(fd)) {
    before('write', undefined);
    if (typeof data !== 'string' || rest.length === 0) budget(data, undefined, (part) => original.writeSync(fd, part));
  }
  return original.writeSync.call(this, fd, data, ...rest);
};

fs.closeSync = function (fd) {
  watchedFds.delete(fd);
  return original.closeSync.call(this, fd);
};

if (process.env.WI_FAULT_COUNT) process.on('exit', () => original.writeFileSync(process.env.WI_FAULT_COUNT, String(count)));
