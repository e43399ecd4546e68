import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { FRESH_READ_MS, settleDelayMs } from '../../../src/registry/settle.ts';
import { toLegacySignature } from '../../../src/signatures/legacy-layer.ts';
import { LegacySigPublisher } from '../../../src/signatures/legacy-sig.ts';
import { toSimpleSigningPayload } from '../../../src/signatures/payload.ts';
import { poolOf, targetOf, throwawaySigner } from './fixtures.ts';
import { MemoryRegistry } from './memory-registry.ts';

// Own file: the longest write window is remembered for the whole process, and only grows.
describe('LegacySigPublisher: the read-to-write window the end-of-run pause is built from', () => {
  beforeEach(() => mock.timers.enable({ apis: ['Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('holds the manifest write alone when the read findExisting kept serves: blobs go up before it opens', async () => {
    const registry = new MemoryRegistry();
    const upload = registry.putBlob.bind(registry);
    registry.putBlob = async (...args) => {
      mock.timers.tick(40);
      return upload(...args);
    };
    const target = targetOf('an image signed once');
    const signer = throwawaySigner();
    const payload = toSimpleSigningPayload(target.image, {});
    const publisher = new LegacySigPublisher({
      registries: poolOf(registry),
      verification: signer.verification,
      requireLogEntry: false,
    });
    assert.equal(await publisher.findExisting(target, payload), undefined);
    const record = await publisher.publish(
      target,
      toLegacySignature(payload, await signer.messages.create({ data: payload })),
    );
    assert.equal(record.added, true);
    // Both blobs were uploaded (80 ms on this clock) before the window opened; the manifest took none.
    assert.deepEqual(
      registry.writes.map((write) => write.split(' ')[0]),
      ['BLOB', 'BLOB', 'PUT'],
    );
    assert.equal(settleDelayMs(), FRESH_READ_MS);
  });
});
