import { Pool, request } from 'undici';

export interface GqlResponse<T = unknown> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One GraphQL operation over HTTP; throws on GraphQL errors unless `allowErrors`. */
export async function gql<T = unknown>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  options: { allowErrors?: boolean; dispatcher?: Pool } = {},
): Promise<GqlResponse<T>> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const body = (await response.body.json()) as GqlResponse<T>;
  if (!options.allowErrors && (body.errors?.length || response.statusCode !== 200)) {
    throw new Error(`GraphQL ${response.statusCode}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body;
}

export async function getJson<T = unknown>(url: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<T> {
  const response = await request(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.body.json()) as T;
  if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${JSON.stringify(json)}`);
  return json;
}

/** `gql` for an operation that must succeed: answers its `data`. */
export async function gqlData<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  options: { dispatcher?: Pool } = {},
): Promise<T> {
  const body = await gql<T>(url, query, variables, token, options);
  if (body.data == null) throw new Error(`GraphQL: no data for ${query.slice(0, 80)}`);
  return body.data;
}
