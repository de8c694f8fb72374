/**
 * Reading the `@ip-location-db/asn` CSVs (`start,end,asn,org`, org quoted when it holds a comma)
 * into compact columns. A hand-rolled scanner: the IPv4 file is 21 MB and 412k rows, and a
 * general CSV parser plus one object per row would cost several times the time and memory.
 */
import { parseIpv6, upper64 } from './ip-parse.ts';

/** Columns of one address family, sorted by start; IPv6 keys are the upper 64 bits (hi, lo). */
export interface AsnColumns {
  /** IPv4: start/end addresses. IPv6: upper 32 bits of the upper 64. */
  startHi: Uint32Array;
  endHi: Uint32Array;
  /** IPv6 only: lower 32 bits of the upper 64 (empty for IPv4). */
  startLo: Uint32Array;
  endLo: Uint32Array;
  asn: Uint32Array;
  /** Index into `orgs` per row. */
  org: Uint32Array;
  orgs: string[];
}

export class AsnCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AsnCsvError';
  }
}

/** Parses `asn-ipv4-num.csv` text (decimal start/end). */
export function parseAsnIpv4Csv(text: string): AsnColumns {
  return parseRows(text, 4);
}

/** Parses `asn-ipv6.csv` text (textual start/end); keeps the upper 64 bits, which every route fits. */
export function parseAsnIpv6Csv(text: string): AsnColumns {
  return parseRows(text, 6);
}

function parseRows(text: string, version: 4 | 6): AsnColumns {
  let capacity = Math.max(16, Math.ceil(text.length / 40));
  let cols = allocate(capacity, version);
  const orgIds = new Map<string, number>();
  const orgs: string[] = [];
  let rows = 0;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = n;
    const c1 = text.indexOf(',', pos);
    const c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
    const c3 = c2 < 0 ? -1 : text.indexOf(',', c2 + 1);
    if (c3 < 0 || c3 > lineEnd) {
      if (text.slice(pos, lineEnd).trim() !== '') throw new AsnCsvError(`bad ASN row at offset ${pos}`);
      pos = lineEnd + 1;
      continue;
    }
    if (rows === capacity) {
      capacity *= 2;
      cols = grow(cols, capacity);
    }
    if (version === 4) {
      cols.startHi[rows] = Number(text.slice(pos, c1));
      cols.endHi[rows] = Number(text.slice(c1 + 1, c2));
    } else {
      const start = parseIpv6(text.slice(pos, c1));
      const end = parseIpv6(text.slice(c1 + 1, c2));
      if (start === undefined || end === undefined) throw new AsnCsvError(`bad IPv6 range at offset ${pos}`);
      [cols.startHi[rows], cols.startLo[rows]] = upper64(start);
      [cols.endHi[rows], cols.endLo[rows]] = upper64(end);
    }
    cols.asn[rows] = Number(text.slice(c2 + 1, c3));
    let stop = lineEnd;
    if (stop > c3 && text.charCodeAt(stop - 1) === 13 /* \r */) stop--;
    const org = unquote(text.slice(c3 + 1, stop));
    let id = orgIds.get(org);
    if (id === undefined) {
      id = orgs.length;
      orgs.push(org);
      orgIds.set(org, id);
    }
    cols.org[rows] = id;
    rows++;
    pos = lineEnd + 1;
  }
  // Slices of the CSV text can keep the whole 21 MB string alive; a JSON round trip copies them out.
  return { ...trim(cols, rows, version), orgs: JSON.parse(JSON.stringify(orgs)) as string[] };
}

type Arrays = Omit<AsnColumns, 'orgs'>;

function allocate(capacity: number, version: 4 | 6): Arrays {
  const v6 = version === 6 ? capacity : 0;
  return {
    startHi: new Uint32Array(capacity),
    endHi: new Uint32Array(capacity),
    startLo: new Uint32Array(v6),
    endLo: new Uint32Array(v6),
    asn: new Uint32Array(capacity),
    org: new Uint32Array(capacity),
  };
}

function grow(cols: Arrays, capacity: number): Arrays {
  const resize = (a: Uint32Array): Uint32Array => {
    if (a.length === 0) return a;
    const b = new Uint32Array(capacity);
    b.set(a);
    return b;
  };
  return {
    startHi: resize(cols.startHi),
    endHi: resize(cols.endHi),
    startLo: resize(cols.startLo),
    endLo: resize(cols.endLo),
    asn: resize(cols.asn),
    org: resize(cols.org),
  };
}

function trim(cols: Arrays, rows: number, version: 4 | 6): Arrays {
  // slice() copies, so the over-allocated buffers can be collected.
  return {
    startHi: cols.startHi.slice(0, rows),
    endHi: cols.endHi.slice(0, rows),
    startLo: version === 6 ? cols.startLo.slice(0, rows) : new Uint32Array(0),
    endLo: version === 6 ? cols.endLo.slice(0, rows) : new Uint32Array(0),
    asn: cols.asn.slice(0, rows),
    org: cols.org.slice(0, rows),
  };
}

function unquote(field: string): string {
  if (field.charCodeAt(0) !== 34 /* " */) return field;
  return field.slice(1, field.endsWith('"') ? -1 : undefined).replaceAll('""', '"');
}
