import type { Registries, RegistryAccess } from '../../registry/access.ts';
import { isDigest, type Digest } from '../../subjects/reference.ts';
import type { ProvenanceSource, ProvenanceSourceName, SourceEntry } from '../candidate.ts';
import type { ProvenanceVerifier } from './verify.ts';

/** A provenance source that reads the image's own registry: subclasses say where to look for a digest. */
export abstract class RegistryProvenanceSource implements ProvenanceSource {
  abstract readonly name: ProvenanceSourceName;
  protected readonly registries: Registries;
  protected readonly verifier: ProvenanceVerifier;

  constructor(registries: Registries, verifier: ProvenanceVerifier) {
    this.registries = registries;
    this.verifier = verifier;
  }

  find(image: { registry: string; repository: string }, digest: string): Promise<SourceEntry[]> {
    if (!isDigest(digest)) return Promise.resolve([]);
    return this.findIn(this.registries.client(image.registry), image.repository, digest);
  }

  protected abstract findIn(
    client: RegistryAccess,
    repository: string,
    digest: Digest,
  ): Promise<SourceEntry[]>;
}
