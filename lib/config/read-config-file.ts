/**
 * Reads the config file once, safely: opened once (non-blocking, so a FIFO without a writer
 * cannot hang the synth), checked with fstat on that same descriptor (a regular file, within
 * the size bound), then read with the bound enforced while reading (a file that grows past it
 * is refused, not read on). The text must be UTF-8 without NUL bytes: anything else is not a
 * config, and its content is never echoed.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigError } from '../spec/config-error';

/**
 * Largest config file, in bytes: 16 MiB. The largest estates measured (bench/RESULTS-large.md,
 * 10,000 workloads) are ~11 MB of YAML; this leaves half as much again in headroom, while a
 * parse of 16 MiB stays within the synth's memory budget.
 */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

const refuse = (file: string, message: string): never => {
  throw new ConfigError(file, [{ path: [], message }]);
};

/** What kind of thing a stat names, for the message. */
function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The text of the config file `file`; a `ConfigError` for anything that is not one. */
export function readConfigFile(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return refuse(file, `cannot open the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) refuse(file, `is ${kindOf(stat)}, not a config file: set IDENTITY_CONFIG to a YAML file`);
    if (stat.size > MAX_CONFIG_BYTES) refuse(file, `the file is ${stat.size} bytes; the limit is ${MAX_CONFIG_BYTES} (16 MiB)`);
    const buffer = Buffer.alloc(Math.min(stat.size, MAX_CONFIG_BYTES) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_CONFIG_BYTES || length > stat.size) refuse(file, 'the file changed size while it was read (a file of a virtual file system, or one being written): point IDENTITY_CONFIG at a finished file');
    return decode(file, buffer.subarray(0, length));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    return refuse(file, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

/** The bytes as UTF-8 text (a leading byte order mark dropped); binary is refused. */
function decode(file: string, bytes: Buffer): string {
  if (bytes.includes(0)) refuse(file, 'is a binary file (it holds NUL bytes), not a YAML config');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse(file, 'is not UTF-8 text, so not a YAML config');
  }
}
