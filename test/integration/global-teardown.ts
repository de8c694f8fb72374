/** Stops the servers global-setup started and removes their temporary folder. */
import { runningStack } from './local-env.ts';

export default async function globalTeardown(): Promise<void> {
  await runningStack()?.stop();
}
