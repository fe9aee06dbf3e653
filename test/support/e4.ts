import { flush, POLL, type Reply, WORKFLOWS, workflowPath } from './http.js';
import type { TestMock } from './mock.js';

/** E4 headers for an account, as the SDK sends them (content-type and client included). */
export function e4Tokens(identificationToken = 'acc-1', linkedApiToken = 'key-1'): Record<string, string> {
  return {
    'content-type': 'application/json',
    'linked-api-token': linkedApiToken,
    'identification-token': identificationToken,
    client: 'node',
  };
}

/** A `st.syncConversation` action (Standard inbox), with a label if given. */
export const st = (personUrl: string, label?: string) => ({
  actionType: 'st.syncConversation',
  personUrl,
  ...(label !== undefined && { label }),
});
/** A `nv.syncConversation` action (Sales Navigator inbox). */
export const nv = (personUrl: string) => ({ actionType: 'nv.syncConversation', personUrl });

/** E4 calls on an in-process mock, as `token`'s account; `headers` replace the default E4 tokens entirely. */
export function e4(mock: TestMock, token = 'acc-1') {
  const call = (method: string, path: string, body?: unknown, headers = e4Tokens(token)) =>
    mock.send(method, path, { headers, body });
  return {
    call,
    start: (body: unknown, headers?: Record<string, string>) => call('POST', WORKFLOWS, body, headers),
    status: (id: string, headers?: Record<string, string>) => call('GET', workflowPath(id), undefined, headers),
    cancel: (id: string, headers?: Record<string, string>) => call('DELETE', workflowPath(id), undefined, headers),
    /** Sends a poll and moves the clock until it is answered (a poll waits out the get latency). */
    async poll(body: unknown, headers?: Record<string, string>): Promise<Reply> {
      let answer: Reply | undefined;
      const pending = call('POST', POLL, body, headers).then((r) => {
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
      const started = await call('POST', WORKFLOWS, body);
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
