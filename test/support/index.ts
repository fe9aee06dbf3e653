/**
 * The support of the black-box suites, built on `linkedapi-mock/testing` (`createTestMock`, `startMock`): one
 * in-process mock and one mock on a socket with the suites' defaults (a manual clock at START, seed 1, the
 * self-check on, realistic delays), the request helpers, and what E1 and E4 requests are made of. What only one
 * surface needs stays in that surface's `support.ts`, built on this.
 */

// E1 in long mode, result links, webhooks
export {
  type ApiMessage,
  type Driven,
  fakeSender,
  getOne,
  messagesOf,
  readThread,
  reslink,
  result,
  type SentWebhook,
  settle,
  syncLong,
  syncPersons,
  syncResults,
} from './e1.js';
// E4: tokens, actions, calls
export { e4, e4Tokens, nv, st } from './e4.js';
// Time, persons, paths, tokens, answers
export {
  flush,
  GET,
  POLL,
  person,
  postTo,
  type Reply,
  reply,
  resultPath,
  START,
  START_MS,
  SYNC,
  tokens,
  track,
  WORKFLOWS,
  workflowPath,
} from './http.js';
// The mock, in process and on a socket
export {
  type MockOptions,
  type RealtimeMock,
  type Requests,
  realtimeMock,
  type SendInit,
  type SocketMock,
  socketMock,
  TestClock,
  type TestMock,
  testMock,
} from './mock.js';
