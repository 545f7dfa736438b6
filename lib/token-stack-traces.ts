/**
 * cdktf records a full stack trace for every token it creates (each reference such as
 * `role.arn`, each complex attribute of every resource: tens of thousands per large stack),
 * only to print it if that token later fails to resolve. Formatting those traces, through the
 * source maps tsx enables, was a third of the app's CPU time at 1,000 workloads (bench/).
 */

/** Set to 1 to keep cdktf's token creation stacks (for debugging a token that fails to resolve). */
export const KEEP_TOKEN_STACKS_VARIABLE = 'WORKLOAD_IDENTITY_TOKEN_STACKS';

/**
 * Runs `fn` with token creation stacks left empty. Real errors keep their stacks: V8 formats
 * an error's stack when it is first read, which for an error escaping `fn` is after the
 * previous formatter is restored.
 */
export function withoutTokenStackTraces<T>(fn: () => T, env: NodeJS.ProcessEnv = process.env): T {
  if (env[KEEP_TOKEN_STACKS_VARIABLE] === '1') return fn();
  const previous = Error.prepareStackTrace;
  // cdktf captures into a plain object (`{ stack: "" }`); everything else is a real error.
  Error.prepareStackTrace = (holder, frames) =>
    holder instanceof Error ? (previous ? previous(holder, frames) : [String(holder), ...frames].join('\n    at ')) : '';
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
