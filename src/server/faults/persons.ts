import { isHttpUrl, personRef } from '../../core/person-url.js';
import type { FaultDialect } from './answer.js';

/**
 * The canonical keys of the persons a request body names: E1 `standard|salesNavigator[].person`, E4
 * `personUrl` of an action (or an array of them) or of the poll's conversations. Anything else names nobody.
 *
 * @example
 * personsNamed('{"standard":[{"person":"http://LinkedIn.com/in/Jane/"}]}', 'E1'); // Set { 'https://www.linkedin.com/in/jane' }
 */
export function personsNamed(bodyText: string, dialect: FaultDialect): Set<string> {
  const keys = new Set<string>();
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return keys;
  }
  const add = (value: unknown) => {
    if (typeof value === 'string' && isHttpUrl(value)) keys.add(personRef(value).key);
  };
  const field = (item: unknown, name: string) =>
    item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined;
  if (dialect === 'E1') {
    for (const channel of ['standard', 'salesNavigator']) {
      const entries = field(json, channel);
      if (Array.isArray(entries)) for (const entry of entries) add(field(entry, 'person'));
    }
  } else {
    for (const item of Array.isArray(json) ? json : [json]) add(field(item, 'personUrl'));
  }
  return keys;
}
