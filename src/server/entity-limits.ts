import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  GraphQLError,
  Kind,
  getOperationAST,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { LimitsConfig } from '../config.js';
import type { ErrorCode } from '../domain/error-codes.js';

/**
 * `_entities` answers one object per representation, but the cost rule sees
 * its selection once: 5,000 representations of a costly selection would pass
 * as one. Once variables are known, this caps the representations of a
 * request and counts the cost of the `_entities` selection once per
 * representation:
 *
 *   cost = cost of the document + (representations − 1) × cost of each `_entities` field
 *
 * with graphql-armor's own cost function, so `GRAPHQL_MAX_COST` means the same
 * everywhere. Answers the errors to send instead of running, or undefined.
 */
export function checkEntityRepresentations(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  limits: Pick<LimitsConfig, 'maxCost' | 'maxEntityRepresentations'>,
): GraphQLError[] | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query') return undefined;
  const entityFields = rootFields(operation.selectionSet, document).filter((field) => field.name.value === '_entities');
  if (entityFields.length === 0) return undefined;

  const counts = entityFields.map((field) => representationCount(field, variables ?? {}));
  const representations = counts.reduce((sum, count) => sum + count, 0);
  if (representations > limits.maxEntityRepresentations) {
    return [
      new GraphQLError(
        `at most ${limits.maxEntityRepresentations} entity representations per request, got ${representations}`,
        {
          extensions: {
            code: 'TOO_MANY_REPRESENTATIONS' satisfies ErrorCode,
            limit: limits.maxEntityRepresentations,
            http: { status: 400 },
          },
        },
      ),
    ];
  }
  let cost = costOf(schema, document, operation, variables ?? {});
  entityFields.forEach((field, i) => {
    const alone = { ...operation, selectionSet: { ...operation.selectionSet, selections: [field] } };
    cost += Math.max(counts[i]! - 1, 0) * costOf(schema, document, alone, variables ?? {});
  });
  if (cost > limits.maxCost) {
    return [
      new GraphQLError(
        `Query Cost limit of ${limits.maxCost} exceeded, found ${cost} (counting each entity representation).`,
        {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' satisfies ErrorCode, http: { status: 400 } },
        },
      ),
    ];
  }
  return undefined;
}

/**
 * A definition with `first: $n` / `last: $n` written as the number the
 * variable holds: graphql-armor multiplies by a literal `first` only.
 */
function withPageSizesInlined<T extends OperationDefinitionNode | FragmentDefinitionNode>(
  definition: T,
  variables: Readonly<Record<string, unknown>>,
): T {
  return visit(definition, {
    Argument(node) {
      if ((node.name.value !== 'first' && node.name.value !== 'last') || node.value.kind !== Kind.VARIABLE) {
        return undefined;
      }
      const value = variables[node.value.name.value];
      return Number.isInteger(value) ? { ...node, value: { kind: Kind.INT, value: String(value) } } : undefined;
    },
  });
}

/**
 * The fields an operation asks of its root type, also those written inside
 * inline fragments (`... on Query { _entities … }`) or fragment spreads:
 * where a field is written must not decide whether it is counted.
 */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      fields.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fields.push(...rootFields(selection.selectionSet, document, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
      );
      if (fragment) fields.push(...rootFields(fragment.selectionSet, document, seen));
    }
  }
  return fields;
}

/** How many representations one `_entities` field asks for, from a literal list or a variable. */
function representationCount(field: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  const argument = field.arguments?.find((arg) => arg.name.value === 'representations');
  if (!argument) return 0;
  if (argument.value.kind === Kind.LIST) return argument.value.values.length;
  if (argument.value.kind === Kind.VARIABLE) {
    const value = variables[argument.value.name.value];
    return Array.isArray(value) ? value.length : 0;
  }
  return 0;
}

/** graphql-armor's cost of one operation (its fragments included), measured by its own rule. */
function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  let cost = 0;
  const fragments = document.definitions
    .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((fragment) => withPageSizesInlined(fragment, variables));
  const definitions = [withPageSizesInlined(operation, variables), ...fragments];
  validate(schema, { kind: Kind.DOCUMENT, definitions }, [
    costLimitRule({
      maxCost: Number.MAX_SAFE_INTEGER,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onAccept: [(_context, { n }) => (cost = n)],
    }),
  ]);
  return cost;
}
