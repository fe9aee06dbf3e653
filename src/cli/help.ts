import { defaultText, SETTING_ENTRIES, type SettingEntry } from '../contracts/mock/settings.js';

/** Where a description starts in a help line, and where lines wrap. */
const COLUMN = 28;
const WIDTH = 100;

/** Breaks `text` into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The default as the flag is written: `120` for a setting of 120 000 ms given in seconds. */
function flagDefault(entry: SettingEntry): string | undefined {
  const scale = entry.meta.flag?.scale ?? 1;
  if (entry.meta.defaultText !== undefined) return `: ${entry.meta.defaultText}`;
  if (entry.defaultValue === undefined || entry.defaultValue === false) return undefined;
  return ` ${typeof entry.defaultValue === 'number' ? entry.defaultValue / scale : defaultText(entry)}`;
}

/** One setting's flag as `--help` lists it: the flag, what it does, its unit, default and variable. */
function flagHelp(entry: SettingEntry): string {
  const flag = entry.meta.flag as NonNullable<SettingEntry['meta']['flag']>;
  const unit = flag.unit === undefined ? '' : `, in ${flag.unit}`;
  const fallback = flagDefault(entry);
  const env = flag.env === undefined ? '' : `; or set ${flag.env}`;
  const text = `${entry.description}${unit}${fallback === undefined ? '' : ` (default${fallback})`}${env}`;
  const head = `  ${flag.name}${flag.arg === undefined ? '' : ` ${flag.arg}`}`.padEnd(COLUMN - 1);
  const [first, ...rest] = wrap(text, WIDTH - COLUMN);
  return [`${head} ${first}`, ...rest.map((line) => `${' '.repeat(COLUMN)}${line}`)].join('\n');
}

/** "Options of serve", generated from the settings schema. */
export function serveOptionsHelp(): string {
  const flags = SETTING_ENTRIES.filter((entry) => entry.meta.flag !== undefined);
  return flags.map(flagHelp).join('\n');
}

/** `linkedapi-mock --help`: the commands, and the options of each (those of serve from the settings schema). */
export function helpText(): string {
  return `linkedapi-mock: a local stand-in for Linked API's conversations endpoints

Usage:
  linkedapi-mock serve [options]   start the mock server
  linkedapi-mock verify [options]  run the conformance checks against any Linked API implementation
  linkedapi-mock openapi [options] print the mock's OpenAPI 3.1 document (also served at /openapi.json)
  linkedapi-mock pact-verify PACT...  verify the mock against Pact files or folders of them
  linkedapi-mock validate FILE...  check scenario files (or folders of them): every problem, located
  linkedapi-mock --help            show this help
  linkedapi-mock --version         show the version

Options of serve (a scenario file's settings apply unless a flag says otherwise):
${serveOptionsHelp()}

Options of verify (exit 0: all passed, 1: a check failed, 2: usage error):
  --base-url URL            the implementation to check, e.g. http://127.0.0.1:4010 (required)
  --account-api-token T     account token (or set LINKEDAPI_ACCOUNT_API_TOKEN; never printed in full)
  --identification-token I  account to use (or set LINKEDAPI_IDENTIFICATION_TOKEN); on the mock,
                            use a fresh one per run for a clean account
  --linked-api-token T      E4 token (or set LINKEDAPI_LINKED_API_TOKEN); default: the
                            account-api-token (the mock accepts any)
  --dialect E1|E4           check only this API generation; repeatable (default both; today's
                            Linked API is E4)
  --person URL              a person the checks may synchronize and read; repeatable. Default: two
                            mock-friendly persons. Required against the real service
  --only NAME               run only this check; repeatable
  --documented-only         skip the checks of the mock's own decisions (basis "mock decision")
  --poll-interval MS        pause between polls of a result link (default 2000)
  --timeout S               longest wait for one answer or for a result link (default 300)

Options of openapi:
  --format json|yaml        output format (default json)
  --server-url URL          the document's server, e.g. http://127.0.0.1:4010 (default: none)

Options of validate (exit 0: all valid, 1: a problem, 2: usage error):
  --json                    print the problems as a JSON array of {file, path, problem, line,
                            column, hint}

Options of pact-verify (needs @pact-foundation/pact; exit 0: verified, 1: a mismatch, 2: usage):
  --provider NAME           the provider name in the pacts (default linkedapi)
  --seed N                  seed of the verified mock (default 1)

Magic tokens (no scenario needed): an account-api-token or identification-token starting with
"invalid" is invalid; an identification-token starting with "no-seats" has no seats; one starting
with "signed-out" fails while processing. A person /in/missing-... does not exist.
`;
}
