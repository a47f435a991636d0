import { request } from 'undici';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** One plain HTTP exchange, for checking a simulator's contract from outside. */
export async function call(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string | object } = {},
): Promise<RawAnswer> {
  const text = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
  const response = await request(baseUrl + path, {
    method,
    headers: text === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: text,
  });
  const answer = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(answer) as unknown;
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers: response.headers, text: answer, json };
}
