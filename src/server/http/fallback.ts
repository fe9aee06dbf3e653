import { isE4Path } from '../../contracts/endpoints.js';
import type { MockApp, ServerContext } from '../context.js';
import { E1 } from '../e1/render.js';
import { E4 } from '../e4/render.js';
import { responder, send } from './respond.js';

/**
 * What answers when no route does, and when a handler throws: `endpointNotFound` in the envelope the client can
 * parse (E4's under E4's paths or for a client of today's API, else E1's), and a 500 that says it is a bug.
 */
export function mountFallback(app: MockApp, { options }: Pick<ServerContext, 'options'>): void {
  const e1 = responder(E1, options);
  const e4 = responder(E4, options);
  app.notFound(function endpointNotFound(c) {
    const params = { method: c.req.method, path: new URL(c.req.url).pathname };
    // Under E4's paths, or from a client of today's API (it sends linked-api-token), the E4 envelope it can parse.
    const e4Client = c.req.header('linked-api-token') !== undefined && c.req.header('account-api-token') === undefined;
    if (e4Client || isE4Path(params.path)) return e4.error(c, 'endpointNotFound', { params });
    return e1.error(c, 'endpointNotFound', { params });
  });
  app.onError(function internalError(error, c) {
    if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || c.req.raw.signal.aborted) {
      // The client went away while its body was being read: nobody will see this answer, and it is no bug.
      const problem = 'the connection closed before the body was complete';
      return e1.invalid(c, 'invalidRequestBody', [{ path: 'body', problem }]);
    }
    console.error('[linkedapi-mock] internal error (this is a bug, please report it):', error);
    const message = 'linkedapi-mock hit an internal error; this is a bug.';
    return send(c, 500, JSON.stringify({ status: 'error', error: { errorType: 'internalError', message } }));
  });
}
