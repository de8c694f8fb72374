/**
 * The portal's Lambda handler. It sits beside Next's standalone `server.js` in the function package
 * (bin/build-portal-lambda.js puts it there): at cold start it reads the secrets into the variables
 * the portal reads (NEXTAUTH_SECRET, OIDC_CLIENT_SECRET), starts the standalone server on loopback
 * in this process, and then bridges each Function URL event to it.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { readSecret } from '#shared/aws/clients';
import { PORTAL_ENV } from '#shared/resources/handler-env';
import { functionUrlBridge } from './function-url-bridge.ts';

/** Secrets read from Secrets Manager through `<NAME>_ARN`; the portal sees them as `<NAME>`. */
const SECRETS = [PORTAL_ENV.sessionSecret, PORTAL_ENV.oidcClientSecret, PORTAL_ENV.originVerify];

async function start() {
  for (const name of SECRETS) {
    if (process.env[`${name}_ARN`]) process.env[name] = await readSecret(process.env, name);
  }
  const port = Number(process.env.PORT ?? 3000);
  process.env.PORT = String(port);
  process.env.HOSTNAME = '127.0.0.1';
  // Next writes server.js beside the bundled handler at build time (bin/build-portal-lambda.js).
  await import(new URL('./server.js', import.meta.url).href);
  await listening(port);
  return functionUrlBridge({
    origin: `http://127.0.0.1:${port}`,
    originVerify: process.env[PORTAL_ENV.originVerify],
  });
}

/** Next's server.js starts listening without telling us when: wait until the port answers. */
async function listening(port: number, deadline = Date.now() + 20_000): Promise<void> {
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await sleep(20);
  }
  throw new Error(`The portal server did not listen on ${port} within 20 s`);
}

const bridge = start();

export async function handler(event: LambdaFunctionURLEvent) {
  return (await bridge)(event);
}
