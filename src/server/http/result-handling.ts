import { RESULT_HANDLING_MODES, type ResultHandlingMode } from '../../contracts/e1/requests.js';
import { fail, type Issue, ok, type Result } from '../../core/issue.js';

/** How an E1 request wants its result: held (`long`), a result link (`reslink`), or a webhook to this URL. */
export interface ResultHandling {
  mode: ResultHandlingMode;
  webhookUrl?: string;
}

const problem = (code: string, path: string, text: string): Result<never> => fail([{ code, path, problem: text }]);
const WEBHOOK_URL = 'webhook-url header';

/**
 * The `result-handling` and `webhook-url` headers, checked together.
 *
 * @example
 * parseResultHandling(new Headers({ 'result-handling': 'reslink' })); // { ok: true, value: { mode: 'reslink' } }
 */
export function parseResultHandling(headers: Headers): Result<ResultHandling, Issue[]> {
  const raw = headers.get('result-handling');
  const webhookUrl = headers.get('webhook-url') ?? undefined;
  const mode = raw === null ? 'long' : raw.trim();
  if (!(RESULT_HANDLING_MODES as readonly string[]).includes(mode)) {
    const text = `expected one of ${RESULT_HANDLING_MODES.join(', ')} (or no header, which means long), got ${JSON.stringify(raw)}`;
    return problem('invalid_value', 'result-handling header', text);
  }
  if (mode !== 'webhook') {
    if (webhookUrl === undefined) return ok({ mode: mode as ResultHandlingMode });
    return problem('not_allowed', WEBHOOK_URL, 'only allowed with result-handling: webhook');
  }
  if (webhookUrl === undefined) return problem('required', WEBHOOK_URL, 'required with result-handling: webhook');
  const url = URL.canParse(webhookUrl) ? new URL(webhookUrl) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const text = `expected an absolute http or https URL such as http://127.0.0.1:3000/hooks/linkedapi, got ${JSON.stringify(webhookUrl)}`;
    return problem('invalid_format', WEBHOOK_URL, text);
  }
  return ok({ mode: 'webhook', webhookUrl });
}
