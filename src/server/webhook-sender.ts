import type { WebhookSender } from '../world/webhooks.js';

/** Webhook POSTs with `fetch`; a receiver that does not answer within 10 s counts as a network failure. */
export const fetchWebhookSender: WebhookSender = async ({ url, body, headers }) => {
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  await response.body?.cancel();
  return { status: response.status };
};
