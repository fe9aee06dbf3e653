import { flush, type Reply, reply, type TestMock } from '../support/helpers.js';

/** E4 headers for an account, as the SDK sends them (content-type and client included). */
export function e4Tokens(identificationToken = 'acc-1', linkedApiToken = 'key-1'): Record<string, string> {
  return {
    'content-type': 'application/json',
    'linked-api-token': linkedApiToken,
    'identification-token': identificationToken,
    client: 'node',
  };
}

export const SIGNED_OUT_E4 =
  "Your LinkedIn account has been signed out in our cloud browser. This occasionally happens as LinkedIn may sign out accounts after an extended period. You'll need to visit our platform and reconnect your account.";
export const PERSON_NOT_FOUND_E4 = {
  type: 'personNotFound',
  message: 'The provided URL is not an existing LinkedIn person.',
};
export const WORKFLOW_ID = /^wf-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const st = (personUrl: string, label?: string) => ({
  actionType: 'st.syncConversation',
  personUrl,
  ...(label !== undefined && { label }),
});
export const nv = (personUrl: string) => ({ actionType: 'nv.syncConversation', personUrl });

/** E4 calls on an in-process mock; `headers` replace the default E4 tokens entirely when given. */
export function e4(mock: TestMock, token = 'acc-1') {
  const call = (method: string, path: string, body?: unknown, headers = e4Tokens(token)) =>
    reply(
      mock.app.request(`http://mock.test${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    );
  return {
    call,
    start: (body: unknown, headers?: Record<string, string>) => call('POST', '/workflows', body, headers),
    status: (id: string, headers?: Record<string, string>) => call('GET', `/workflows/${id}`, undefined, headers),
    cancel: (id: string, headers?: Record<string, string>) => call('DELETE', `/workflows/${id}`, undefined, headers),
    /** Sends a poll and moves the clock until it is answered (a poll waits out the get latency). */
    async poll(body: unknown, headers?: Record<string, string>): Promise<Reply> {
      let answer: Reply | undefined;
      const pending = call('POST', '/conversations/poll', body, headers).then((r) => {
        answer = r;
        return r;
      });
      await flush();
      for (let i = 0; i < 100 && !answer; i++) {
        mock.clock.advance(50);
        await flush();
      }
      return pending;
    },
    /** Starts a workflow and moves the clock until it has ended; returns its id. */
    async run(body: unknown): Promise<string> {
      const started = await call('POST', '/workflows', body);
      if (started.status !== 200) throw new Error(`workflow refused: ${started.text}`);
      const id = started.body.result.workflowId as string;
      for (let i = 0; i < 1000; i++) {
        const job = mock.world.workflows.lookup(id, mock.clock.now());
        if (job?.finished) return id;
        mock.clock.advance(500);
      }
      throw new Error('workflow did not end');
    },
  };
}
