import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Framing } from '../graphql/result-sink.js';
import { drained } from './http-requests.js';
import { httpResultSink } from './http-result-sink.js';
import type { HttpStreamOperations, StreamCaller } from './http-stream-operations.js';
import type { StreamingRequest } from './http-streams.js';
import type { Admission, OperationPayload } from './stream-admission.js';

/** How often an idle stream gets an empty `{}` part (the protocol's heartbeat). */
export const MULTIPART_HEARTBEAT_MS = 5_000;
const BOUNDARY = 'graphql';
const DELIMITER = `\r\n--${BOUNDARY}`;
/**
 * Each part is followed at once by the delimiter (as Apollo Router writes
 * them): a client knows a part is whole only when the delimiter after it
 * arrives, so a part left open would wait for the next heartbeat.
 */
const PART = '\r\ncontent-type: application/json; charset=utf-8\r\n\r\n';
/** After the last delimiter: it becomes the closing one. */
const END = '--\r\n';
/** A result's part, as `send` writes it. */
const RESULT_PART: Framing = { before: Buffer.from(`${PART}{"payload":`), after: Buffer.from(`}${DELIMITER}`) };

/**
 * Apollo's multipart HTTP protocol for subscriptions, as Apollo Client's
 * `HttpLink`, Apollo iOS and Apollo Kotlin speak it: a subscription sent like
 * any request, with an `Accept` that lists `multipart/mixed` with
 * `subscriptionSpec=1.0`, is answered `multipart/mixed; boundary="graphql";
 * subscriptionSpec="1.0"`; each result is a part `{"payload": <result>}`, an
 * empty `{}` part every 5 s keeps the connection alive, and the closing
 * boundary ends it.
 *
 * Errors follow the same rule as over SSE: an operation refused before it
 * runs or a stream ended by a revoke, the token's expiry or a shutdown sends
 * one last part whose payload carries the coded GraphQL error, then the end.
 * A request that is not a subscription, or not GraphQL at all, goes on to
 * Apollo Server, which answers it as usual.
 */
export function multipartTransport(operations: HttpStreamOperations) {
  return async ({ req, res, body, caller, passOn }: StreamingRequest): Promise<void> => {
    const payload = payloadOf(req, body);
    if (!payload) {
      passOn();
      return;
    }
    // A query or mutation goes on to Apollo Server; a refused document is answered here, in the
    // protocol the client asked for (Apollo's clients ask for it for subscriptions only).
    const admitted = operations.admit(payload);
    const kind =
      'document' in admitted ? getOperationAST(admitted.document, payload.operationName)?.operation : undefined;
    if (kind === 'query' || kind === 'mutation') {
      passOn();
      return;
    }
    await stream(operations, payload, admitted, caller, res);
  };
}

async function stream(
  operations: HttpStreamOperations,
  payload: OperationPayload,
  admitted: Admission,
  caller: StreamCaller,
  res: ServerResponse,
) {
  res.writeHead(200, {
    'content-type': `multipart/mixed; boundary="${BOUNDARY}"; subscriptionSpec="1.0"`,
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const send = (part: object) => res.write(PART + JSON.stringify(part) + DELIMITER);
  // The first heartbeat flushes the headers: a client knows at once it is subscribed.
  res.write(DELIMITER);
  send({});
  const heartbeat = setInterval(() => send({}), MULTIPART_HEARTBEAT_MS);
  let results: AsyncIterableIterator<ExecutionResult> | undefined;
  const clientLeft = () => void results?.return?.();
  res.once('close', clientLeft);
  try {
    const outcome =
      'errors' in admitted
        ? { errors: [...admitted.errors] }
        : await operations
            // Results go straight to the response in their part; the loop below sees only the end.
            .argsFor(
              'multipart',
              { ...caller, resultSink: httpResultSink(res, RESULT_PART) },
              payload,
              admitted.document,
            )
            .then((args) => operations.subscribe(args))
            // Headers are sent already: a failure to open (a verifier or database fault) is the last part.
            .catch((error: unknown) => operations.failedToOpen(error, caller));
    if (!(Symbol.asyncIterator in outcome)) {
      send({ payload: withoutData(outcome) });
      return;
    }
    results = outcome;
    if (res.destroyed) await results.return?.();
    for await (const result of results) {
      if (res.destroyed) break;
      // A client that reads slowly holds the stream back instead of growing our buffer.
      if (!send({ payload: result })) await drained(res);
    }
  } finally {
    clearInterval(heartbeat);
    res.off('close', clientLeft);
    if (!res.destroyed) res.end(END);
  }
}

/** A refusal has no data: `{"errors": …}` alone, as Apollo Router sends a subgraph's. */
function withoutData(result: ExecutionResult | { errors: GraphQLError[] }): ExecutionResult {
  return 'data' in result && result.data !== undefined ? result : { errors: result.errors };
}

/**
 * Whether an `Accept` header lists `multipart/mixed` with `subscriptionSpec`
 * 1.0, whatever the quoting and spacing of its parameters: Apollo Client sends
 * `multipart/mixed;boundary=graphql;subscriptionSpec=1.0`, Apollo iOS
 * `multipart/mixed;boundary="graphql";subscriptionSpec="1.0"`.
 */
export function acceptsMultipartSubscription(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim());
    if (type?.toLowerCase() !== 'multipart/mixed') return false;
    return parameters.some((parameter) => {
      const [name, value] = parameter.split('=').map((part) => part.trim());
      return name?.toLowerCase() === 'subscriptionspec' && value?.replace(/^"(.*)"$/, '$1') === '1.0';
    });
  });
}

/** The GraphQL request in a POST body or a GET query string; undefined when there is none. */
function payloadOf(req: IncomingMessage, parsedBody: unknown): OperationPayload | undefined {
  let source: unknown;
  if (req.method === 'GET') source = Object.fromEntries(new URLSearchParams(req.url?.split('?')[1] ?? ''));
  else if (req.method === 'POST') source = parsedBody;
  if (typeof source !== 'object' || source === null) return undefined;
  const { query, variables, operationName } = source as Record<string, unknown>;
  if (typeof query !== 'string') return undefined;
  let parsedVariables: unknown = variables;
  if (typeof variables === 'string') {
    try {
      parsedVariables = JSON.parse(variables);
    } catch {
      return undefined;
    }
  }
  const isObject = typeof parsedVariables === 'object' && !Array.isArray(parsedVariables);
  if (parsedVariables !== undefined && parsedVariables !== null && !isObject) return undefined;
  return {
    query,
    variables: (parsedVariables ?? undefined) as OperationPayload['variables'],
    operationName: typeof operationName === 'string' ? operationName : undefined,
  };
}
