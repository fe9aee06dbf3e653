import { MockError, type MockErrorCode } from '../core/issue.js';

/** The exit statuses of every command: 0 done, 1 a problem found (or a failure), 2 a command line that cannot run. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** How a failure is shown: a usage error points at `--help`; a listen failure says what to change. */
type Kind = 'usage' | 'stated' | 'listen';

/** The mock's own errors, by code. */
const BY_CODE: Record<MockErrorCode, { status: number; kind: Kind }> = {
  usage: { status: EXIT.usage, kind: 'usage' },
  invalidOption: { status: EXIT.usage, kind: 'stated' },
  invalidScenario: { status: EXIT.failed, kind: 'stated' },
  controlRefused: { status: EXIT.failed, kind: 'stated' },
  io: { status: EXIT.failed, kind: 'stated' },
  invalidProviderState: { status: EXIT.failed, kind: 'stated' },
};

/** Node's errors, by their `code`: parseArgs refusing the command line, and a socket that cannot listen. */
const BY_NODE_CODE: Readonly<Record<string, { status: number; kind: Kind }>> = {
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: BY_CODE.usage,
  ERR_PARSE_ARGS_UNKNOWN_OPTION: BY_CODE.usage,
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: BY_CODE.usage,
  EADDRINUSE: { status: EXIT.failed, kind: 'listen' },
  EADDRNOTAVAIL: { status: EXIT.failed, kind: 'listen' },
  EACCES: { status: EXIT.failed, kind: 'listen' },
};

/** What a command prints for an error it stops on, and the status it exits with. */
export interface Failure {
  status: number;
  message: string;
}

/**
 * The failure an error stands for, decided by its code alone (a `MockError`'s `code`, or Node's `code` on
 * parseArgs and listen errors); undefined for any other error, which is a bug.
 *
 * @example
 * failureOf(new MockError('usage', 'unknown command "x"'));
 * // → { status: 2, message: '[linkedapi-mock] unknown command "x"\nRun "linkedapi-mock --help" for the options.' }
 */
export function failureOf(error: unknown): Failure | undefined {
  const known =
    error instanceof MockError ? BY_CODE[error.code] : BY_NODE_CODE[(error as NodeJS.ErrnoException)?.code ?? ''];
  if (!known) return undefined;
  const { message } = error as Error;
  switch (known.kind) {
    case 'usage':
      return {
        status: known.status,
        message: `[linkedapi-mock] ${message}\nRun "linkedapi-mock --help" for the options.`,
      };
    case 'listen':
      return {
        status: known.status,
        message: `[linkedapi-mock] cannot listen: ${message}. Choose another --port (0 picks a free one) or --host.`,
      };
    default:
      return { status: known.status, message };
  }
}
