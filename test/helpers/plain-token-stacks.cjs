/**
 * Jest setup (jest.config.js `setupFiles`): cdktf records a stack trace for every token it makes
 * (lib/token-stack-traces.ts), into a plain object, and reads it at once. Under Jest every stack
 * read is formatted through source-map-support, which parses the inline source maps of every file
 * on the stack (cdktf's, and each transformed test and lib file): measured as a tenth of the
 * suite's CPU time. Those token stacks are only ever printed for a token that fails to resolve,
 * so here they are formatted plainly (V8's own format, unmapped); an Error's stack, which a
 * failing test prints, is still mapped to the TypeScript source.
 */
'use strict';
const capture = Error.captureStackTrace;
Error.captureStackTrace = function captureStackTrace(target, constructorOpt) {
  if (target instanceof Error) return capture(target, constructorOpt);
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = undefined;
  try {
    capture(target, constructorOpt);
    // Formats now, while V8's own formatter is in place (a stack is formatted on its first read).
    void target.stack;
  } finally {
    Error.prepareStackTrace = prepare;
  }
};
