import { CommandType, Provider, TargetKind } from './enums.js';

/**
 * What each provider can do, from its documents. The single source for
 * `supportedCommands` and for refusing a command before anything is stored.
 */
const SUPPORTED: Readonly<Record<Provider, readonly CommandType[]>> = {
  [Provider.SMARTCAR]: [
    CommandType.LOCK,
    CommandType.UNLOCK,
    CommandType.START_CHARGE,
    CommandType.STOP_CHARGE,
    CommandType.SET_CHARGE_LIMIT,
    CommandType.SET_NAVIGATION_DESTINATION,
  ],
  [Provider.MOBWAY]: [CommandType.LOCK, CommandType.UNLOCK, CommandType.ENABLE_IGNITION, CommandType.DISABLE_IGNITION],
  [Provider.SPKEY]: [CommandType.OPEN_LOCK],
};

/** Which kind of target each provider registers: spkey fronts smart locks, the others vehicles. */
const KIND: Readonly<Record<Provider, TargetKind>> = {
  [Provider.SMARTCAR]: TargetKind.VEHICLE,
  [Provider.MOBWAY]: TargetKind.VEHICLE,
  [Provider.SPKEY]: TargetKind.LOCK,
};

export function supportedCommands(provider: Provider): readonly CommandType[] {
  return SUPPORTED[provider];
}

export function supportsCommand(provider: Provider, command: CommandType): boolean {
  return SUPPORTED[provider].includes(command);
}

export function targetKindOf(provider: Provider): TargetKind {
  return KIND[provider];
}

export function providersFor(kind: TargetKind): Provider[] {
  return (Object.keys(KIND) as Provider[]).filter((p) => KIND[p] === kind);
}
