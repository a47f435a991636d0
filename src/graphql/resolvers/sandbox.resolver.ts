import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireViewer, type GraphQLContext } from '../context.js';
import { SimulateProviderInput } from '../inputs/simulate-provider.input.js';

/** The provider sandbox, for frontend developers: development only. */
@Resolver()
export class SandboxResolver {
  @Mutation(() => Boolean, {
    description:
      "Sandbox only (development, built-in simulators): makes the target's provider simulator answer its next " +
      'commands with one behavior (asleep, rate limited, slow, rejected, never answers, offline…), to see every ' +
      'state and error. Admin only; FORBIDDEN in production and for a provider whose real endpoint is configured.',
  })
  async simulateProvider(
    @Arg('input', () => SimulateProviderInput) input: SimulateProviderInput,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    await context.services.sandbox.simulate(requireViewer(context).viewer, input);
    return true;
  }
}
