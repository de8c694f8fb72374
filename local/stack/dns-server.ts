/**
 * A small authoritative DNS server on loopback (UDP, dns2): the demo estate's zone, and the
 * callback listener Surveyor runs for Log4Shell checks. Names it does not know get NXDOMAIN.
 */
import dns2 from 'dns2';

export interface ZoneRecords {
  readonly a?: readonly string[];
  readonly aaaa?: readonly string[];
  readonly cname?: string;
  readonly txt?: readonly string[];
}

export interface DnsServer {
  /** `127.0.2.53:18253`, for `dnsServerLookup` and `dns.Resolver.setServers`. */
  readonly address: string;
  close(): Promise<void>;
}

export interface DnsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly records: (name: string) => ZoneRecords | undefined;
  /** Called with every queried name (lower case), answered or not. */
  readonly onQuery?: (name: string) => void;
}

const { Packet } = dns2;

export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const server = dns2.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    const question = request.questions[0];
    if (question === undefined) return void send(response);
    const name = question.name.toLowerCase().replace(/\.$/, '');
    options.onQuery?.(name);
    const records = options.records(name);
    if (records === undefined) {
      response.header.rcode = 3; // NXDOMAIN
      return void send(response);
    }
    const base = { name: question.name, class: Packet.CLASS.IN, ttl: 60 };
    // dns2's types want Resource instances; its encoder reads plain objects of these shapes.
    const answer = (record: Record<string, unknown>) =>
      response.answers.push(record as unknown as dns2.Packet.Resource);
    if (records.cname !== undefined) {
      answer({ ...base, type: Packet.TYPE.CNAME, domain: records.cname });
    }
    if (question.type === Packet.TYPE.A) {
      for (const address of records.a ?? []) answer({ ...base, type: Packet.TYPE.A, address });
    } else if (question.type === Packet.TYPE.AAAA) {
      for (const address of records.aaaa ?? []) answer({ ...base, type: Packet.TYPE.AAAA, address });
    } else if (question.type === Packet.TYPE.TXT) {
      for (const data of records.txt ?? []) answer({ ...base, type: Packet.TYPE.TXT, data });
    }
    send(response);
  });
  await server.listen(options.port, options.host);
  const { address, port } = server.address();
  return {
    address: `${address}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
