/**
 * Parsed calls packed for a worker thread's message: what the templater and the aggregator read of a
 * call, in a few arrays instead of one object per call. Structured clone copies an object field by
 * field, names included; here the strings every call has (path, time, client) travel as one flat
 * array, values that repeat within a batch (host, method, auth, TLS, sensitive types, declared
 * template) once per batch, and numbers as a transferable Float64Array. Unpacking gives back the
 * same values: `unpackCalls(packCalls(calls))` counts exactly as `calls` do.
 */
import type { ApiCall } from '#events/api-call.schema';

/** The fields of a call that counting it reads (`Templater.templateOf`, `InventoryAggregator.add`). */
export type CountedCall = Pick<
  ApiCall,
  | 'host'
  | 'method'
  | 'path'
  | 'declaredTemplate'
  | 'time'
  | 'status'
  | 'latencyMs'
  | 'bytesIn'
  | 'bytesOut'
  | 'clientIp'
  | 'authScheme'
  | 'tlsProtocol'
  | 'sensitive'
>;

export interface PackedCalls {
  /** Strings repeated within the batch, each once; sensitive-type lists as their JSON. */
  readonly shared: string[];
  /** Per call: path, time, client address (undefined when the call has none). */
  readonly unique: (string | undefined)[];
  /** Per call, INTS_PER_CALL: indexes into `shared` (-1 when absent), then which numbers are present. */
  readonly ints: Int32Array;
  /** Per call: status, latencyMs, bytesIn, bytesOut (0 where absent; `ints` says which). */
  readonly numbers: Float64Array;
}

const INTS_PER_CALL = 7;
const NUMBERS_PER_CALL = 4;
const HAS_LATENCY = 1;
const HAS_BYTES_IN = 2;
const HAS_BYTES_OUT = 4;

/** The buffers a `postMessage` of `packed` can transfer instead of copying. */
export function transferables(packed: PackedCalls): ArrayBuffer[] {
  return [packed.ints.buffer as ArrayBuffer, packed.numbers.buffer as ArrayBuffer];
}

/** `worker.postMessage(packCalls(batch.calls))`: see unpackCalls. */
export function packCalls(calls: readonly CountedCall[]): PackedCalls {
  const shared: string[] = [];
  const index = new Map<string, number>();
  const id = (value: string | undefined): number => {
    if (value === undefined) return -1;
    let i = index.get(value);
    if (i === undefined) index.set(value, (i = shared.push(value) - 1));
    return i;
  };
  const unique: (string | undefined)[] = new Array(calls.length * 3);
  const ints = new Int32Array(calls.length * INTS_PER_CALL);
  const numbers = new Float64Array(calls.length * NUMBERS_PER_CALL);
  for (let c = 0; c < calls.length; c++) {
    const call = calls[c]!;
    unique[c * 3] = call.path;
    unique[c * 3 + 1] = call.time;
    unique[c * 3 + 2] = call.clientIp;
    const i = c * INTS_PER_CALL;
    ints[i] = id(call.host);
    ints[i + 1] = id(call.method);
    ints[i + 2] = id(call.declaredTemplate);
    ints[i + 3] = id(call.authScheme);
    ints[i + 4] = id(call.tlsProtocol);
    // A list is one shared string: its JSON can hold any value, so it splits back exactly.
    ints[i + 5] = call.sensitive === undefined ? -1 : id(JSON.stringify(call.sensitive));
    const n = c * NUMBERS_PER_CALL;
    numbers[n] = call.status;
    let present = 0;
    if (call.latencyMs !== undefined) {
      present |= HAS_LATENCY;
      numbers[n + 1] = call.latencyMs;
    }
    if (call.bytesIn !== undefined) {
      present |= HAS_BYTES_IN;
      numbers[n + 2] = call.bytesIn;
    }
    if (call.bytesOut !== undefined) {
      present |= HAS_BYTES_OUT;
      numbers[n + 3] = call.bytesOut;
    }
    ints[i + 6] = present;
  }
  return { shared, unique, ints, numbers };
}

/** The calls `packCalls` packed, in order, each with the same values (absent fields undefined). */
export function unpackCalls({ shared, unique, ints, numbers }: PackedCalls): CountedCall[] {
  // Lists are parsed once per batch, and calls with the same list share it (nothing mutates it).
  const lists = new Map<number, string[]>();
  const list = (i: number): string[] | undefined => {
    if (i < 0) return undefined;
    let value = lists.get(i);
    if (value === undefined) lists.set(i, (value = JSON.parse(shared[i]!) as string[]));
    return value;
  };
  const count = ints.length / INTS_PER_CALL;
  const calls: CountedCall[] = new Array(count);
  for (let c = 0; c < count; c++) {
    const i = c * INTS_PER_CALL;
    const n = c * NUMBERS_PER_CALL;
    const present = ints[i + 6]!;
    // Every field set, in one order: one object shape for all calls.
    calls[c] = {
      host: shared[ints[i]!]!,
      method: shared[ints[i + 1]!]!,
      path: unique[c * 3]!,
      declaredTemplate: ints[i + 2]! < 0 ? undefined : shared[ints[i + 2]!],
      time: unique[c * 3 + 1]!,
      status: numbers[n]!,
      latencyMs: present & HAS_LATENCY ? numbers[n + 1] : undefined,
      bytesIn: present & HAS_BYTES_IN ? numbers[n + 2] : undefined,
      bytesOut: present & HAS_BYTES_OUT ? numbers[n + 3] : undefined,
      clientIp: unique[c * 3 + 2],
      authScheme: ints[i + 3]! < 0 ? undefined : (shared[ints[i + 3]!] as CountedCall['authScheme']),
      tlsProtocol: ints[i + 4]! < 0 ? undefined : shared[ints[i + 4]!],
      sensitive: list(ints[i + 5]!),
    };
  }
  return calls;
}
