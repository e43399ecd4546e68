import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SignerError } from '../../../src/errors.ts';
import { readConfig, type InputSource } from '../../../src/inputs.ts';
import { parseProvenancePolicy } from '../../../src/provenance/exceptions.ts';
import { readPrivateKey } from '../../../src/sigstore/cosign-key.ts';
import { parseBuildMetadata } from '../../../src/subjects/build-push.ts';
import { parseGoreleaserArtifacts } from '../../../src/subjects/goreleaser.ts';
import { parseImageRef, type Digest } from '../../../src/subjects/reference.ts';
import { readPolicyText } from '../../../src/provenance/policy-file.ts';
import { readProvenance } from '../../../src/provenance/provenance-inputs.ts';
import { parsePlatform } from '../../../src/registry/platform.ts';
import type { RegistryPool } from '../../../src/registry/pool.ts';
import { resolveTargets } from '../../../src/registry/resolve.ts';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

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
    assert.ok(err.code.length > 0);
    assert.doesNotMatch(err.message, /\n\s+at /, 'no stack trace in the message');
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

  it('provenance policy files', async () => {
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
    await fc.assert(
      fc.asyncProperty(yamlish, (text) => namedErrorOrSuccessAsync(() => parseProvenancePolicy(text))),
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

  it('every input at once, as the runner passes them: only named errors, before any network call', async () => {
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
      'provenance-key',
      'provenance-policy',
    ];
    const inputs = fc.record(
      Object.fromEntries(names.map((name) => [name, fc.oneof(fc.string(), fc.constant(''))])) as Record<
        string,
        fc.Arbitrary<string>
      >,
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (values) => {
        const source: InputSource = {
          get: (name) =>
            values[name] ??
            (name === 'key' ? '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----' : ''),
          env: () => undefined,
          mask: () => undefined,
        };
        await namedErrorOrSuccessAsync(() => readConfig(source));
      }),
      { numRuns: RUNS },
    );
  });

  it('index platforms: refused by name, or os/arch[/variant] with nothing a log could run', () => {
    const part = fc.oneof(
      fc.constantFrom('linux', 'amd64', 'v8', '', '::error::x', '\n', 'a/b'),
      fc.string(),
    );
    const platform = fc.oneof(
      fc.jsonValue(),
      fc.record({ os: part, architecture: part }, { requiredKeys: [] }),
      fc.record({ os: part, architecture: part, variant: fc.oneof(part, fc.integer()) }),
    );
    fc.assert(
      fc.property(platform, (value) =>
        namedErrorOrSuccess(() => {
          const shown = parsePlatform(value, DIGEST, 'test');
          if (shown !== undefined) assert.match(shown, /^[\w.-]+\/[\w.-]+(\/[\w.-]+)?$/);
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('duplicate-heavy and nested indexes: each digest once, or a named refusal', async () => {
    const digests = Array.from({ length: 6 }, (_, i): Digest => `sha256:${String(i).repeat(64)}`);
    const entry = fc.record({
      digest: fc.constantFrom(...digests),
      nested: fc.boolean(),
      platform: fc.oneof(fc.constant(undefined), fc.constant({ os: 'linux', architecture: 'amd64' })),
    });
    // Six manifests, each an index of up to 300 entries (or a plain manifest), drawn with repeats.
    const store = fc.array(fc.array(entry, { maxLength: 300 }), { minLength: 6, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(store, async (lists) => {
        const manifests = new Map(
          digests.map((digest, i) => {
            const entries = (lists[i] ?? []).map((e) => ({
              mediaType: e.nested
                ? 'application/vnd.oci.image.index.v1+json'
                : 'application/vnd.oci.image.manifest.v1+json',
              digest: e.digest,
              size: 1,
              ...(e.platform ? { platform: e.platform } : {}),
            }));
            const body = {
              schemaVersion: 2,
              mediaType: 'application/vnd.oci.image.index.v1+json',
              manifests: entries,
            };
            return [digest, { digest, mediaType: body.mediaType, bytes: Buffer.from(JSON.stringify(body)) }];
          }),
        );
        const pool = {
          client: () => ({
            getManifest: async (_repository: string, reference: string) => manifests.get(reference as Digest),
          }),
        } as unknown as RegistryPool;
        const image = { registry: 'r.example', repository: 'a/b', digest: digests[0] as Digest };
        await namedErrorOrSuccessAsync(async () => {
          const targets = await resolveTargets(image, pool, { recursive: true, attestationManifests: true });
          const seen = targets.map((target) => target.image.digest);
          assert.equal(new Set(seen).size, seen.length, 'each digest once');
          assert.ok(seen.length <= digests.length);
        });
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });

  it('provenance-key: a public key, or a refusal naming the input', async () => {
    const pem = fc.oneof(
      fc.string(),
      fc.constantFrom('hello', '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----'),
      fc.base64String().map((b) => `-----BEGIN PUBLIC KEY-----\n${b}\n-----END PUBLIC KEY-----`),
    );
    await fc.assert(
      fc.asyncProperty(pem, async (value) => {
        const source: InputSource = {
          get: (name) => (name === 'provenance-key' ? value : ''),
          env: (name) => (name === 'GITHUB_REPOSITORY' ? 'acme/app' : undefined),
          mask: () => undefined,
        };
        try {
          await readProvenance(source);
        } catch (err) {
          assert.ok(err instanceof SignerError, String(err));
          assert.match(err.message, /^Input 'provenance-key': /);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('provenance-policy paths: read only from inside the workspace, refusals never quote a file', () => {
    const root = mkdtempSync(join(tmpdir(), 'rs-fuzz-policy-'));
    const workspace = join(root, 'ws');
    mkdirSync(join(workspace, 'sub'), { recursive: true });
    writeFileSync(join(root, 'outside.yml'), 'hunter2: outside\n');
    writeFileSync(join(workspace, 'sub', 'inside.yml'), 'images: {}\n');
    const segment = fc.constantFrom('..', '.', 'sub', 'inside.yml', 'outside.yml', 'ws', '', 'x.json');
    const path = fc.oneof(
      fc.array(segment, { maxLength: 5 }).map((parts) => parts.join('/')),
      fc.array(segment, { maxLength: 5 }).map((parts) => join(root, ...parts)),
      fc.string(),
    );
    fc.assert(
      fc.property(path, (value) => {
        try {
          const text = readPolicyText(value, workspace);
          if (text !== value) {
            const inside = relative(workspace, resolve(workspace, value.trim()));
            assert.ok(!inside.startsWith('..'), `read ${value}`);
          }
        } catch (err) {
          assert.ok(err instanceof SignerError, String(err));
          assert.match(err.message, /^Input 'provenance-policy': /);
          assert.doesNotMatch(err.message, /hunter2/);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
