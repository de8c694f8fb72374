/** How an analysis parses one source: one place, so the worker thread parses as `analyzeLogs` does. */
import type { ParseLogOptions } from '#shared/logs/parse-log';

/** What of an analysis's options reaches the parser. */
export type SourceParseOptions = Pick<ParseLogOptions, 'format' | 'defaultHost' | 'classify'>;

/** `parseOptionsFor('alb.log', { format: 'alb' })` -> `{ format: 'alb', origin: 'alb.log' }`. */
export function parseOptionsFor(origin: string | undefined, options: SourceParseOptions): ParseLogOptions {
  const parseOptions: ParseLogOptions = {
    format: options.format,
    ...(options.classify === false && { classify: false }),
  };
  if (origin !== undefined) Object.assign(parseOptions, { origin });
  if (options.defaultHost !== undefined) Object.assign(parseOptions, { defaultHost: options.defaultHost });
  return parseOptions;
}
