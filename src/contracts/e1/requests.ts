import { z } from 'zod';
import { isHttpUrl, personRef } from '../../core/person-url.js';

/** The two inboxes of a LinkedIn account, as Linked API names them. */
export const CHANNELS = ['standard', 'salesNavigator'] as const;
export type Channel = (typeof CHANNELS)[number];

const PERSON_EXAMPLE = 'https://www.linkedin.com/in/jane-doe';

/** `person`: the LinkedIn URL of the person whose conversation is meant. */
export const PersonUrl = z
  .string({ error: `expected a URL string such as ${PERSON_EXAMPLE}` })
  .refine(isHttpUrl, `expected an absolute http(s) URL such as ${PERSON_EXAMPLE}`)
  .meta({
    format: 'uri',
    description: `LinkedIn URL of the person (absolute http or https), such as ${PERSON_EXAMPLE}`,
  });

/** `since`: only messages strictly after this instant are returned. */
export const Since = z.iso
  .datetime({
    offset: true,
    error: 'expected an ISO 8601 date-time with a time zone, such as 2023-01-01T00:00:00Z or 2023-01-01T09:00:00+02:00',
  })
  .meta({ id: 'Since' });

function strictEntry<Shape extends z.ZodRawShape>(shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown field (allowed: ${allowed})`;
      if (issue.code === 'invalid_type') return `expected an object such as {"person": "${PERSON_EXAMPLE}"}`;
      return undefined;
    },
  });
}

export const SynchronizeEntry = strictEntry({ person: PersonUrl }).meta({ id: 'SynchronizeEntry' });
export const GetEntry = strictEntry({ person: PersonUrl, since: Since.optional() }).meta({ id: 'GetEntry' });

/** Body rules shared by both endpoints: optional arrays, at least one entry, no person twice in one array. */
function conversationsBody<Entry extends z.ZodType<{ person: string }>>(entry: Entry) {
  const list = z.array(entry, { error: 'expected an array of conversations' }).optional();
  return z
    .strictObject(
      { standard: list, salesNavigator: list },
      {
        error: (issue) => {
          if (issue.code === 'unrecognized_keys') return 'unknown field (allowed: standard, salesNavigator)';
          if (issue.code === 'invalid_type') return 'expected a JSON object';
          return undefined;
        },
      },
    )
    .superRefine((body, ctx) => {
      // zod runs this even when entries failed their own checks, so it reads only what is well-formed.
      const entries = (channel: (typeof CHANNELS)[number]): unknown[] => {
        const list: unknown = body[channel];
        return Array.isArray(list) ? list : [];
      };
      if (entries('standard').length + entries('salesNavigator').length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'standard and salesNavigator together must hold at least one conversation',
        });
      }
      for (const channel of CHANNELS) {
        const firstIndex = new Map<string, number>();
        entries(channel).forEach((item, index) => {
          const person = (item as { person?: unknown } | null)?.person;
          if (typeof person !== 'string' || !isHttpUrl(person)) return;
          const key = personRef(person).key;
          const earlier = firstIndex.get(key);
          if (earlier === undefined) firstIndex.set(key, index);
          else
            ctx.addIssue({
              code: 'custom',
              path: [channel, index, 'person'],
              message: `the same person as ${channel}[${earlier}].person (list each person once per array)`,
            });
        });
      }
    });
}

/** Body of `POST /account/conversations.synchronize`. */
export const SynchronizeRequest = conversationsBody(SynchronizeEntry).meta({ id: 'SynchronizeRequest' });
export type SynchronizeRequest = z.infer<typeof SynchronizeRequest>;

/** Body of `POST /account/conversations.get`. */
export const GetRequest = conversationsBody(GetEntry).meta({ id: 'GetRequest' });
export type GetRequest = z.infer<typeof GetRequest>;

/** The `result-handling` header's values; absent means `long`. */
export const RESULT_HANDLING_MODES = ['long', 'reslink', 'webhook'] as const;
export type ResultHandlingMode = (typeof RESULT_HANDLING_MODES)[number];
