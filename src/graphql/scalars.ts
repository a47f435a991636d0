import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

/** UTC ISO-8601 instants; Mobway's UTC-3 times are converted before they get here. */
export const DateTimeScalar = DateTimeResolver;
export const JSONScalar = JSONResolver;
