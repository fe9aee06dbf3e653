/* Verbatim from docs/e4.md, so that a drift in the code is caught. */

export const SIGNED_OUT_E4 =
  "Your LinkedIn account has been signed out in our cloud browser. This occasionally happens as LinkedIn may sign out accounts after an extended period. You'll need to visit our platform and reconnect your account.";
export const PERSON_NOT_FOUND_E4 = {
  type: 'personNotFound',
  message: 'The provided URL is not an existing LinkedIn person.',
};
export const WORKFLOW_ID = /^wf-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
