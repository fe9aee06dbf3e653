import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { CONTROL_TOKEN_HEADER } from '../../contracts/mock/control.js';
import { controlFailure, sendControlFailure } from './failure.js';

/** The path of the one `/__mock` route the control token does not guard: readiness. */
const UNGUARDED = '/__mock/health';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Middleware that refuses every `/__mock/*` request but `/__mock/health` that lacks the control token (compared
 * in constant time; never logged). Register it on `/__mock/*` before every other `/__mock` route.
 */
export function controlTokenGuard(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async function controlToken(c, next) {
    if (c.req.path === UNGUARDED) return next();
    const given = c.req.header(CONTROL_TOKEN_HEADER);
    if (given === undefined) {
      const message = `this mock was started with a control token: send it in the ${CONTROL_TOKEN_HEADER} header`;
      return sendControlFailure(c, controlFailure('controlTokenRequired', message).error);
    }
    if (!timingSafeEqual(digest(given), expected)) {
      const message = `the ${CONTROL_TOKEN_HEADER} header does not match the control token this mock was started with (--control-token)`;
      return sendControlFailure(c, controlFailure('invalidControlToken', message).error);
    }
    return next();
  };
}
