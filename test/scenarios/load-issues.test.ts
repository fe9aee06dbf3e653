import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/contracts/mock/scenario.js';
import { formatLocated, type Issue, ok, type Result } from '../../src/core/issue.js';
import { jsonSyntaxProblem } from '../../src/scenarios/json-syntax.js';
import { readScenarioData, readScenarioText } from '../../src/scenarios/load.js';
import { summarizeScenario } from '../../src/scenarios/summary.js';

const ANN = 'https://www.linkedin.com/in/ann';
const REFERENCE = 'see docs/scenario-reference.md for every key';

/** A problem as these tests state it: what a person reads (the issue's `code` is for programs, tested apart). */
type Problem = Omit<Issue, 'code'>;

function issuesOf(result: Result<Scenario>): Problem[] {
  if (result.ok) throw new Error(`expected problems, got a valid scenario: ${JSON.stringify(result)}`);
  return result.error.map(({ code: _code, ...problem }) => problem);
}

/** The only problem of a YAML text. */
function problem(text: string, format?: 'json' | 'yaml'): Problem {
  const issues = issuesOf(readScenarioText(text, { format }));
  expect(issues).toHaveLength(1);
  return issues[0] as Problem;
}

describe('scenario problems a QA is likely to make: message, line:column and hint', () => {
  it('an unknown key reads "unknown key" and suggests the closest key of that place', () => {
    expect(problem('seed: 1\naccount:\n  - identificationToken: a\n')).toEqual({
      path: 'account',
      problem: 'unknown key',
      line: 2,
      column: 1,
      hint: 'did you mean "accounts"?',
    });
    expect(problem('latency:\n  getms: 3\n')).toEqual({
      path: 'latency.getms',
      problem: 'unknown key',
      line: 2,
      column: 3,
      hint: 'did you mean "getMs"?',
    });
    // A key known elsewhere (persons[].account) is not offered where it does not belong.
    expect(problem('latency:\n  account: x\n').hint).toBe('remove it or use one of: syncMs, getMs, jitter');
  });

  it('an unknown key inside a timeline event lists the keys of that event type', () => {
    const text = `timeline:\n  - at: +1m\n    type: personDisappears\n    person: ${ANN}\n    acount: a\n`;
    expect(problem(text)).toEqual({
      path: 'timeline[0].acount',
      problem: 'unknown key',
      line: 5,
      column: 5,
      hint: 'remove it or use one of: at, repeat, type, person',
    });
  });

  it.each([
    ['90 s', 'write "90s"'],
    ['2 hours', 'write "2h"'],
    ['1w', 'write "7d"'],
    ['"90"', 'add a unit: "90s" (a number and a unit with no space: ms, s, m, h or d)'],
    ['soon', 'write a number and a unit with no space: ms, s, m, h or d, such as "90s" or "5m"'],
  ])('a bad duration %s gets the hint %j', (written, hint) => {
    const text = `persons:\n  - url: ${ANN}\n    standard:\n      generate:\n        count: 3\n        within: ${written}\n`;
    expect(problem(text)).toEqual({
      path: 'persons[0].standard.generate.within',
      problem: 'expected a duration such as 250ms, 90s, 5m, 2h or 30d',
      line: 6,
      column: 17,
      hint,
    });
  });

  const WHEN_PROBLEM =
    'expected a relative time such as +90s, +5m or +1h, or an ISO 8601 date-time with a time zone such as 2024-06-03T09:30:00Z';
  it.each([
    ['"+90"', WHEN_PROBLEM, 'add a unit: "+90s" (a number and a unit with no space: ms, s, m, h or d)'],
    [
      '+90',
      'expected a relative time such as +90s or an ISO 8601 date-time with a time zone such as 2024-06-03T09:30:00Z, got a number',
      'a relative time needs a + and a unit: write "+90s" or "+90m"',
    ],
    ['90s', WHEN_PROBLEM, 'start it with a +: "+90s"'],
    ['+5 min', WHEN_PROBLEM, 'write "+5m"'],
    ['-5m', WHEN_PROBLEM, 'times count forward from the load: write "+0s" for at once, or a date-time'],
    ['2024-06-03T09:30:00', WHEN_PROBLEM, 'write "2024-06-03T09:30:00Z" (Z is UTC; or an offset such as +02:00)'],
  ])('a timeline time %s: %s, hint %j', (written, message, hint) => {
    const text = `timeline:\n  - type: personDisappears\n    person: ${ANN}\n    at: ${written}\n`;
    expect(problem(text)).toEqual({ path: 'timeline[0].at', problem: message, line: 4, column: 9, hint });
  });

  it.each([
    ['2024-06-03T09:30:00', 'write "2024-06-03T09:30:00Z" (Z is UTC; or an offset such as +02:00)'],
    ['2024-06-03 09:30', 'write "2024-06-03T09:30:00Z" (Z is UTC; or an offset such as +02:00)'],
    ['2024-06-03T09:30:00+0200', 'write "2024-06-03T09:30:00+02:00" (Z is UTC; or an offset such as +02:00)'],
    [
      'yesterday',
      'write a date, T, a time with seconds and a time zone, such as "2024-06-03T09:30:00Z" (Z is UTC; or an offset such as +02:00)',
    ],
  ])('a date-time without a time zone or in another shape, %s, is fixed in the hint', (written, hint) => {
    expect(problem(`startTime: ${written}\n`)).toEqual({
      path: 'startTime',
      problem: 'expected an ISO 8601 date-time with a time zone such as 2024-06-03T09:30:00Z',
      line: 1,
      column: 12,
      hint,
    });
  });

  it('an account no listed account matches is reported with the closest one', () => {
    const text =
      'accounts:\n  - identificationToken: acc-one\ntimeline:\n  - at: +1m\n    type: accountState\n    account: acc-0ne\n    state: signedOut\n';
    expect(problem(text)).toEqual({
      path: 'timeline[0].account',
      problem: 'is not one of the accounts listed (acc-one)',
      line: 6,
      column: 14,
      hint: 'did you mean "acc-one"? Otherwise add "acc-0ne" to accounts',
    });
  });

  it('reference problems show together with shape problems, sorted by position', () => {
    const text = [
      'accounts:',
      '  - identificationToken: sales-1',
      '  - identificationToken: sales-1',
      'faults:',
      '  - account: support-1',
      '    status: 503',
      'seed: many',
      'persons:',
      `  - url: ${ANN}`,
      '    account: nobody',
      '',
    ].join('\n');
    const issues = issuesOf(readScenarioText(text));
    expect(issues.map(({ path, line, column }) => `${line}:${column} ${path}`)).toEqual([
      '3:26 accounts[1].identificationToken',
      '5:14 faults[0].account',
      '7:7 seed',
      '10:14 persons[0].account',
    ]);
    expect(issues[0]).toMatchObject({
      problem: 'the same account as accounts[0] (list each account once)',
      hint: 'remove one of the two',
    });
    expect(issues[1]).toMatchObject({
      problem: 'is not one of the accounts listed (sales-1)',
      hint: 'add it to accounts, or remove accounts to accept every account',
    });
  });

  it('a duplicate key names the key and its path', () => {
    expect(problem('seed: 1\nlatency:\n  syncMs: 1\n  syncMs: 2\n')).toEqual({
      path: 'latency.syncMs',
      problem: 'duplicate key "syncMs": it is already set above',
      line: 4,
      column: 3,
      hint: 'keep one of the two',
    });
  });

  it('a tab in the indentation', () => {
    expect(problem('latency:\n\tsyncMs: 5\n')).toEqual({
      path: 'file',
      problem: 'a tab in the indentation',
      line: 2,
      column: 1,
      hint: 'indent with spaces: YAML does not allow tabs',
    });
  });

  it.each(['', '# only a comment\n', '~\n', '{}'])('an empty scenario %j is valid: the default world', (text) => {
    const result = readScenarioText(text);
    expect(result).toEqual(ok({ unlistedPersonsExist: true }));
    if (result.ok) expect(summarizeScenario(result.value)).toBe('the default world');
  });

  it('a list instead of a map at the top level', () => {
    expect(problem('- seed: 1\n- speed: 0\n')).toEqual({
      path: 'scenario',
      problem: 'must be a map of keys (seed: 1, accounts: ...), got a list',
      line: 1,
      column: 1,
      hint: 'a scenario file is a map at the top level (seed: 1, accounts: ...): remove the leading "- "',
    });
  });

  it('a missing space after a colon', () => {
    expect(problem('latency:\n  syncMs:5\n')).toMatchObject({
      path: 'latency',
      problem: 'expected object, got the string "syncMs:5"',
      line: 2,
      column: 3,
      hint: 'put a space after the colon: "key: value"',
    });
  });

  it('wrong types and ranges get a hint on how to write the value', () => {
    const text = [
      'latency:',
      '  syncMs: 30s',
      '  getMs: "100"',
      '  jitter: 30',
      'faults:',
      '  - probability: 5%',
      '    status: 503',
      'accounts:',
      '  - identificationToken: a',
      '    state: signedout',
      '    apiTokens: []',
      'unlistedPersonsExist: "no"',
      'seed: 1.5',
      '',
    ].join('\n');
    const issues = issuesOf(readScenarioText(text));
    expect(issues.map(({ path, problem, hint }) => [path, problem, hint])).toEqual([
      ['latency.syncMs', 'expected number, got the string "30s"', 'syncMs takes a plain number of milliseconds: 30000'],
      ['latency.getMs', 'expected number, got the string "100"', 'remove the quotes: 100'],
      ['latency.jitter', 'must be <= 1, got 30', 'a fraction from 0 to 1: write 0.3 for 30 %'],
      ['faults[0].probability', 'expected number, got the string "5%"', 'write a fraction: 0.05 for 5%'],
      ['accounts[0].state', 'expected one of active, noSeats, signedOut', 'did you mean "signedOut"?'],
      ['accounts[0].apiTokens', 'must list at least 1 item', 'give at least one, or remove "apiTokens"'],
      ['unlistedPersonsExist', 'expected boolean, got the string "no"', 'write true or false, without quotes'],
      ['seed', 'expected int, got a number', 'write a whole number, such as 2'],
    ]);
  });

  it('an unknown event type and a missing key', () => {
    const issues = issuesOf(
      readScenarioText('timeline:\n  - at: +1m\n    type: mesage\n  - at: +2m\n    type: personDisappears\n'),
    );
    expect(issues).toEqual([
      {
        path: 'timeline[0].type',
        problem: 'expected an event with type message, accountState or personDisappears',
        line: 3,
        column: 11,
        hint: 'did you mean "message"?',
      },
      { path: 'timeline[1].person', problem: 'required', line: 4, column: 5, hint: `add "person"; ${REFERENCE}` },
    ]);
  });

  it('a fault without an effect, or with two triggers; a message with neither time nor ago', () => {
    const text = [
      'faults:',
      '  - endpoint: get',
      '  - every: 2',
      '    first: 1',
      '    status: 503',
      'persons:',
      `  - url: ${ANN}`,
      '    standard:',
      '      messages:',
      '        - { from: them, text: hi }',
      '',
    ].join('\n');
    expect(issuesOf(readScenarioText(text))).toEqual([
      {
        path: 'faults[0]',
        problem: 'a fault needs an effect: error, status, reset or delay',
        line: 2,
        column: 5,
        hint: 'add one, such as status: 503, error: tooManyRequests, reset: true or delay: 5s',
      },
      {
        path: 'faults[1].first',
        problem: 'use one of every, first, probability (got every and first)',
        line: 4,
        column: 12,
        hint: 'keep one: every N, the first N, or a probability',
      },
      {
        path: 'persons[0].standard.messages[0].time',
        problem: 'give either time (a date-time) or ago (a duration such as 2h)',
        line: 10,
        column: 11,
        hint: 'add time: 2024-06-03T09:30:00Z or ago: 2h',
      },
    ]);
  });

  it('a person given by name instead of URL', () => {
    expect(problem('persons:\n  - url: jane-doe\n')).toEqual({
      path: 'persons[0].url',
      problem: 'expected an absolute http(s) URL such as https://www.linkedin.com/in/jane-doe',
      line: 2,
      column: 10,
      hint: 'write the full LinkedIn URL, such as "https://www.linkedin.com/in/jane-doe"',
    });
  });

  it('more than one document, an undefined alias, an alias bomb: problems, never a throw', () => {
    expect(problem('seed: 1\n---\nseed: 2\n')).toMatchObject({
      path: 'file',
      problem: 'holds more than one YAML document (a --- line)',
      line: 2,
      column: 1,
    });
    expect(problem('seed: *nowhere\n')).toMatchObject({
      path: 'file',
      problem: 'cannot be read: Unresolved alias (the anchor must be set before the alias): nowhere',
    });
    const bomb = `a: &a [1, 1]\nb: &b [${'*a, '.repeat(20)}*a]\nc: &c [${'*b, '.repeat(20)}*b]\nd: [${'*c, '.repeat(20)}*c]\n`;
    expect(problem(bomb).problem).toMatch(/^cannot be read: Excessive alias count/);
  });

  it('YAML merge keys work', () => {
    const text = `persons:\n  - &ann { url: "${ANN}", syncMs: 30000 }\n  - <<: *ann\n    url: https://www.linkedin.com/in/bob\n`;
    const result = readScenarioText(text);
    expect(result.ok && result.value.persons?.map((p) => [p.url, p.syncMs])).toEqual([
      [ANN, 30000],
      ['https://www.linkedin.com/in/bob', 30000],
    ]);
  });
});

