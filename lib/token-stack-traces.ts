/**
 * cdktf records a full stack trace for every token it creates (each reference such as
 * `role.arn`, each complex attribute of every resource: tens of thousands per large stack),
 * only to print it if that token later fails to resolve. Capturing those traces (with an
 * unlimited depth) and formatting them through the source maps tsx enables cost a third of
 * the app's CPU time at 1,000 workloads, and capturing alone still 10% (bench/).
 */

/** Set to 1 to keep cdktf's token creation stacks (for debugging a token that fails to resolve). */
export const KEEP_TOKEN_STACKS_VARIABLE = 'WORKLOAD_IDENTITY_TOKEN_STACKS';

/**
 * Runs `fn` without capturing token creation stacks. cdktf captures into a plain object
 * (`{ stack: "" }`); an Error captures its own stack when it is made, and any
 * `Error.captureStackTrace` on an Error still works, so real errors keep their stacks.
 */
export function withoutTokenStackTraces<T>(fn: () => T, env: NodeJS.ProcessEnv = process.env): T {
  if (env[KEEP_TOKEN_STACKS_VARIABLE] === '1') return fn();
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target: object, constructor?: Function) => {
    if (target instanceof Error) capture(target, constructor);
  };
  try {
    return fn();
  } finally {
    Error.captureStackTrace = capture;
  }
}
