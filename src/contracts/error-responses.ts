import type { z } from 'zod';

/** One answer of a route: what `ResponseContract` in routes.ts holds (kept here so both dialects can share it). */
interface ErrorResponse {
  description: string;
  schema: z.ZodType;
}

/**
 * The error answers of some error types of a catalogue, grouped by the HTTP status each is sent with; each status
 * allows exactly the envelopes of its types.
 */
export function errorResponsesByStatus<Type extends string>(
  types: readonly Type[],
  catalogue: Record<Type, { status: number }>,
  envelope: (...types: Type[]) => z.ZodType,
  label: string,
): Record<number, ErrorResponse> {
  const byStatus = new Map<number, Type[]>();
  for (const type of types) {
    const { status } = catalogue[type];
    byStatus.set(status, [...(byStatus.get(status) ?? []), type]);
  }
  const out: Record<number, ErrorResponse> = {};
  for (const [status, list] of byStatus) {
    out[status] = { description: `${label}: ${list.join(', ')}`, schema: envelope(...list) };
  }
  return out;
}
