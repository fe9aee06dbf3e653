/**
 * Person identity. Linked API compares person URLs loosely (a client may send `http://linkedin.com/in/Jane/`
 * or `https://www.linkedin.com/in/jane`); the mock compares them in one canonical form, the `personKey`.
 */

/** Kinds of LinkedIn person URL the mock recognises. */
export type PersonUrlKind = 'in' | 'salesPeople' | 'salesLead';

export interface PersonRef {
  /** Canonical form: `https://www.linkedin.com/<lower-cased path without trailing slash>`. */
  key: string;
  /** What kind of LinkedIn person URL this is, or `null` for a URL that names no LinkedIn person. */
  kind: PersonUrlKind | null;
  /** The last path segment (the slug or id), lower-cased; empty when `kind` is null. */
  slug: string;
}

const LINKEDIN_HOSTS = new Set(['linkedin.com', 'www.linkedin.com']);

/** True for an absolute http(s) URL; the only `person` values a request body may carry. */
export function isHttpUrl(value: string): boolean {
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
}

/**
 * Lower-cases a URL path letter by letter, non-ASCII and percent-encoded letters included, so that
 * `/in/J%C3%89R%C3%94ME`, `/in/JÉRÔME` and `/in/jérôme` agree. Reserved characters stay encoded.
 */
function lowerCasePath(pathname: string): string {
  // A parsed path without `%` is plain ASCII with nothing to decode or encode: re-parsing would not change it.
  if (!pathname.includes('%')) return pathname.toLowerCase();
  try {
    // A host of its own keeps a leading `//` a path; `\` would turn into `/`, so it stays escaped.
    const lowered = decodeURI(pathname).toLowerCase().replaceAll('\\', '%5c');
    return new URL(`https://h${lowered}`).pathname.toLowerCase();
  } catch {
    return pathname.toLowerCase();
  }
}

/**
 * A request names its persons several times on the way (body check, duplicate check, the world), and clients
 * poll the same persons again and again: canonical forms are remembered, up to a bound, by exact URL string.
 */
const knownRefs = new Map<string, PersonRef>();
const MAX_KNOWN_REFS = 10_000;

/**
 * Canonicalises a person URL: scheme `https`, `linkedin.com` and `www.linkedin.com` equal, no query,
 * fragment or trailing slash, path lower-cased. Assumes `isHttpUrl(url)`.
 *
 * @example personRef('http://LinkedIn.com/in/Jane-Doe/?trk=x').key === 'https://www.linkedin.com/in/jane-doe'
 */
export function personRef(url: string): PersonRef {
  let ref = knownRefs.get(url);
  if (ref === undefined) {
    ref = Object.freeze(canonicalise(url));
    if (knownRefs.size >= MAX_KNOWN_REFS) knownRefs.clear();
    knownRefs.set(url, ref);
  }
  return ref;
}

function canonicalise(url: string): PersonRef {
  const parsed = new URL(url);
  const host = parsed.hostname.toLowerCase();
  const path = lowerCasePath(parsed.pathname).replace(/\/+$/, '');
  if (!LINKEDIN_HOSTS.has(host)) {
    return { key: `https://${host}${parsed.port ? `:${parsed.port}` : ''}${path}`, kind: null, slug: '' };
  }
  const key = `https://www.linkedin.com${path}`;
  const segments = path.split('/').slice(1);
  const [first, second, third] = segments;
  if (segments.length === 2 && first === 'in' && second) return { key, kind: 'in', slug: second };
  if (segments.length === 3 && first === 'sales' && third) {
    if (second === 'people') return { key, kind: 'salesPeople', slug: third };
    if (second === 'lead') return { key, kind: 'salesLead', slug: third };
  }
  return { key, kind: null, slug: '' };
}
