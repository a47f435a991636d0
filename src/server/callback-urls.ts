/**
 * Which callback URLs a router may hand us in Apollo's subscription callback
 * protocol. The subgraph POSTs every update (the caller's own data) to that
 * URL, so an unchecked one would let any caller make it send requests
 * anywhere it can reach.
 *
 * An allowed entry matches a callback URL when scheme and host are the same,
 * the port is the same if the entry names one (any port otherwise), and the
 * callback's path is the entry's path or below it (`/cb` allows `/cb/1`, not
 * `/cb-other`). Credentials in the URL are never accepted.
 */
export function isAllowedCallbackUrl(callbackUrl: unknown, allowed: readonly URL[]): boolean {
  if (typeof callbackUrl !== 'string' || !URL.canParse(callbackUrl)) return false;
  const url = new URL(callbackUrl);
  if (url.username || url.password) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return allowed.some(
    (entry) =>
      entry.protocol === url.protocol &&
      entry.hostname === url.hostname &&
      (entry.port === '' || entry.port === url.port) &&
      isUnder(url.pathname, entry.pathname),
  );
}

/** `path` is `base` or a path below it, segment by segment. */
function isUnder(path: string, base: string): boolean {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return path === base || path.startsWith(prefix);
}
