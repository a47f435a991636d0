import { DEFAULT_HTTP_OPTIONS, type ProviderHttpOptions, type RequestTimeouts } from './http.js';

export interface ProviderTimeoutsConfig {
  connectMs?: number;
  keepAliveMs?: number;
  /** Every provider request, unless its module gives a kind of request its own (below). */
  request?: Partial<RequestTimeouts>;
  /**
   * Command requests of a provider that holds them open for minutes (its
   * module says so, and sets its own defaults); these override them.
   */
  longCommand?: Partial<RequestTimeouts>;
  closeGraceMs?: number;
  maxResponseBytes?: number;
}

export function httpOptionsFrom(timeouts: ProviderTimeoutsConfig = {}): ProviderHttpOptions {
  return {
    connectMs: timeouts.connectMs ?? DEFAULT_HTTP_OPTIONS.connectMs,
    keepAliveMs: timeouts.keepAliveMs ?? DEFAULT_HTTP_OPTIONS.keepAliveMs,
    request: { ...DEFAULT_HTTP_OPTIONS.request, ...timeouts.request },
    closeGraceMs: timeouts.closeGraceMs ?? DEFAULT_HTTP_OPTIONS.closeGraceMs,
    maxResponseBytes: timeouts.maxResponseBytes ?? DEFAULT_HTTP_OPTIONS.maxResponseBytes,
  };
}
