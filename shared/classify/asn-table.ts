/** Binary search over the sorted ASN range columns of one address family. */
import type { AsnColumns } from './asn-csv.ts';

export interface AsnMatch {
  asn: number;
  org: string;
}

/** Range table for IPv4 (`find(v4)`) or IPv6 (`find(hi, lo)` of the upper 64 bits). */
export class AsnTable {
  readonly rows: number;
  constructor(private readonly cols: AsnColumns) {
    this.rows = cols.asn.length;
  }

  /** The route holding `hi:lo` (IPv4: `find(v4, 0)`), or undefined when no route announces it. */
  find(hi: number, lo = 0): AsnMatch | undefined {
    const { startHi, startLo, endHi, endLo } = this.cols;
    const v6 = startLo.length > 0;
    // Last row whose start <= key.
    let low = 0;
    let high = this.rows - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const sh = startHi[mid]!;
      if (sh < hi || (sh === hi && (!v6 || startLo[mid]! <= lo))) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (found < 0) return undefined;
    const eh = endHi[found]!;
    if (eh < hi || (v6 && eh === hi && endLo[found]! < lo)) return undefined;
    return { asn: this.cols.asn[found]!, org: this.cols.orgs[this.cols.org[found]!]! };
  }
}
