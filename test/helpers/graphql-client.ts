import { request } from 'undici';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** Who asks, and any further request headers (a request id, a router's). */
export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** One GraphQL operation over real HTTP. */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const response = await request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const body = (await response.body.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.statusCode, ...body };
}

/** The codes of a response's errors, for compact assertions. */
export function errorCodes(response: GraphQLResponse<unknown>): (string | undefined)[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
