import { Field, InputType } from 'type-graphql';

/**
 * What every command input carries besides its target and parameters. Not
 * reachable from the schema by itself (type-graphql 2 emits only reachable
 * types): the command inputs extend it.
 */
@InputType('CommandInputBase')
export abstract class CommandInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Why (up to 500 characters), kept with the execution and in the audit trail. Required to cut an engine ' +
      'when a second person must approve it.',
  })
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Same key + same user + same input returns the first execution (kept 24 h); other input is an error.',
  })
  idempotencyKey?: string | null;
}