describe('JSON scenario files', () => {
  it.each([
    ['{\n  "seed": 1,\n  "speed": 0,\n}\n', 3, 13, 'a trailing comma before }'],
    ['{\n  "accounts": [\n    { "identificationToken": "a" },\n  ]\n}\n', 3, 35, 'a trailing comma before ]'],
  ])('strict JSON refuses a trailing comma at its line and column', (text, line, column, message) => {
    expect(problem(text, 'json')).toEqual({
      path: 'file',
      problem: `is not valid JSON: ${message}`,
      line,
      column,
      hint: 'remove the comma: JSON allows none after the last item',
    });
    // YAML reads the same text (flow collections allow it): only a .json file is held to JSON.
    expect(readScenarioText(text, { format: 'yaml' }).ok).toBe(true);
  });

  it('locates schema problems in JSON too', () => {
    expect(problem('{\n  "seed": 1,\n  "latency": { "syncMs": -5 }\n}\n', 'json')).toEqual({
      path: 'latency.syncMs',
      problem: 'must be >= 0, got -5',
      line: 3,
      column: 26,
      hint: REFERENCE,
    });
  });

  it.each([
    ['{"seed": 1', 'the text ends early: expected "," or "}"', 10],
    ['{"seed": \'x\'}', 'single quotes are not JSON', 9],
    ['{\n  // note\n  "seed": 1\n}', 'comments are not JSON', 4],
    ['{seed: 1}', 'unexpected "s": expected a key in double quotes', 1],
    ['{"seed": 1} {}', 'unexpected "{": expected the end of the text', 12],
    ['[1, 2,]', 'a trailing comma before ]', 5],
  ])('jsonSyntaxProblem(%j) finds %j at offset %i', (text, message, offset) => {
    expect(jsonSyntaxProblem(text)).toMatchObject({ problem: message, offset });
  });

  it('agrees with JSON.parse on what is JSON', () => {
    const unit = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '\n',
      '"',
      '\\',
      'a',
      '1',
      '-',
      '.',
      'e',
      'true',
      'null',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit }),
          fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
        ),
        (text) => {
          let parses = true;
          try {
            JSON.parse(text);
          } catch {
            parses = text.trim() === '';
          }
          expect(jsonSyntaxProblem(text) === undefined, text).toBe(parses);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each(['', '{}', '{"a": [1, -2.5e3, true, null, "x\\n\\u00e9"], "b": {"c": {}}}'])('accepts JSON %j', (text) => {
    expect(jsonSyntaxProblem(text)).toBeUndefined();
  });
});

