/**
 * A failure of the app as the one line (or, for a config, one line per problem) a user reads:
 * no stack trace. File system errors name the file and what the system said
 * (`cdktf.out/stacks/x/cdk.tf.json: cannot write: no space left on device (ENOSPC)`).
 */
import * as path from 'node:path';
import { ConfigError } from '../lib/spec/config-error';

/** Set to 1 to print an unexpected error's stack trace as well. */
export const DEBUG_VARIABLE = 'WORKLOAD_IDENTITY_DEBUG';

/** What each system call was doing, for the message. */
const ACTIONS: Readonly<Record<string, string>> = {
  open: 'open', write: 'write', read: 'read', mkdir: 'create the folder', mkdtemp: 'create a folder in', rename: 'move',
  rm: 'remove', rmdir: 'remove', unlink: 'remove', scandir: 'list', stat: 'read', lstat: 'read', fsync: 'flush', close: 'close',
};

interface SystemError extends Error {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

function isSystemError(err: unknown): err is SystemError {
  return err instanceof Error && typeof (err as Partial<SystemError>).code === 'string' && (typeof (err as SystemError).syscall === 'string' || typeof (err as SystemError).path === 'string');
}

/** A path as printed: relative to the working directory when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** The message for any error the app throws. */
export function failureMessage(err: unknown, env: NodeJS.ProcessEnv = process.env): string {
  if (err instanceof ConfigError) return err.message;
  if (isSystemError(err)) {
    // Node's message is "CODE: description, syscall 'path'": keep the description.
    const description = /^[A-Z]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message.split('\n')[0];
    const action = (err.syscall && ACTIONS[err.syscall]) ?? err.syscall ?? 'use';
    const target = err.path ? shown(err.path) : 'the output directory';
    return `${target}: cannot ${action}${err.dest ? ` to ${shown(err.dest)}` : ''}: ${description} (${err.code})`;
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  if (env[DEBUG_VARIABLE] === '1' && err instanceof Error && err.stack) return err.stack;
  return `error: ${message} (set ${DEBUG_VARIABLE}=1 to see where)`;
}
