import { Field, ID, InputType } from 'type-graphql';
import { AccessRole } from '../enums.js';
import { DateTimeScalar } from '../scalars.js';

@InputType({
  description:
    'A grant: a user, exactly one of targetId and fleetId, and optionally a role (OPERATOR unless said) and a ' +
    'window. revokeAccess takes the user and the target or fleet only.',
})
export class GrantAccessInput {
  @Field(() => String, { description: 'The user (JWT sub) to give or take access.' })
  userId!: string;

  @Field(() => ID, { nullable: true, description: 'A Vehicle or Lock id.' })
  targetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A Fleet id: the access covers every target in it, now and later.' })
  fleetId?: string | null;

  @Field(() => AccessRole, { nullable: true, description: 'What the user may do (default OPERATOR).' })
  role?: AccessRole | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The grant gives nothing before this (default: at once).',
  })
  validFrom?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The grant ends at this moment, everywhere: queries, commands and live streams (default: never).',
  })
  validUntil?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why (at most 500 characters), kept with the grant.' })
  reason?: string | null;
}
