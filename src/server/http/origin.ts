/**
 * The origin result links and the OpenAPI document's server are built on: the configured public URL, else the one
 * the request came in on (`x-forwarded-proto` and `x-forwarded-host` honoured).
 *
 * @example
 * requestOrigin(new Request('http://127.0.0.1:4010/x'), undefined); // 'http://127.0.0.1:4010'
 */
export function requestOrigin(request: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const url = new URL(request.url);
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const scheme = proto === 'http' || proto === 'https' ? proto : url.protocol.slice(0, -1);
  const forwardedHost = host && URL.canParse(`http://${host}`) ? new URL(`http://${host}`).host : undefined;
  return `${scheme}://${forwardedHost ?? url.host}`;
}
