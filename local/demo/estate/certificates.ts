/**
 * Certificates for the demo estate, made in memory: a demo root CA (trusted by the scan through
 * `--ca-file` or the local stack's settings), an unknown CA, and leaves with any names, dates and key
 * size. Keys come from node:crypto (fast); node-forge writes and signs the certificates.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface KeyPair {
  readonly privatePem: string;
  readonly publicPem: string;
}

export interface Issued {
  readonly cert: string;
  readonly key: string;
}

export interface Authority extends Issued {
  readonly name: string;
  readonly keys: KeyPair;
}

export function rsaKeys(bits: number): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const DAY = 86_400_000;

export interface LeafOptions {
  readonly names: readonly string[];
  readonly keys: KeyPair;
  /** Signed by this authority; omitted: self-signed. */
  readonly issuer?: Authority;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

export function certificateAuthority(name: string, keys: KeyPair = rsaKeys(2048)): Authority {
  const cert = build(
    [
      { name: 'commonName', value: name },
      { name: 'organizationName', value: 'Surveyor demo' },
    ],
    keys,
    undefined,
    new Date(Date.now() - 30 * DAY),
    new Date(Date.now() + 3650 * DAY),
    [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  );
  return { name, keys, cert, key: keys.privatePem };
}

export function leafCertificate(options: LeafOptions): Issued {
  const subject = [{ name: 'commonName', value: options.names[0]! }];
  const cert = build(
    subject,
    options.keys,
    options.issuer,
    options.notBefore ?? new Date(Date.now() - DAY),
    options.notAfter ?? new Date(Date.now() + 365 * DAY),
    [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: options.names.map((value) => ({ type: 2, value })) },
    ],
  );
  return { cert, key: options.keys.privatePem };
}

function build(
  subject: forge.pki.CertificateField[],
  keys: KeyPair,
  issuer: Authority | undefined,
  notBefore: Date,
  notAfter: Date,
  extensions: object[],
): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(subject);
  cert.setIssuer(
    issuer === undefined ? subject : forge.pki.certificateFromPem(issuer.cert).subject.attributes,
  );
  cert.setExtensions(extensions);
  const signer = issuer?.keys.privatePem ?? keys.privatePem;
  cert.sign(forge.pki.privateKeyFromPem(signer) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}
