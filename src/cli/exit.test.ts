import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MockError } from '../core/issue.js';
import { EXIT, failureOf } from './exit.js';

const HELP = 'Run "linkedapi-mock --help" for the options.';

function parseArgsError(args: string[]): unknown {
  try {
    parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
  } catch (error) {
    return error;
  }
  throw new Error('parseArgs accepted it');
}

describe('failureOf: the exit status from the error code alone', () => {
  it('a usage error (the mock’s or parseArgs’) exits 2 with a pointer to --help', () => {
    expect(failureOf(new MockError('usage', 'unknown command "x"'))).toEqual({
      status: EXIT.usage,
      message: `[linkedapi-mock] unknown command "x"\n${HELP}`,
    });
    for (const args of [['--nope'], ['extra'], ['--json=1']]) {
      const failure = failureOf(parseArgsError(args));
      expect(failure?.status, args.join(' ')).toBe(2);
      expect(failure?.message).toMatch(/^\[linkedapi-mock\] .+\nRun "linkedapi-mock --help" for the options\.$/s);
    }
  });

  it('a bad option exits 2 and a bad scenario 1, with their own messages', () => {
    const option = new MockError('invalidOption', '[linkedapi-mock] seed: expected an integer, got 1.5');
    expect(failureOf(option)).toEqual({ status: 2, message: option.message });
    const scenario = new MockError('invalidScenario', '[linkedapi-mock] scenario s.yaml: file: cannot be read');
    expect(failureOf(scenario)).toEqual({ status: 1, message: scenario.message });
  });

  it('a socket that cannot listen exits 1 and says what to change', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:4010'), {
      code: 'EADDRINUSE',
    });
    expect(failureOf(error)).toEqual({
      status: 1,
      message:
        '[linkedapi-mock] cannot listen: listen EADDRINUSE: address already in use 127.0.0.1:4010. Choose another --port (0 picks a free one) or --host.',
    });
  });

  it('anything else is a bug: no failure of its own', () => {
    expect(failureOf(new RangeError('[linkedapi-mock] looks like ours'))).toBeUndefined();
    expect(failureOf(new TypeError('x is undefined'))).toBeUndefined();
    expect(failureOf(undefined)).toBeUndefined();
  });
});
