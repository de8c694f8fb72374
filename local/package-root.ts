/**
 * The repository's root folder, found from a module's own URL: the nearest folder above it with a
 * package.json. Modules of local/ run from their source (tsx, tests) and from the CLI bundle
 * (dist/cli/, dist/chunks/), so a fixed `../..` would be right in one place only.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(moduleUrl: string): string {
  let folder = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    folder = parent;
  }
  return folder;
}

/** True when the module runs from the compiled bundle (dist/), not from its TypeScript source. */
export function runsFromBundle(moduleUrl: string): boolean {
  return moduleUrl.endsWith('.js');
}
