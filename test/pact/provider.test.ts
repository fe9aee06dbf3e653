import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as pactVerify } from '../../src/cli/pact-verify.js';
import { pactFiles, verifyMockAgainstPacts } from '../../src/pact/index.js';

process.env.PACT_DO_NOT_TRACK = 'true';

/** Written by the consumer run (examples/pact-consumer), which `npm run test:pact` runs first. */
const PACTS = resolve('test/.generated/pacts');
const EXAMPLE_PACT = 'pact-consumer-example-linkedapi.json';

interface VerificationReport {
  errors: { interaction: string; mismatch: { mismatches: { type: string; expected: unknown; actual: unknown }[] } }[];
  interactionResults?: { description: string; result: string }[];
}

function interactionsOf(file: string): { description: string }[] {
  return JSON.parse(readFileSync(join(PACTS, file), 'utf8')).interactions;
}

describe('the mock verified against the generated pact files (Pact provider)', () => {
  it('finds the pact file of the example consumer, one interaction per consumer test', () => {
    expect(pactFiles([PACTS])).toContain(join(PACTS, EXAMPLE_PACT));
    expect(interactionsOf(EXAMPLE_PACT)).toHaveLength(9);
  });

  it('honours every interaction, with the provider states set up in its world', async () => {
    const report = JSON.parse(await verifyMockAgainstPacts({ pactUrls: [PACTS] })) as VerificationReport;
    expect(report.errors).toEqual([]);
    const verified = report.interactionResults?.filter((result) => result.result === 'OK').map((r) => r.description);
    const declared = pactFiles([PACTS]).flatMap((file) => interactionsOf(file.slice(PACTS.length + 1)));
    expect(verified?.sort()).toEqual(declared.map((interaction) => interaction.description).sort());
  });

  it('honours them with another seed and clock too: ids, times and texts are matched by type', async () => {
    const report = await verifyMockAgainstPacts({
      pactUrls: [PACTS],
      mock: { seed: 987, startTime: '2025-01-15T12:00:00Z' },
    });
    expect((JSON.parse(report) as VerificationReport).errors).toEqual([]);
  });

  it('fails verification when it answers differently: global errors with HTTP 200 (negative control)', async () => {
    const failure = await verifyMockAgainstPacts({ pactUrls: [PACTS], mock: { errorHttpStatus: 200 } }).then(
      () => new Error('verification passed'),
      (error: Error) => error,
    );
    const report = JSON.parse(failure.message) as VerificationReport;
    const mismatches = report.errors.map(({ interaction, mismatch }) => [
      interaction.replace(/^.* - /, ''),
      mismatch.mismatches.map(({ type, expected, actual }) => `${type} ${expected}→${actual}`),
    ]);
    expect(mismatches.sort()).toEqual([
      ['a request to get conversations refused with accountApiTokenRequired', ['StatusMismatch 401→200']],
      ['a request to synchronize conversations refused with invalidRequestBody', ['StatusMismatch 400→200']],
      ['a request to synchronize conversations refused with noActiveSeats', ['StatusMismatch 403→200']],
    ]);
  });

  it('fails verification when a pact expects another error string (negative control: envelopes are exact)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pacts-'));
    try {
      const pact = JSON.parse(readFileSync(join(PACTS, EXAMPLE_PACT), 'utf8'));
      const noSeats = pact.interactions.find((i: { description: string }) => i.description.endsWith('noActiveSeats'));
      expect(noSeats.response.body.content.error.errorType).toBe('noActiveSeats');
      noSeats.response.body.content.error.errorType = 'noSeatsLeft';
      writeFileSync(join(dir, EXAMPLE_PACT), JSON.stringify(pact));
      const failure = await verifyMockAgainstPacts({ pactUrls: [dir] }).then(
        () => new Error('verification passed'),
        (error: Error) => error,
      );
      const report = JSON.parse(failure.message) as VerificationReport;
      expect(report.errors.map(({ interaction }) => interaction.replace(/^.* - /, ''))).toEqual([
        'a request to synchronize conversations refused with noActiveSeats',
      ]);
      expect(report.errors[0]?.mismatch.mismatches.map((m) => m.type)).toEqual(['BodyMismatch']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('says to run the consumer first when there are no pact files', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pacts-'));
    try {
      await expect(verifyMockAgainstPacts({ pactUrls: [empty] })).rejects.toThrow(
        `[linkedapi-mock] no pact files in ${empty}: run your consumer pact tests first, they write them`,
      );
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
});

describe('linkedapi-mock pact-verify', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('verifies the mock against a folder of pact files and says so', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await pactVerify(['test/.generated/pacts', '--seed', '3']);
    expect(process.exitCode).toBeUndefined();
    expect(log).toHaveBeenLastCalledWith('[linkedapi-mock] the mock honours every interaction of 1 pact file(s)');
  });

  it('is a usage error (exit 2) without pact files, or with a folder that has none', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await pactVerify([]);
    expect(process.exitCode).toBe(2);
    expect(error).toHaveBeenLastCalledWith(
      '[linkedapi-mock] pact-verify needs at least one pact file or folder, e.g. pact-verify pacts/\nRun "linkedapi-mock --help" for the options.',
    );
    await pactVerify(['test/pact']);
    expect(error).toHaveBeenLastCalledWith(
      '[linkedapi-mock] no pact files in test/pact: run your consumer pact tests first, they write them',
    );
  });
});
