import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { parseImageIndex, parseImageManifest } from '../../../src/registry/manifest.ts';
import { OCI_EMPTY, OCI_INDEX, OCI_MANIFEST } from '../../../src/registry/media-types.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const descriptor = { mediaType: OCI_MANIFEST, digest: DIGEST, size: 10 };
const WHAT = 'acme/app:sha256-aaaa';
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const malformed =
  (why: string) =>
  (err: unknown): boolean => {
    assert.ok(err instanceof SignerError, String(err));
    assert.equal(err.code, 'REGISTRY_PROTOCOL');
    assert.equal(err.message, `${WHAT} is not a valid OCI manifest: ${why}.`);
    return true;
  };

/** Descriptors that are refused wherever they appear, and why. */
const BAD_DESCRIPTORS: [string, unknown, string][] = [
  ['a string', 'sha256:aaaa', 'a descriptor is not an object'],
  ['null', null, 'a descriptor is not an object'],
  ['an array', [descriptor], 'a descriptor is not an object'],
  ['no mediaType', { digest: DIGEST, size: 1 }, 'a descriptor has no mediaType'],
  ['a numeric mediaType', { ...descriptor, mediaType: 1 }, 'a descriptor has no mediaType'],
  ['no digest', { mediaType: OCI_MANIFEST, size: 1 }, "descriptor digest 'undefined' is not sha256"],
  [
    'a sha512 digest',
    { ...descriptor, digest: `sha512:${'a'.repeat(128)}` },
    `descriptor digest 'sha512:${'a'.repeat(128)}' is not sha256`,
  ],
  [
    'a digest with a newline',
    { ...descriptor, digest: 'sha256:\n::error::x' },
    "descriptor digest 'sha256:\\n::error::x' is not sha256",
  ],
  ['a numeric digest', { ...descriptor, digest: 7 }, "descriptor digest '7' is not sha256"],
  ['no size', { mediaType: OCI_MANIFEST, digest: DIGEST }, 'a descriptor has no valid size'],
  ['a string size', { ...descriptor, size: '10' }, 'a descriptor has no valid size'],
  ['a negative size', { ...descriptor, size: -1 }, 'a descriptor has no valid size'],
  ['a fractional size', { ...descriptor, size: 1.5 }, 'a descriptor has no valid size'],
  ['a size beyond 2^53', { ...descriptor, size: 2 ** 53 }, 'a descriptor has no valid size'],
];

describe('parseImageIndex', () => {
  it('returns the index with every field of every entry kept verbatim', () => {
    const entry = {
      ...descriptor,
      artifactType: 'application/x',
      annotations: { a: 'b' },
      unknownField: [1],
    };
    const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [entry], annotations: { c: 'd' } };
    assert.deepEqual(parseImageIndex(json(index), WHAT), index);
  });

  it('accepts an empty list and a size of 0', () => {
    assert.deepEqual(parseImageIndex(json({ manifests: [] }), WHAT).manifests, []);
    assert.equal(
      parseImageIndex(json({ manifests: [{ ...descriptor, size: 0 }] }), WHAT).manifests[0]?.size,
      0,
    );
  });

  const refused: [string, Buffer, string][] = [
    ['bytes that are not JSON', Buffer.from('<html>'), 'it is not JSON'],
    ['a JSON array', json([descriptor]), 'it is not a JSON object'],
    ['JSON null', json(null), 'it is not a JSON object'],
    ['no manifests list', json({ schemaVersion: 2 }), 'it has no manifests list'],
    ['manifests that are an object', json({ manifests: { 0: descriptor } }), 'it has no manifests list'],
  ];
  for (const [name, bytes, why] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => parseImageIndex(bytes, WHAT), malformed(why));
    });
  }

  for (const [name, entry, why] of BAD_DESCRIPTORS) {
    it(`refuses an entry with ${name}, after good ones`, () => {
      assert.throws(() => parseImageIndex(json({ manifests: [descriptor, entry] }), WHAT), malformed(why));
    });
  }
});

describe('parseImageManifest', () => {
  const config = { mediaType: OCI_EMPTY, digest: DIGEST, size: 2 };

  it('returns the manifest with its subject and every field kept', () => {
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config,
      layers: [descriptor],
      subject: descriptor,
      annotations: { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z' },
    };
    assert.deepEqual(parseImageManifest(json(manifest), WHAT), manifest);
  });

  it('accepts a manifest without a subject', () => {
    const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [] };
    assert.deepEqual(parseImageManifest(json(manifest), WHAT), manifest);
  });

  const refused: [string, unknown, string][] = [
    ['a JSON string', 'manifest', 'it is not a JSON object'],
    ['no layers list', { config }, 'it has no layers list'],
    ['layers that are a string', { config, layers: 'none' }, 'it has no layers list'],
    ['no config', { layers: [] }, 'a descriptor is not an object'],
    [
      'a bad layer after a good one',
      { config, layers: [descriptor, { ...descriptor, size: -5 }] },
      'a descriptor has no valid size',
    ],
    [
      'a bad subject',
      { config, layers: [], subject: { ...descriptor, digest: 'sha256:short' } },
      "descriptor digest 'sha256:short' is not sha256",
    ],
    ['a null subject', { config, layers: [], subject: null }, 'a descriptor is not an object'],
  ];
  for (const [name, value, why] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => parseImageManifest(json(value), WHAT), malformed(why));
    });
  }

  it('refuses bytes that are not JSON', () => {
    assert.throws(() => parseImageManifest(Buffer.from('{"layers":'), WHAT), malformed('it is not JSON'));
  });

  for (const [name, layer, why] of BAD_DESCRIPTORS) {
    it(`refuses a layer with ${name}`, () => {
      assert.throws(() => parseImageManifest(json({ config, layers: [layer] }), WHAT), malformed(why));
    });
  }
});
