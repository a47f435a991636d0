import { CommandType } from '../../domain/enums.js';
import type { CommandTable } from '../command-table.js';

/** Mobway's command table, its command words for our command types: the only list of what it supports. */
export const MOBWAY_COMMANDS: CommandTable<string> = {
  [CommandType.LOCK]: 'lock_door',
  [CommandType.UNLOCK]: 'unlock_door',
  [CommandType.ENABLE_IGNITION]: 'enable_ignition',
  [CommandType.DISABLE_IGNITION]: 'disable_ignition',
};
