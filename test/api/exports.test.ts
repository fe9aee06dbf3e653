import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/*
 * The public API, as the package's `exports` map gives it: each subpath's runtime export names, sorted. A change
 * to what the package exports must show up here, and so be deliberate (`npx vitest run test/api -u` to accept).
 */

const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, { types: string; default: string }>;
};

/** The source module a subpath is built from: `./dist/contracts/index.js` → `src/contracts/index.ts`. */
function sourceOf(subpath: string): URL {
  const built = PKG.exports[subpath]?.default ?? '';
  return new URL(`../../${built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')}`, import.meta.url);
}

const namesOf = async (subpath: string) => Object.keys(await import(sourceOf(subpath).href)).sort();

describe('the package exports', () => {
  it('has these subpaths, each built from src/<subpath>/index.ts', () => {
    expect(Object.keys(PKG.exports)).toMatchInlineSnapshot(`
      [
        ".",
        "./contracts",
        "./conformance",
        "./pact",
        "./testing",
      ]
    `);
    for (const subpath of Object.keys(PKG.exports)) {
      expect(PKG.exports[subpath]?.types, subpath).toBe(PKG.exports[subpath]?.default.replace(/\.js$/, '.d.ts'));
    }
  });

  it('linkedapi-mock', async () => {
    expect(await namesOf('.')).toMatchInlineSnapshot(`
      [
        "ManualClock",
        "MockError",
        "RealtimeClock",
        "createMockServer",
        "startMock",
      ]
    `);
  });

  it('linkedapi-mock/contracts', async () => {
    expect(await namesOf('./contracts')).toMatchInlineSnapshot(`
      [
        "ACTION_ERRORS",
        "ActionCompletion",
        "AdvanceClockRequest",
        "CHANNELS",
        "CONTROL_ERRORS",
        "CONTROL_ROUTES",
        "CONTROL_TOKEN_HEADER",
        "CONVERSATION_TYPES",
        "CancelWorkflowRoute",
        "ClockAnswer",
        "ControlHeaders",
        "ControlIssue",
        "ConversationData",
        "E1ErrorType",
        "E1Headers",
        "E1_ERRORS",
        "E1_ROUTES",
        "E4Headers",
        "E4_ERRORS",
        "E4_ROUTES",
        "ENDPOINTS",
        "ENDPOINT_NAMES",
        "EXAMPLES",
        "ErrorEnvelope",
        "FAULT_ROUTES",
        "FAULT_TARGETS",
        "FaultAdded",
        "FaultList",
        "FaultListing",
        "FaultRemoved",
        "FaultRule",
        "FaultsCleared",
        "GetComplete",
        "GetCompletion",
        "GetEntry",
        "GetRequest",
        "GetResult",
        "GetRoute",
        "GetWorkflowRoute",
        "HealthResponse",
        "InjectMessageRequest",
        "InjectedMessage",
        "JOURNAL_ENDPOINTS",
        "JournalAnswer",
        "JournalCleared",
        "JournalEntry",
        "JournalQuery",
        "MOCK_ROUTES",
        "Message",
        "MessageTime",
        "MockScenario",
        "NOT_FOUND_RESPONSE",
        "PERSON_ERRORS",
        "PROCESSING_MESSAGES",
        "PersonUrl",
        "PollItem",
        "PollRequest",
        "PollResponse",
        "PollResult",
        "PollRoute",
        "ProcessingAccepted",
        "ProcessingEnvelope",
        "ProcessingPending",
        "ProcessingWebhook",
        "RESULT_HANDLING_MODES",
        "ROUTES",
        "ResetAnswer",
        "ResetRequest",
        "ResultLinkHeaders",
        "ResultRoute",
        "SYNC_ACTION_TYPES",
        "ScenarioAnswer",
        "SetClockRequest",
        "Since",
        "StartWorkflowRoute",
        "StateAnswer",
        "SyncConversationAction",
        "SynchronizeComplete",
        "SynchronizeCompletion",
        "SynchronizeEntry",
        "SynchronizeRequest",
        "SynchronizeResult",
        "SynchronizeRoute",
        "WORKFLOW_FAILURES",
        "WebhookAttemptEntry",
        "WebhooksAnswer",
        "WebhooksQuery",
        "WorkflowAction",
        "WorkflowActions",
        "WorkflowCancelled",
        "WorkflowFailure",
        "WorkflowId",
        "WorkflowRequest",
        "WorkflowStarted",
        "WorkflowStatus",
        "buildOpenApiDocument",
        "checkAnswer",
        "e1ErrorMessage",
        "e4ErrorMessage",
        "endpointNamed",
        "endpointPath",
        "endpointRoute",
        "findRoute",
        "formatProblems",
        "openApiText",
      ]
    `);
  });

  it('linkedapi-mock/conformance', async () => {
    expect(await namesOf('./conformance')).toMatchInlineSnapshot(`
      [
        "CONFORMANCE_CHECKS",
        "ConformanceFailure",
        "DEFAULT_PERSONS",
        "NEVER_SYNCED_PERSON",
        "defineConformanceSuite",
        "formatCheck",
        "formatReport",
        "formatSummary",
        "runConformance",
      ]
    `);
  });

  it('linkedapi-mock/testing', async () => {
    expect(await namesOf('./testing')).toMatchInlineSnapshot(`
      [
        "createTestMock",
        "startMock",
      ]
    `);
  });

  it('linkedapi-mock/pact', async () => {
    expect(await namesOf('./pact')).toMatchInlineSnapshot(`
      [
        "EXAMPLE_RESULT_ID",
        "EXAMPLE_SEED",
        "EXAMPLE_START_TIME",
        "PROVIDER_STATES",
        "linkedApiInteractions",
        "pactFiles",
        "pactTemplate",
        "providerStateHandlers",
        "verifyMockAgainstPacts",
      ]
    `);
  });
});
