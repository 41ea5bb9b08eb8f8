import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { Config } from '../config.js';

/**
 * The client's IP address as TRUST_PROXY defines it, with express' `trust proxy` semantics
 * (true: the left-most X-Forwarded-For entry; a number: that many proxy hops; a list of
 * addresses or subnets, or names such as `loopback`); without it, the socket's peer.
 */
export function clientAddress(trustProxy: Config['trustProxy']): (req: IncomingMessage) => string {
  if (trustProxy === false) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trust =
    trustProxy === true
      ? () => true
      : typeof trustProxy === 'number'
        ? (_address: string, hop: number) => hop < trustProxy
        : proxyAddr.compile(trustProxy.split(',').map((entry) => entry.trim()));
  return (req) => {
    if (!req.socket.remoteAddress) return 'unknown';
    return proxyAddr(req, trust);
  };
}
