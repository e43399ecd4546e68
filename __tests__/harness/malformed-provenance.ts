import { pushBlob, pushManifest, type PushedManifest } from './fixtures.ts';
import { SLSA_V1 } from './provenance.ts';
import type { TestRegistry } from './registry.ts';

/** How a pushed `.att` entry is broken: its envelope is no JSON, or its payload is no in-toto statement. */
export type MalformedAttestation = 'envelope-not-json' | 'payload-not-a-statement';

/**
 * A cosign legacy attestation (`sha256-<hex>.att`) whose only DSSE layer cannot be read: anyone with push
 * access to the repository can write one.
 */
export async function pushMalformedAttestation(
  registry: TestRegistry,
  repository: string,
  subject: PushedManifest,
  kind: MalformedAttestation,
): Promise<void> {
  const envelope =
    kind === 'envelope-not-json'
      ? Buffer.from('{"payloadType": "application/vnd.in-toto+json", "payload": ')
      : Buffer.from(
          JSON.stringify({
            payloadType: 'application/vnd.in-toto+json',
            payload: Buffer.from('not a statement').toString('base64'),
            signatures: [{ sig: Buffer.from('no signature').toString('base64') }],
          }),
        );
  const config = await pushBlob(registry, repository, Buffer.from('{}'));
  const layer = await pushBlob(registry, repository, envelope);
  await pushManifest(registry, repository, `${subject.digest.replace(':', '-')}.att`, {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: config.digest,
      size: config.size,
    },
    layers: [
      {
        mediaType: 'application/vnd.dsse.envelope.v1+json',
        digest: layer.digest,
        size: layer.size,
        annotations: { predicateType: SLSA_V1 },
      },
    ],
  });
}
