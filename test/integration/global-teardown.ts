/** Stops the servers global-setup started and removes their temporary folder. */
import { rmSync } from 'node:fs';
import { runningStack } from './local-env.ts';

export default async function globalTeardown(): Promise<void> {
  const stack = runningStack();
  if (stack === undefined) return;
  await stack.servers.stop();
  rmSync(stack.dataDir, { recursive: true, force: true });
}
