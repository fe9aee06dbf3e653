import { describe, expect, it } from 'vitest';
import type { OutgoingRequest } from '../../src/conformance/client.js';
import { NEVER_SYNCED_PERSON } from '../../src/conformance/options.js';
import { SAFE_REQUESTS, safetyRefusal, UNKNOWN_E1_PATH } from '../../src/conformance/safety.js';
import { ENDPOINT_NAMES, endpointNamed, endpointPath } from '../../src/contracts/endpoints.js';

const BASE = 'http://127.0.0.1:4010';
const JANE = 'https://www.linkedin.com/in/jane';
const request = (method: OutgoingRequest['method'], path: string, body?: unknown): OutgoingRequest => ({
  method,
  url: `${BASE}${path}`,
  headers: {},
  ...(body !== undefined && { body: JSON.stringify(body) }),
  route: undefined,
});

describe('the safety rules, from the endpoint table', () => {
  it('let through every public endpoint the suite calls, with its method, and the unknown-endpoint probe', () => {
    const params = { id: 'abc', workflowId: 'wf-1' };
    for (const name of ENDPOINT_NAMES) {
      const method = endpointNamed(name).method.toUpperCase() as OutgoingRequest['method'];
      const body = name === 'workflows' ? { actionType: 'st.syncConversation', personUrl: JANE } : undefined;
      expect(safetyRefusal(request(method, endpointPath(name, params), body), BASE, [JANE]), name).toBeUndefined();
    }
    expect(UNKNOWN_E1_PATH).toBe('/account/linkedapi-mock-verify-no-such-endpoint');
    expect(safetyRefusal(request('GET', UNKNOWN_E1_PATH), BASE, [JANE])).toBeUndefined();
    expect(SAFE_REQUESTS).toHaveLength(ENDPOINT_NAMES.length + 1);
  });

  it('refuse another method, a send endpoint, a workflow that is no sync, and the never-synced person on a write', () => {
    expect(safetyRefusal(request('DELETE', endpointPath('get')), BASE, [JANE])).toBe(
      'DELETE /account/conversations.get is not a request the suite may send',
    );
    expect(safetyRefusal(request('POST', '/account/messages.send'), BASE, [JANE])).toBe(
      'POST /account/messages.send is not a request the suite may send',
    );
    const send = { actionType: 'st.sendMessage', personUrl: JANE };
    expect(safetyRefusal(request('POST', endpointPath('workflows'), send), BASE, [JANE])).toMatch(
      /^workflow action "st.sendMessage" is not one the suite may start/,
    );
    const never = { standard: [{ person: NEVER_SYNCED_PERSON }] };
    expect(safetyRefusal(request('POST', endpointPath('get'), never), BASE, [JANE])).toBeUndefined();
    expect(safetyRefusal(request('POST', endpointPath('synchronize'), never), BASE, [JANE])).toBe(
      `${NEVER_SYNCED_PERSON} is not one of the persons given`,
    );
  });
});
