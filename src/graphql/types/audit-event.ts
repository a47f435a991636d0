import { Field, ID, ObjectType } from 'type-graphql';
import { AccessRole, AuditAction } from '../enums.js';
import { DateTimeScalar } from '../scalars.js';

@ObjectType({
  description:
    'One event of the audit trail, recorded in the same transaction as the change it records: a change of the ' +
    'registry or of access, or a step of a command (read from its history).',
})
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String, { description: 'Who made the change (JWT sub), or "system" for the engine.' })
  actor!: string;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Field(() => ID, { nullable: true })
  fleetId!: string | null;

  @Field(() => String, { nullable: true, description: 'The user the change is about: the grantee, or the requester.' })
  subjectUserId!: string | null;

  @Field(() => ID, { nullable: true })
  executionId!: string | null;

  @Field(() => AccessRole, { nullable: true })
  role!: AccessRole | null;

  @Field(() => DateTimeScalar, { nullable: true })
  validUntil!: Date | null;

  @Field(() => String, { nullable: true, description: 'The reason given, or the error code a command ended with.' })
  reason!: string | null;
}