describe('readScenarioData (in-process objects)', () => {
  it('gives the same problems and hints, without positions', () => {
    const result = readScenarioData({
      accounts: [{ identificationToken: 'acc-1' }],
      timeline: [{ at: '+90', type: 'accountState', account: 'acc-2', state: 'signedOut' }],
      colour: 'blue',
    });
    // Without positions, zod's order: shape problems, unknown keys, then cross-references.
    expect(issuesOf(result)).toEqual([
      {
        path: 'timeline[0].at',
        problem:
          'expected a relative time such as +90s, +5m or +1h, or an ISO 8601 date-time with a time zone such as 2024-06-03T09:30:00Z',
        hint: 'add a unit: "+90s" (a number and a unit with no space: ms, s, m, h or d)',
      },
      { path: 'colour', problem: 'unknown key', hint: expect.stringMatching(/^remove it or use one of: \$schema, /) },
      {
        path: 'timeline[0].account',
        problem: 'is not one of the accounts listed (acc-1)',
        hint: 'did you mean "acc-1"? Otherwise add "acc-2" to accounts',
      },
    ]);
  });

  it('accepts undefined and null as the default world, and a full scenario', () => {
    expect(readScenarioData(undefined)).toEqual(ok({ unlistedPersonsExist: true }));
    expect(readScenarioData(null)).toEqual(ok({ unlistedPersonsExist: true }));
    const result = readScenarioData({
      $schema: './node_modules/linkedapi-mock/scenario.schema.json',
      seed: 3,
      accounts: [{ identificationToken: 'a' }, { identificationToken: 'b', state: 'noSeats' }],
      persons: [{ url: ANN }, { url: 'https://www.linkedin.com/in/bob', exists: false }],
      timeline: [{ at: '+1m', type: 'message', account: 'a', person: ANN }],
      faults: [{ endpoint: 'get', status: 503, first: 1 }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(summarizeScenario(result.value)).toBe('2 accounts, 2 persons, 1 timeline event, 1 fault; sets seed');
  });

  it('formats problems with the file, the position when known, and the hint', () => {
    const issues: Issue[] = [
      {
        code: 'invalid_type',
        path: 'seed',
        problem: 'expected number',
        line: 1,
        column: 7,
        hint: 'write a plain number',
      },
      { code: 'io', path: 'file', problem: 'cannot be read (ENOENT)', hint: 'check the path' },
    ];
    expect(formatLocated('scenario', 's.yaml', issues)).toBe(
      '[linkedapi-mock] scenario s.yaml:1:7: seed: expected number\n  hint: write a plain number\n' +
        '[linkedapi-mock] scenario s.yaml: file: cannot be read (ENOENT)\n  hint: check the path',
    );
  });
});

describe('no scenario input throws', () => {
  const leaf = fc.oneof(
    fc.constantFrom('+90', '90 s', 'acc-1', 'https://www.linkedin.com/in/ann', 'message', 'signedOut', '2024-06-03'),
    fc.string({ maxLength: 6 }),
    fc.integer({ min: -5, max: 200 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant(null),
  );
  const keys = fc.constantFrom(
    'seed',
    'accounts',
    'persons',
    'timeline',
    'faults',
    'latency',
    'identificationToken',
    'account',
    'type',
    'at',
    'url',
    'standard',
    'messages',
    'generate',
    'within',
    'count',
    'every',
    'first',
    'status',
    'repeat',
    'acount',
    '',
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { maxDepth: 4 },
      leaf,
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(keys, tie('node'), { maxKeys: 4 }),
    ),
  })).node;

  it('readScenarioData gives a scenario or problems with a path, a problem and a hint', () => {
    fc.assert(
      fc.property(value, (data) => {
        const result = readScenarioData(data);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(0);
          for (const issue of result.error) {
            expect(typeof issue.path).toBe('string');
            expect(issue.problem.length).toBeGreaterThan(0);
            expect((issue.hint ?? '').length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('readScenarioText takes any text, as YAML and as JSON', () => {
    const text = fc.oneof(
      fc.string({
        unit: fc.constantFrom('{', '}', '[', ']', ',', ':', ' ', '\n', '\t', '-', '"', "'", '#', '&a', '*a', 'x', '1'),
      }),
      value.map((data) => JSON.stringify(data) ?? ''),
    );
    fc.assert(
      fc.property(text, (source) => {
        for (const format of ['yaml', 'json'] as const) {
          const result = readScenarioText(source, { format });
          if (!result.ok) for (const issue of result.error) expect((issue.hint ?? '').length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('repeat', () => {
  it('refuses a repeat every 0 (all occurrences at one instant), and takes one every 1s', () => {
    const event = (every: string, times: number) => ({
      timeline: [
        { at: '+1s', type: 'personDisappears', person: 'https://www.linkedin.com/in/a', repeat: { every, times } },
      ],
    });
    const bad = readScenarioData(event('0s', 3));
    expect(!bad.ok && bad.error.map((issue) => `${issue.path}: ${issue.problem}`)).toEqual([
      'timeline[0].repeat.every: must be longer than 0 when the event repeats',
    ]);
    expect(readScenarioData(event('1s', 3)).ok).toBe(true);
    expect(readScenarioData(event('0s', 1)).ok).toBe(true);
  });
});
