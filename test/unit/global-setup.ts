/** Unit tests run the CLI as a child process (test/unit/cli/run-cli.ts): build its bundle first. */
import { buildCliBundle } from '../build-cli-bundle.ts';

export default function globalSetup(): void {
  buildCliBundle();
}
