/**
 * Jest setup (jest.config.js `setupFiles`): tokens are made without creation stacks in every
 * test, as the app makes them (lib/token-stack-traces.ts; main.ts runs every synth that way).
 * cdktf records a full stack trace for every token it makes, into a plain object, only to print
 * it for a token that fails to resolve; under Jest each one is also formatted through
 * source-map-support, which parses the inline source maps of every file on the stack: measured
 * as a tenth of the suite's CPU time when every test captured them. An Error still captures its
 * own stack (a failing test prints it, mapped). V8's capture stays at
 * `Error.captureStackTrace.withTokenStacks` for the test of that behaviour itself.
 */
'use strict';
const capture = Error.captureStackTrace;
function captureStackTrace(target, constructorOpt) {
  if (target instanceof Error) capture(target, constructorOpt);
}
captureStackTrace.withTokenStacks = capture;
Error.captureStackTrace = captureStackTrace;
