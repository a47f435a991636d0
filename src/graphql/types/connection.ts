import { Field, ObjectType } from 'type-graphql';
import { PageInfo } from './page-info.js';

/**
 * Builds a Relay connection type for `node` (type-graphql's generic-type
 * pattern): `<Name>Connection { edges { cursor node } pageInfo }`.
 */
// An abstract class is an interface type's node (CommandTarget): concrete ones are assignable to it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function Connection<TNode extends object>(node: abstract new (...args: any[]) => TNode, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: TNode;
  }

  // Not reachable from the schema by itself (type-graphql 2 emits only
  // reachable types); the concrete `<Name>Connection` classes extend it.
  @ObjectType(`${name}ConnectionBase`)
  abstract class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }

  return ConnectionType;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}
