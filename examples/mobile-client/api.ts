import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print } from 'graphql';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { ClientOptions } from './options.js';

type Variables = Record<string, unknown>;

/** A GraphQL error answer, with the `extensions.code` of each error. */
export class GraphQLRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly codes: (string | undefined)[],
    messages: string[],
  ) {
    super(`${operation}: ${messages.map((m, i) => `${m} (${codes[i] ?? 'no code'})`).join('; ')}`);
  }
}

/** What a mobile app needs: typed requests over HTTP, typed subscriptions over graphql-ws, both authenticated. */
export class ApiClient {
  private readonly socket: Client;

  constructor(private readonly options: ClientOptions) {
    this.socket = createClient({
      url: options.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${options.token}` },
      lazy: true,
      retryAttempts: 3,
    });
  }

  async request<TResult, TVariables extends Variables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
      body: JSON.stringify({ query: print(document), variables }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json()) as FormattedExecutionResult<TResult>;
    if (body.errors?.length || !body.data) {
      const errors = body.errors ?? [];
      throw new GraphQLRequestError(
        operationName(document),
        errors.map((e) => e.extensions?.code as string | undefined),
        errors.map((e) => e.message),
      );
    }
    return body.data;
  }

  /** Every result of a subscription, until the server completes it. */
  async *watch<TResult, TVariables extends Variables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): AsyncGenerator<TResult> {
    for await (const result of this.socket.iterate<TResult>({ query: print(document), variables })) {
      if (result.errors?.length || !result.data) throw new Error(`${operationName(document)}: ${JSON.stringify(result.errors)}`);
      yield result.data;
    }
  }

  close(): Promise<void> {
    return this.socket.dispose() ?? Promise.resolve();
  }
}

const operationName = (document: TypedDocumentNode<unknown, never>): string => getOperationAST(document)?.name?.value ?? 'operation';
