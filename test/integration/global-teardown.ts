import type { LocalServers } from '#local/servers';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __surveyorServers?: LocalServers }).__surveyorServers?.stop();
}
