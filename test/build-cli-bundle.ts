/**
 * Builds the CLI bundle (dist/) before tests that run `bin/surveyor.js`, so they run what users run,
 * compiled from the source under test, never a bundle left over from an earlier checkout.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function buildCliBundle(): void {
  execFileSync(process.execPath, [join(process.cwd(), 'bin/build-cli.js')], { stdio: 'inherit' });
}
