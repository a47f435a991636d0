import { Field, ID, ObjectType } from 'type-graphql';
import { AccessRole } from '../enums.js';
import { DateTimeScalar } from '../scalars.js';

// `target` and `fleet` are resolved by GrantResolver (the records hold their ids).
@ObjectType({
  description:
    "One user's role on a target or on a fleet, for a window (either bound open). The same user, subject, role " +
    'and window is one grant; another window is another grant. A grant is removed when its window ends.',
})
export class Grant {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The user (JWT sub) it gives access to.' })
  userId!: string;

  @Field(() => AccessRole)
  role!: AccessRole;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Before this, the grant gives nothing (null: at once).' })
  validFrom!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'From this moment on it gives nothing (null: never ends).',
  })
  validUntil!: Date | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => String, { description: 'The admin who granted it.' })
  createdBy!: string;
}
