/**
 * How a connection ends, as small integer codes that travel in event arguments. The code decides how long the
 * SNAT port stays bound after the last packet: an idle-timeout close keeps it for the idle timeout, and each
 * outbound type holds some closes back from reuse toward the same destination (NAT gateway: FIN 65 s, RST 16 s,
 * half-open 30 s, UDP 65 s; https://learn.microsoft.com/en-us/azure/nat-gateway/nat-gateway-resource).
 */
export const CLOSE_FIN = 0;
export const CLOSE_RST = 1;
/** The application stops sending without closing: the flow lives until the idle timeout. */
export const CLOSE_IDLE = 2;
/** The handshake never completes. */
export const CLOSE_HALF_OPEN = 3;
/** UDP has no close: every UDP flow ends by idle timeout. */
export const CLOSE_UDP = 4;
export const CLOSE_CODES = 5;

export type CloseCode = typeof CLOSE_FIN | typeof CLOSE_RST | typeof CLOSE_IDLE | typeof CLOSE_HALF_OPEN | typeof CLOSE_UDP;

export const CLOSE_NAMES = ['fin', 'rst', 'idle', 'halfOpen', 'udp'] as const;
