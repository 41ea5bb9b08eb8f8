import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Role } from '../../../auth/roles.js';
import type { Context } from '../../context.js';
import { Reads, ReadsNoRows } from '../../common/projection.js';

@ObjectType({ simpleResolvers: true, description: 'Who the request’s bearer token says you are.' })
@ReadsNoRows()
export class Viewer {
  @Field(() => String, { description: 'The token’s subject (`sub`).' })
  subject!: string;

  @Field(() => [Role], { description: 'What you may do beyond reading; empty for a reader.' })
  roles!: Role[];
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'Who you are signed in as; null without a bearer token.' })
  @Reads()
  viewer(@Ctx() { viewer }: Context): Viewer | null {
    return viewer.kind === 'user' ? { subject: viewer.subject, roles: [...viewer.roles].sort() } : null;
  }
}
