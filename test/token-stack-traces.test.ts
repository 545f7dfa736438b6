import { Lazy } from 'cdktf';
import { KEEP_TOKEN_STACKS_VARIABLE, withoutTokenStackTraces } from '../lib/token-stack-traces';

const token = () => Lazy.anyValue({ produce: () => 1 });

// The suite's setup (test/helpers/plain-token-stacks.cjs) makes tokens without stacks, as the app
// does; this file tests that behaviour itself, so it starts from V8's own capture.
const suiteCapture = Error.captureStackTrace;
beforeAll(() => {
  Error.captureStackTrace = (suiteCapture as typeof suiteCapture & { withTokenStacks: typeof suiteCapture }).withTokenStacks;
});
afterAll(() => {
  Error.captureStackTrace = suiteCapture;
});

describe('withoutTokenStackTraces', () => {
  it('leaves the creation stacks of tokens made inside empty, and restores them after', () => {
    expect(withoutTokenStackTraces(() => token().creationStack, {})).toEqual([]);
    expect(token().creationStack.length).toBeGreaterThan(0);
  });

  it('keeps the stack of a real error thrown inside', () => {
    function failingStep(): never {
      throw new Error('boom');
    }
    let caught: Error | undefined;
    try {
      withoutTokenStackTraces(failingStep, {});
    } catch (err) {
      caught = err as Error;
    }
    expect(caught?.stack).toMatch(/boom[\s\S]*failingStep/);
  });

  it(`keeps token stacks when ${KEEP_TOKEN_STACKS_VARIABLE}=1`, () => {
    expect(withoutTokenStackTraces(() => token().creationStack, { [KEEP_TOKEN_STACKS_VARIABLE]: '1' }).length).toBeGreaterThan(0);
  });
});
