import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../graphql/context.js';
import {
  answerHttpError,
  hasJsonBody,
  httpErrorAnswer,
  parseJsonBody,
  readBody,
  trackRequest,
} from './http-requests.js';
import type { HttpStreamOperations, StreamCaller } from './http-stream-operations.js';
import { acceptsMultipartSubscription, multipartTransport } from './multipart.js';
import { sseTransport, wantsEventStream } from './sse.js';
import { GRAPHQL_PATH } from './websocket.js';

/** One streaming request, as a transport receives it. */
export interface StreamingRequest {
  req: IncomingMessage;
  res: ServerResponse;
  /** The JSON body, already read within the size limit and parsed (undefined: a GET, or not JSON). */
  body: unknown;
  caller: StreamCaller;
  /** Hands the request to express (and Apollo Server) instead: for what is not a stream after all. */
  passOn(): void;
}

/**
 * The HTTP streaming transports, in front of express: a request to
 * `/graphql` whose `Accept` asks for an event stream (GraphQL over SSE) or
 * for Apollo's multipart subscriptions is taken here (answers true), given its
 * request id and access line like any request, its JSON body read within the
 * same 1 MB limit, and served by its transport; any other request is left to
 * express (answers false).
 */
export function httpStreamRequests(
  operations: HttpStreamOperations,
  services: Services,
  express: (req: IncomingMessage, res: ServerResponse) => void,
) {
  const sse = sseTransport(operations);
  const multipart = multipartTransport(operations);

  /** The transport an `Accept` asks for, if it asks for a stream. */
  const transportFor = (accept: string | undefined) => {
    if (wantsEventStream(accept)) return sse;
    if (acceptsMultipartSubscription(accept)) return multipart;
    return undefined;
  };

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.url?.split('?')[0] !== GRAPHQL_PATH) return false;
    const transport = transportFor(req.headers.accept);
    if (!transport) return false;
    const requestId = trackRequest(services.logger, req, res);
    void serve(transport, req, res, { authorization: req.headers.authorization, requestId }, express).catch(
      (error: unknown) => {
        // A client's fault (a body that is not JSON) is answered; anything else is ours, and logged.
        if (httpErrorAnswer(error).status >= 500) {
          services.logger.error({ err: error, requestId }, 'streaming request failed');
        }
        if (!res.headersSent) answerHttpError(res, error);
        else res.destroy();
      },
    );
    return true;
  };
}

async function serve(
  transport: (request: StreamingRequest) => Promise<void>,
  req: IncomingMessage,
  res: ServerResponse,
  caller: StreamCaller,
  express: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<void> {
  let body: unknown;
  const hasBody = req.method === 'POST' && hasJsonBody(req);
  if (hasBody) {
    try {
      body = parseJsonBody(await readBody(req));
    } catch (error) {
      // Too large, cut short or not JSON: answered as express answers it.
      answerHttpError(res, error);
      return;
    }
  }
  const passOn = () => {
    // Read already: body-parser skips a request marked parsed, and Apollo Server reads `body`.
    Object.assign(req, { body, _body: hasBody });
    express(req, res);
  };
  await transport({ req, res, body, caller, passOn });
}
