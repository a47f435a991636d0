import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** UTC ISO-8601 instants; a provider's local times are converted by its client before they get here. */
export const DateTimeScalar = DateTimeResolver;
export const JSONScalar = JSONResolver;
