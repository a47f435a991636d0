import { DEFAULT_HTTP_OPTIONS, type ProviderHttpOptions, type RequestTimeouts } from './http.js';

export interface SmartcarConfig {
  baseUrl: string;
  /** Smartcar's machine-to-machine application token (`Authorization: Bearer`). */
  accessToken: string;
}

export interface MobwayConfig {
  baseUrl: string;
  token: string;
  /** Key of the `X-Signature` HMAC. */
  signSecret: string;
}

export interface SpkeyConfig {
  baseUrl: string;
  /** SmartphoneKey JWT. */
  token: string;
  apiKey: string;
}

export interface ProviderTimeoutsConfig {
  connectMs?: number;
  keepAliveMs?: number;
  /** Mobway and spkey requests, and Smartcar polls. */
  request?: Partial<RequestTimeouts>;
  /**
   * Smartcar command requests. They can stay open for minutes (a 202 is sent
   * early to keep the connection alive and the body comes at the end), so the
   * defaults allow 6 minutes of headers and of body silence, 10 in total.
   */
  smartcarCommand?: Partial<RequestTimeouts>;
  closeGraceMs?: number;
  maxResponseBytes?: number;
}

/** A provider with no endpoint (production without its base URL): its commands fail clearly. */
export interface DisabledProvider {
  /** The variable that would have enabled it, for the error. */
  disabledFor: string;
}

export interface ProvidersConfig {
  smartcar: SmartcarConfig | DisabledProvider;
  mobway: MobwayConfig | DisabledProvider;
  spkey: SpkeyConfig | DisabledProvider;
  timeouts?: ProviderTimeoutsConfig;
}

export const DEFAULT_SMARTCAR_COMMAND_TIMEOUTS: RequestTimeouts = {
  headersMs: 6 * 60_000,
  bodyMs: 6 * 60_000,
  totalMs: 10 * 60_000,
};

export function httpOptionsFrom(timeouts: ProviderTimeoutsConfig = {}): ProviderHttpOptions {
  return {
    connectMs: timeouts.connectMs ?? DEFAULT_HTTP_OPTIONS.connectMs,
    keepAliveMs: timeouts.keepAliveMs ?? DEFAULT_HTTP_OPTIONS.keepAliveMs,
    request: { ...DEFAULT_HTTP_OPTIONS.request, ...timeouts.request },
    closeGraceMs: timeouts.closeGraceMs ?? DEFAULT_HTTP_OPTIONS.closeGraceMs,
    maxResponseBytes: timeouts.maxResponseBytes ?? DEFAULT_HTTP_OPTIONS.maxResponseBytes,
  };
}

export function smartcarCommandTimeoutsFrom(timeouts: ProviderTimeoutsConfig = {}): RequestTimeouts {
  return { ...DEFAULT_SMARTCAR_COMMAND_TIMEOUTS, ...timeouts.smartcarCommand };
}
