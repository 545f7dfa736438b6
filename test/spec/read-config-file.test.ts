/**
 * The config file is read once, bounded: devices, FIFOs, directories, sparse huge files and
 * binary are refused quickly, with a short message that echoes nothing of the content.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../lib/spec/config-error';
import { loadSpec } from '../../lib/config/load';
import { MAX_CONFIG_BYTES, readConfigFile } from '../../lib/config/read-config-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wi-read-'));

/** The one message of the ConfigError `file` raises, within `ms`. */
function refusal(file: string, ms = 2000): string {
  const started = Date.now();
  let error: unknown;
  try {
    readConfigFile(file);
  } catch (err) {
    error = err;
  }
  expect(Date.now() - started).toBeLessThan(ms);
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems;
  expect(problems).toHaveLength(1);
  return problems[0].message;
}

describe('reading the config file', () => {
  it.each([
    ['/dev/zero', /is a device, not a config file/],
    ['/dev/urandom', /is a device, not a config file/],
    ['/dev/null', /is a device, not a config file/],
    [os.tmpdir(), /is a directory, not a config file/],
  ])('refuses %s without reading it', (file, message) => {
    expect(refusal(file)).toMatch(message);
  });

  it('refuses a FIFO at once, with no writer (no hang)', () => {
    const fifo = path.join(dir, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo)).toMatch(/is a pipe \(FIFO\), not a config file/);
  });

  it('refuses a sparse file over the bound by its size, without reading it', () => {
    const sparse = path.join(dir, 'sparse.yaml');
    fs.writeFileSync(sparse, 'app: x\n');
    fs.truncateSync(sparse, 64 * 1024 * 1024 * 1024);
    expect(refusal(sparse, 500)).toBe(`the file is ${64 * 1024 ** 3} bytes; the limit is ${MAX_CONFIG_BYTES} (16 MiB)`);
  });

  it('refuses a virtual file whose size is not its length (/proc), echoing none of it', () => {
    expect(refusal('/proc/self/environ')).toMatch(/changed size while it was read/);
  });

  it('refuses binary and non-UTF-8 content without echoing it', () => {
    const binary = path.join(dir, 'binary.yaml');
    fs.writeFileSync(binary, Buffer.from([0x61, 0x70, 0x70, 0x3a, 0x00, 0x01]));
    expect(refusal(binary)).toBe('is a binary file (it holds NUL bytes), not a YAML config');
    const latin1 = path.join(dir, 'latin1.yaml');
    fs.writeFileSync(latin1, Buffer.from('app: caf\xe9\n', 'latin1'));
    expect(refusal(latin1)).toBe('is not UTF-8 text, so not a YAML config');
  });

  it('names a missing file by its error code only', () => {
    expect(refusal(path.join(dir, 'missing.yaml'))).toBe('cannot open the file (ENOENT)');
  });

  it('never prints the secrets of a file that is not a config (.env)', () => {
    const env = path.join(dir, '.env');
    fs.writeFileSync(env, 'DATABASE_PASSWORD=hunter2-very-secret\nAPI_TOKEN=tok_live_abcdef\n');
    expect(() => loadSpec(env)).toThrow(ConfigError);
    try {
      loadSpec(env);
    } catch (err) {
      expect((err as Error).message).not.toMatch(/hunter2|tok_live|PASSWORD|TOKEN/);
      expect((err as Error).message).toMatch(/is not an identity config: expected a YAML mapping with app, environments, workloads \(got a single text value\)/);
    }
  });
});
