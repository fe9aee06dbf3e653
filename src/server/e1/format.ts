/**
 * @deprecated The E1 renderer is `./render.ts`; this re-export keeps `src/server/faults/answers.ts` compiling
 * until it imports from there. Delete it then.
 */
export { errorBody } from './render.js';
