import type { CommandType } from '../domain/enums.js';

/** A provider's command table: each command kind it runs → how it is sent. */
export type CommandTable<Route> = Readonly<Partial<Record<CommandType, Route>>>;

/** The command kinds a table holds, in declaration order: what the provider supports, nothing else. */
export function commandsOf(table: CommandTable<unknown>): readonly CommandType[] {
  return Object.freeze(Object.keys(table) as CommandType[]);
}
