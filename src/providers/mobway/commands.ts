import { CommandType } from '../../domain/enums.js';

/** Mobway's command words for our command types. */
export const MOBWAY_COMMANDS: Readonly<Partial<Record<CommandType, string>>> = {
  [CommandType.LOCK]: 'lock_door',
  [CommandType.UNLOCK]: 'unlock_door',
  [CommandType.ENABLE_IGNITION]: 'enable_ignition',
  [CommandType.DISABLE_IGNITION]: 'disable_ignition',
};
