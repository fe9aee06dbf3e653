import { z } from 'zod';
import type { ResponseContract, RouteContract } from '../route.js';
import { ControlHeaders, controlErrorResponses } from './control-routes.js';
import { FaultRule } from './scenario.js';

/*
 * The control routes of fault injection: `GET|POST|DELETE /__mock/faults`, `DELETE /__mock/faults/{name}`.
 * A rule has the shape of a scenario's `faults[]` entry (`FaultRule`).
 */

/** One fault rule: the body of `POST /__mock/faults`, an entry of a scenario's `faults`. */
export { FaultRule };

/** A fault rule as the control API lists it: the rule (name filled in) and its counters. */
export const FaultListing = z
  .strictObject({
    ...FaultRule.shape,
    name: z.string().min(1).describe('The name to remove it by.'),
    matched: z.int().nonnegative().describe('How many requests it matched (endpoint, account and person).'),
    applied: z.int().nonnegative().describe('How many of them it answered (its trigger fired, no earlier rule did).'),
  })
  .meta({ id: 'FaultListing' });
export type FaultListing = z.infer<typeof FaultListing>;

export const FaultList = z
  .strictObject({
    faults: z.array(FaultListing).describe('In the order they are evaluated.'),
  })
  .meta({ id: 'FaultList' });
export const FaultAdded = z.strictObject({ fault: FaultListing }).meta({ id: 'FaultAdded' });
export const FaultRemoved = z.strictObject({ removed: FaultListing }).meta({ id: 'FaultRemoved' });
export const FaultsCleared = z
  .strictObject({
    removed: z.array(z.string()).describe('The names of the rules removed.'),
  })
  .meta({ id: 'FaultsCleared' });

const answer = (description: string, schema: z.ZodType): ResponseContract => ({ description, schema });

const FAULT_NAME = z.object({ name: z.string().describe('The name of the fault rule.') });

/** The fault control routes, in the route table (`ROUTES`). */
export const FAULT_ROUTES: RouteContract[] = [
  {
    operationId: 'listFaults',
    method: 'get',
    path: '/__mock/faults',
    dialect: 'mock',
    summary: 'The fault rules in force, in order, with how many requests each matched and answered',
    headers: ControlHeaders,
    responses: { 200: answer('The rules', FaultList), ...controlErrorResponses('invalidRequest') },
  },
  {
    operationId: 'addFault',
    method: 'post',
    path: '/__mock/faults',
    dialect: 'mock',
    summary: 'Add a fault rule (the shape of an entry of a scenario’s faults), evaluated after the others',
    headers: ControlHeaders,
    body: FaultRule,
    responses: {
      201: answer('Added: the rule as it is listed (an unnamed rule is named fault-<n>)', FaultAdded),
      ...controlErrorResponses('invalidRequest', 'faultExists', 'bodyTooLarge'),
    },
  },
  {
    operationId: 'clearFaults',
    method: 'delete',
    path: '/__mock/faults',
    dialect: 'mock',
    summary: 'Remove every fault rule',
    headers: ControlHeaders,
    responses: {
      200: answer('The names of the rules removed', FaultsCleared),
      ...controlErrorResponses('invalidRequest'),
    },
  },
  {
    operationId: 'removeFault',
    method: 'delete',
    path: '/__mock/faults/{name}',
    dialect: 'mock',
    summary: 'Remove one fault rule by name',
    headers: ControlHeaders,
    params: FAULT_NAME,
    responses: {
      200: answer('Removed: the rule with its final counters', FaultRemoved),
      ...controlErrorResponses('invalidRequest', 'faultNotFound'),
    },
  },
];
