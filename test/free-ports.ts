/** Loopback ports nobody listens on right now, for servers a test starts in another process. */
import { createServer, type Server, type AddressInfo } from 'node:net';

/**
 * `n` distinct free ports: all are held open until each is known, so two of them cannot be the same
 * port handed out again (one at a time, a just-closed port may come back on the next call).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < n; i++)
      servers.push(
        await new Promise<Server>((resolve) => {
          const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
        }),
      );
    return servers.map((s) => (s.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}
