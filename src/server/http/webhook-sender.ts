import type { WebhookSender } from '../../world/webhooks.js';

/** Webhook POSTs with `fetch`; a receiver that does not answer within 10 s counts as a network failure. */
export const fetchWebhookSender: WebhookSender = async ({ url, body, headers }) => {
  // A redirect is a non-2xx answer like any other: following it would count a 3xx as delivered (and turn the
  // POST into a bodiless GET on 301-303).
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  return { status: response.status };
};
