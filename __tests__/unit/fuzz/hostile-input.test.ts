import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SignerError } from '../../../src/errors.ts';
import { readConfig, type InputSource } from '../../../src/inputs.ts';
import { parseProvenancePolicy } from '../../../src/provenance/exceptions.ts';
import { readPrivateKey } from '../../../src/sigstore/cosign-key.ts';
import { parseBuildMetadata } from '../../../src/subjects/build-push.ts';
import { parseGoreleaserArtifacts } from '../../../src/subjects/goreleaser.ts';
import { parseImageRef } from '../../../src/subjects/reference.ts';

/** 10,000 cases each in the nightly mode (FUZZ_RUNS=10000), fewer in CI. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

async function namedErrorOrSuccessAsync(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof SignerError))
      throw new Error(`unnamed ${err instanceof Error ? err.name : typeof err}: ${String(err)}`, {
        cause: err,
      });
  }
}

/** Every hostile input ends in success or a named error (a SignerError with a code), never anything else. */
function namedErrorOrSuccess(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof SignerError))
      throw new Error(`unnamed ${err instanceof Error ? err.name : typeof err}: ${String(err)}`, {
        cause: err,
      });
    assert.ok(err.code.length > 0);
    assert.doesNotMatch(err.message, /\n\s+at /, 'no stack trace in the message');
  }
}

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const imageish = fc.oneof(
  fc.string(),
  fc
    .constantFrom('ghcr.io/a/b', 'a', 'localhost:5000/x/y', 'index.docker.io/library/alpine', '127.0.0.1/a')
    .chain((name) =>
      fc
        .tuple(fc.constant(name), fc.string(), fc.oneof(fc.constant(DIGEST), fc.string()))
        .map(([n, tag, digest]) => `${n}:${tag}@${digest}`),
    ),
);
const jsonish = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
);

describe('hostile input never crashes and is never half-accepted', () => {
  it('image references', () =>
    fc.assert(
      fc.property(imageish, (text) => namedErrorOrSuccess(() => parseImageRef(text, 'test'))),
      { numRuns: RUNS },
    ));

  it("goreleaser's artifacts.json", () => {
    const artifact = fc.record({
      name: fc.oneof(fc.string(), imageish),
      type: fc.constantFrom('Docker Image', 'Published Docker Image', 'Docker Manifest', 'Archive', ''),
      extra: fc.oneof(
        fc.constant(null),
        fc.record({ Digest: fc.oneof(fc.constant(DIGEST), fc.string(), fc.integer()) }),
      ),
    });
    const documents = fc.oneof(
      jsonish,
      fc.array(artifact).map((list) => JSON.stringify(list)),
    );
    fc.assert(
      fc.property(documents, (json) =>
        namedErrorOrSuccess(() => parseGoreleaserArtifacts(json, 'all', 'test')),
      ),
      { numRuns: RUNS },
    );
  });

  it('build-push metadata', () => {
    const metadata = fc.record({
      'containerimage.digest': fc.oneof(fc.constant(DIGEST), fc.string()),
      'image.name': fc.oneof(fc.string(), imageish),
    });
    const documents = fc.oneof(
      jsonish,
      metadata.map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(documents, (json) => namedErrorOrSuccess(() => parseBuildMetadata(json))),
      { numRuns: RUNS },
    );
  });

  it('provenance policy files', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .dictionary(
          fc.constantFrom('images', 'repositories', 'x'),
          fc.dictionary(fc.string(), fc.jsonValue()),
        )
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(yamlish, (text) => namedErrorOrSuccess(() => parseProvenancePolicy(text))),
      { numRuns: RUNS },
    );
  });

  it('keys', async () => {
    const label = fc.constantFrom(
      'ENCRYPTED SIGSTORE PRIVATE KEY',
      'ENCRYPTED COSIGN PRIVATE KEY',
      'PRIVATE KEY',
      'EC PRIVATE KEY',
      'PUBLIC KEY',
    );
    const body = fc.oneof(
      fc.base64String(),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64')),
      fc.string(),
    );
    const pem = fc.oneof(
      fc.string(),
      fc.tuple(label, body).map(([l, b]) => `-----BEGIN ${l}-----\n${b}\n-----END ${l}-----`),
    );
    await fc.assert(
      fc.asyncProperty(pem, fc.string(), (text, password) =>
        namedErrorOrSuccessAsync(() => readPrivateKey(text, password)),
      ),
      { numRuns: Math.min(RUNS, 200) },
    );
  });

  it('every input at once, as the runner passes them: only named errors, before any network call', () => {
    const names = [
      'images',
      'annotations',
      'signature-format',
      'tlog-upload',
      'concurrency',
      'provenance',
      'provenance-sources',
      'dry-run',
      'rekor-url',
      'signature-repository',
      'provenance-identity-regex',
    ];
    const inputs = fc.record(
      Object.fromEntries(names.map((name) => [name, fc.oneof(fc.string(), fc.constant(''))])) as Record<
        string,
        fc.Arbitrary<string>
      >,
    );
    fc.assert(
      fc.property(inputs, (values) => {
        const source: InputSource = {
          get: (name) =>
            values[name] ??
            (name === 'key' ? '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----' : ''),
          env: () => undefined,
          mask: () => undefined,
        };
        namedErrorOrSuccess(() => readConfig(source));
      }),
      { numRuns: RUNS },
    );
  });
});
