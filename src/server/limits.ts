import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { LimitsConfig } from '../config.js';
import type { ErrorCode } from '../domain/error-codes.js';

/**
 * The query limits of both transports, in one place: graphql-armor's rules
 * (depth, aliases, cost, directives) and graphql-js's token cap. Apollo
 * Server applies them over HTTP; the WebSocket server applies the very same
 * through `checkOperation`, since graphql-ws bypasses Apollo's plugins.
 */
export function limitRules(limits: LimitsConfig, production: boolean): ValidationRule[] {
  // Report a rejection as a validation error (as Apollo's armor integration
  // does) instead of throwing out of `validate`.
  const reporting = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...reporting }),
    maxAliasesRule({ n: limits.maxAliases, ...reporting }),
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true, ...reporting }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reporting }),
  ];
  if (production) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/**
 * "Cannot query field "x". Did you mean "y"?" tells an attacker the schema:
 * drop every hint, in all of graphql-js's forms ("y" or "z"; the enum value
 * "Y"), wherever it stands in the message. Suggested names are GraphQL names,
 * which hold no "?", so a hint ends at the first one.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean\b[^?]*\?/g, '');
}

/**
 * Parses and validates one WebSocket operation with the same limits as HTTP.
 * Answers the document, or the errors to send back instead of running it.
 */
export function checkOperation(
  schema: GraphQLSchema,
  query: string,
  limits: LimitsConfig,
  rules: readonly ValidationRule[],
): { document: DocumentNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid query';
    return {
      errors: [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' satisfies ErrorCode } })],
    };
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  if (errors.length > 0) {
    return {
      errors: errors.map(
        (e) =>
          new GraphQLError(withoutSuggestions(e.message), {
            nodes: e.nodes,
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' satisfies ErrorCode },
          }),
      ),
    };
  }
  return { document };
}

/** How many distinct valid operations `operationChecker` remembers. */
const CHECKED_DOCUMENTS = 1_000;

/**
 * `checkOperation` with the documents that passed remembered by their text,
 * as Apollo does over HTTP: a mobile app subscribes with the same few
 * operations over and over, and parsing plus validating one costs far more
 * than the rest of a subscribe. Only valid documents are kept (a document is
 * never mutated by execution), bounded, the oldest forgotten first.
 */
export function operationChecker(
  schema: GraphQLSchema,
  limits: LimitsConfig,
  rules: readonly ValidationRule[],
): (query: string) => ReturnType<typeof checkOperation> {
  const valid = new Map<string, { document: DocumentNode }>();
  return (query) => {
    const known = valid.get(query);
    if (known) return known;
    const checked = checkOperation(schema, query, limits, rules);
    if ('document' in checked) {
      if (valid.size >= CHECKED_DOCUMENTS) valid.delete(valid.keys().next().value!);
      valid.set(query, checked);
    }
    return checked;
  };
}
