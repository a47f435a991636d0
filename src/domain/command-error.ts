/**
 * The one error shape every provider failure maps into. It is what
 * `CommandExecution.error` shows, so it must never carry a credential or a raw
 * provider body.
 */
export interface CommandError {
  /** Stable machine code, e.g. `ASLEEP`, `SIGNATURE_INVALID`, `TIMEOUT`, `OUTCOME_UNKNOWN`. */
  code: string;
  /** Category: the provider's own error type (e.g. `VEHICLE_STATE`, `RATE_LIMIT`) or ours (`PROVIDER`, `ENGINE`). */
  type: string;
  title?: string | null;
  detail?: string | null;
  retryable: boolean;
  retryAfterSeconds?: number | null;
  resolution?: string | null;
  suggestedUserMessage?: string | null;
}
