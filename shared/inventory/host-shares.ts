/**
 * Splits calls between counting threads by host. A host's templating and aggregates depend only on
 * its own calls, in order, and on where batches end, so each thread counting whole hosts, batch by
 * batch, makes exactly the endpoints one thread would. A new host goes to the thread with the fewest
 * calls so far, which keeps the shares even when a few hosts carry most of the traffic.
 */
import type { CountedCall } from './packed-calls.ts';

export class HostShares {
  private readonly shareOf = new Map<string, number>();
  private readonly load: number[];

  constructor(readonly count: number) {
    this.load = new Array<number>(count).fill(0);
  }

  /** `calls` in `count` lists, each call in its host's, in the order given. */
  split(calls: readonly CountedCall[]): CountedCall[][] {
    const shares: CountedCall[][] = Array.from({ length: this.count }, () => []);
    for (const call of calls) {
      let share = this.shareOf.get(call.host);
      if (share === undefined) this.shareOf.set(call.host, (share = this.lightest()));
      this.load[share]!++;
      shares[share]!.push(call);
    }
    return shares;
  }

  private lightest(): number {
    let best = 0;
    for (let i = 1; i < this.count; i++) if (this.load[i]! < this.load[best]!) best = i;
    return best;
  }
}
