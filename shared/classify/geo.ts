/**
 * Caller geography and network: country and city from GeoLite2, ASN number and organisation from
 * the ip-location-db ASN ranges. Databases load lazily per address family (an IPv4-only workload
 * never pays for IPv6), and a small cache of recent addresses absorbs repeat callers.
 */
import type { Reader } from 'maxmind';
import type { AsnTable } from './asn-table.ts';
import { loadAsnTable, openCityReader, type CityRecord, type GeoDataPaths } from './geo-data.ts';
import { formatIpv4, parseIp } from './ip-parse.ts';
import { RecentCache } from './recent-cache.ts';

export { GeoDataError } from './geo-data.ts';

/** What is known about one caller address; every field is optional (private ranges have none). */
export interface GeoInfo {
  /** ISO 3166-1 alpha-2, e.g. `DE`. */
  country?: string;
  city?: string;
  asn?: number;
  org?: string;
}

export interface GeoLookupOptions extends GeoDataPaths {
  /** Recent addresses kept (default 20,000: a few MB). */
  cacheSize?: number;
  /** Skip the city database (country and city stay unknown). */
  city?: boolean;
  /** Skip the ASN ranges (asn and org stay unknown). */
  asn?: boolean;
}

export interface GeoLookup {
  /** `lookup('8.8.8.8')` -> `{ country: 'US', asn: 15169, org: 'Google LLC' }`; `{}` for garbage. */
  lookup(ip: string): Readonly<GeoInfo>;
  /** Loads the databases now (cold start) instead of at the first lookup of each family. */
  warm(versions?: readonly (4 | 6)[]): void;
}

const NOTHING: Readonly<GeoInfo> = Object.freeze({});

interface Family {
  city: Reader<CityRecord> | null | undefined;
  asn: AsnTable | null | undefined;
}

/**
 * Creates a lookup over the installed databases (or the folders in `options`). Malformed input
 * yields `{}`; a missing database throws `GeoDataError` at the first lookup that needs it.
 */
export function createGeoLookup(options: GeoLookupOptions = {}): GeoLookup {
  const cache = new RecentCache<Readonly<GeoInfo>>(options.cacheSize ?? 20_000);
  const families: Record<4 | 6, Family> = {
    4: { city: options.city === false ? null : undefined, asn: options.asn === false ? null : undefined },
    6: { city: options.city === false ? null : undefined, asn: options.asn === false ? null : undefined },
  };
  const load = (version: 4 | 6): Family => {
    const f = families[version];
    if (f.city === undefined) f.city = openCityReader(options, version);
    if (f.asn === undefined) f.asn = loadAsnTable(options, version);
    return f;
  };

  const resolve = (ip: string): Readonly<GeoInfo> => {
    const parsed = parseIp(ip);
    if (parsed === undefined) return NOTHING;
    const info: GeoInfo = {};
    let record: CityRecord | null = null;
    if (parsed.version === 4) {
      const f = load(4);
      record = cityOf(f.city, formatIpv4(parsed.v4));
      setAsn(info, f.asn?.find(parsed.v4));
    } else {
      const f = load(6);
      const g = parsed.groups;
      // Canonical text (no brackets or zone) for the MMDB reader, which parses again.
      record = cityOf(f.city, g.map((x) => x.toString(16)).join(':'));
      setAsn(info, f.asn?.find(g[0]! * 65536 + g[1]!, g[2]! * 65536 + g[3]!));
    }
    if (record?.country_code) info.country = record.country_code;
    if (record?.city) info.city = record.city;
    return Object.freeze(info);
  };

  return {
    lookup(ip: string): Readonly<GeoInfo> {
      if (typeof ip !== 'string' || ip.length > 64) return NOTHING;
      const hit = cache.get(ip);
      if (hit !== undefined) return hit;
      const info = resolve(ip);
      cache.set(ip, info);
      return info;
    },
    warm(versions = [4, 6]): void {
      for (const v of versions) load(v);
    },
  };
}

function cityOf(reader: Reader<CityRecord> | null | undefined, ip: string): CityRecord | null {
  try {
    return reader?.get(ip) ?? null;
  } catch {
    // The reader rejects what it cannot parse; ours already did, so this is only a safety net.
    return null;
  }
}

function setAsn(info: GeoInfo, match: { asn: number; org: string } | undefined): void {
  if (match === undefined) return;
  info.asn = match.asn;
  if (match.org !== '') info.org = match.org;
}
