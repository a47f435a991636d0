import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print, type DocumentNode } from 'graphql';
import type { Client } from 'graphql-ws';
import { gql, type GraphQLResponse, type RequestOptions } from './graphql-client.js';
import { subscribe, type SubscriptionProbe } from './ws-client.js';

type Variables = Record<string, unknown>;

/**
 * Runs a generated typed document over real HTTP; data and variables are typed by the document.
 * `as` is the bearer token, or the token with further headers.
 */
export function run<TResult, TVariables extends Variables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  as?: string | RequestOptions,
): Promise<GraphQLResponse<TResult>> {
  return gql<TResult>(url, print(document), variables, typeof as === 'string' ? { token: as } : as);
}

/** Like `run`, but fails with the errors when there are any, and answers the data. */
export async function data<TResult, TVariables extends Variables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  as?: string | RequestOptions,
): Promise<TResult> {
  const response = await run(url, document, variables, as);
  if (response.errors || !response.data)
    throw new Error(`${operationName(document)} failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** Subscribes with a generated typed document over graphql-ws. */
export function watch<TResult, TVariables extends Variables>(
  client: Client,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): SubscriptionProbe<TResult> {
  return subscribe<TResult>(client, print(document), variables);
}

export function operationName(document: DocumentNode): string {
  return getOperationAST(document)?.name?.value ?? '<anonymous>';
}
