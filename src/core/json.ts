/**
 * A piece of JSON already serialised, spliced verbatim by `toJson`. Threads cache their messages this way so
 * that a `get` does not stringify the same messages again on every request.
 */
export class RawJson {
  constructor(readonly json: string) {}
  toJSON(): never {
    throw new Error('RawJson must be serialised with toJson(), not JSON.stringify()');
  }
}

/** `JSON.stringify` for plain data that may contain `RawJson` pieces. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.json;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    let out = '';
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${toJson(item)}`;
    }
    return `{${out}}`;
  }
  return JSON.stringify(value);
}
