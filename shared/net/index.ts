/**
 * shared/net: the one place that decides which addresses Surveyor may connect to, and connects.
 * Scanner probes and webhook deliveries import from here.
 */
export { vetAddress, isAllowedAddress, isIpLiteral } from './address-policy.ts';
export type { AddressPolicy, AddressVerdict } from './address-policy.ts';
export { resolveVetted, vetPinned, normalizeHostName, systemLookup, dnsServerLookup } from './resolve.ts';
export type { LookupAddresses, VettedAddress, ResolveOptions } from './resolve.ts';
export { connectVetted, hostForHeader, DEFAULT_CONNECT_TIMEOUT_MS } from './connect.ts';
export type { ConnectTarget, ConnectOptions, TlsSettings } from './connect.ts';
export { httpRequest } from './http-request.ts';
export type { HttpRequestOptions, HttpResponse } from './http-request.ts';
export { parseTargetUrl, urlHost } from './target-url.ts';
export { SURVEYOR_USER_AGENT } from './user-agent.ts';
export {
  UnsafeTargetError,
  InvalidTargetError,
  HostNotFoundError,
  NetTimeoutError,
  RedirectRefusedError,
} from './errors.ts';
export { VettedAgent } from './vetted-agent.ts';
export type { VettedAgentOptions } from './vetted-agent.ts';
