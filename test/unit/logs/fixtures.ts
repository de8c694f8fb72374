import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Lines of a recorded fixture in test/events/<source>/<file>. */
export function fixtureLines(source: string, file: string): string[] {
  const path = fileURLToPath(new URL(`../../events/${source}/${file}`, import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}
