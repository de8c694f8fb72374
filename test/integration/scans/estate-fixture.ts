/** The demo estate and Surveyor's callback listener on loopback, started once per test file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEstate, type RunningEstate } from '#local/demo/estate/start-estate';
import { startCallbackListener, type CallbackListener } from '#local/stack/callback-listener';
import { verificationRecord } from '#shared/scans/verify-domain';

export interface EstateFixture {
  readonly estate: RunningEstate;
  readonly listener: CallbackListener;
  readonly token: string;
  readonly caFile: string;
  readonly targetsFile: string;
  readonly ctFile: string;
  close(): Promise<void>;
}

/** `firstHost` keeps files' estates on separate addresses within 127.0.2.0/24. */
export async function startEstateFixture(
  firstHost: number,
  record?: (name: string) => void,
): Promise<EstateFixture> {
  const token = `it${Math.random().toString(16).slice(2, 14)}`;
  const listener = await startCallbackListener('127.0.2.54', 0, record);
  const estate = await startEstate({
    network: '127.0.2',
    firstHost,
    httpsPort: 0,
    httpPort: 0,
    dnsPort: 0,
    verificationTxt: verificationRecord('acme-shop.example', token).value,
    callbackDns: listener.address,
  });
  const dir = mkdtempSync(join(tmpdir(), 'surveyor-estate-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, estate.caPem);
  const targetsFile = join(dir, 'targets.json');
  writeFileSync(
    targetsFile,
    JSON.stringify(estate.targets.map(({ host, address, port }) => ({ host, address, port }))),
  );
  const ctFile = join(dir, 'ct.json');
  writeFileSync(ctFile, JSON.stringify({ [estate.domain]: estate.certificateNames }));
  return {
    estate,
    listener,
    token,
    caFile,
    targetsFile,
    ctFile,
    async close() {
      await estate.close();
      await listener.close();
    },
  };
}

/** Finding types per host as the estate plants them, sorted. */
export function plantedTypes(estate: RunningEstate): Record<string, string[]> {
  return Object.fromEntries(estate.targets.map((t) => [t.host, [...t.spec.expect].sort()]));
}
