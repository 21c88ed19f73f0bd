import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

import { generate } from 'selfsigned';

/** The self-signed certificate made at start; it is its own CA, so clients trust exactly it. */
export interface SimulatorCertificate {
  /** PEM; pass it as the CA (`ca`) of a TLS client. */
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex, as `openssl x509 -fingerprint` prints. */
  readonly fingerprint256: string;
  /** SHA-1 thumbprint without separators, as VBR's `serverCertificate.thumbprint` gives it. */
  readonly thumbprint: string;
  readonly serialNumber: string;
  readonly subject: string;
  readonly validFrom: string;
  readonly validTo: string;
}

export async function createCertificate(
  extraHostnames: readonly string[],
): Promise<SimulatorCertificate> {
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...extraHostnames])];
  const now = Date.now();
  const generated = await generate(
    [{ name: 'commonName', value: 'Veeam Backup Server Certificate (simulator)' }],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now - 86_400_000),
      notAfterDate: new Date(now + 365 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: names.map((name) =>
            isIP(name) ? { type: 7, ip: name } : { type: 2, value: name },
          ),
        },
      ],
    },
  );
  const x509 = new X509Certificate(generated.cert);
  return {
    certificatePem: generated.cert,
    privateKeyPem: generated.private,
    fingerprint256: x509.fingerprint256,
    thumbprint: x509.fingerprint.replaceAll(':', ''),
    serialNumber: x509.serialNumber,
    subject: x509.subject,
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
  };
}
