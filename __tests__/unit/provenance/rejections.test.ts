import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  rankRejections,
  renderRejection,
  SOURCE_UNREADABLE,
  type Rejection,
} from '../../../src/provenance/rejections.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;

const rejected = (check: string, source?: string, found = 'x'): Rejection => ({
  failure: { check, expected: 'y', found },
  digest: DIGEST,
  ...(source ? { source } : {}),
});

describe('rankRejections', () => {
  it('names nothing when nothing was rejected', () => {
    assert.equal(rankRejections([]), undefined);
  });

  describe('when a verified statement failed a check', () => {
    it('names it before a bad signature, an unreadable source, another kind of statement and "none found"', () => {
      const ranked = rankRejections([
        rejected('present'),
        rejected('predicate-type', 'buildkit'),
        rejected(SOURCE_UNREADABLE, 'github', 'ENOTFOUND api.github.com'),
        rejected('signature', 'cosign'),
        rejected('revision', 'referrers'),
      ]);
      assert.equal(ranked?.first.failure.check, 'revision');
      assert.equal(ranked?.first.source, 'referrers');
      assert.deepEqual(ranked?.others, [
        "cosign provenance, 'signature': expected y, found x",
        'github provenance unreadable: ENOTFOUND api.github.com',
        "buildkit provenance, 'predicate-type': expected y, found x",
        "'present': expected y, found x",
      ]);
    });

    it('keeps the order the sources were asked in among equals', () => {
      const ranked = rankRejections([rejected('builder', 'cosign'), rejected('revision', 'referrers')]);
      assert.equal(ranked?.first.failure.check, 'builder');
    });
  });

  describe('when no statement could be judged', () => {
    it('names the unreadable source before "none found"', () => {
      const ranked = rankRejections([
        rejected('present'),
        rejected(SOURCE_UNREADABLE, 'cosign', 'unexpected token'),
      ]);
      assert.equal(ranked?.first.failure.check, SOURCE_UNREADABLE);
      assert.equal(ranked?.first.source, 'cosign');
      assert.deepEqual(ranked?.others, ["'present': expected y, found x"]);
    });
  });

  it('lists each other reason once, a few at most, and shortens long ones', () => {
    const ranked = rankRejections([
      rejected('revision', 'github'),
      rejected(SOURCE_UNREADABLE, 'cosign', 'same'),
      rejected(SOURCE_UNREADABLE, 'cosign', 'same'),
      ...['1', '2', '3', '4', '5'].map((n) => rejected('present', undefined, n)),
      rejected('signature', 'referrers', 'z'.repeat(500)),
    ]);
    const others = ranked?.others ?? [];
    assert.equal(others.length, 5);
    assert.equal(others.filter((line) => line.includes('same')).length, 1);
    assert.ok((others[0] ?? '').length <= 200 && (others[0] ?? '').endsWith('…'), others[0]);
    assert.equal(others.at(-1), '3 more');
  });
});

describe('renderRejection and rankRejections: the short lines', () => {
  it('counts an unsigned statement as little as a bad signature', () => {
    const ranked = rankRejections([rejected('signed', 'buildkit'), rejected('builder', 'cosign')]);
    assert.equal(ranked?.first.failure.check, 'builder');
    assert.deepEqual(ranked?.others, ["buildkit provenance, 'signed': expected y, found x"]);
  });

  it('ranks a bad signature before an unreadable source', () => {
    const ranked = rankRejections([rejected(SOURCE_UNREADABLE, 'github'), rejected('signed', 'buildkit')]);
    assert.equal(ranked?.first.failure.check, 'signed');
  });

  it('names an unreadable source without a name as a source', () => {
    assert.equal(
      renderRejection(rejected(SOURCE_UNREADABLE, undefined, 'HTTP 503')),
      'a source provenance unreadable: HTTP 503',
    );
  });

  it('does not repeat the rejection it names among the others', () => {
    assert.deepEqual(
      rankRejections([rejected('builder', 'cosign'), rejected('builder', 'cosign')])?.others,
      [],
    );
  });

  it('lists four others in full, and says how many more there are past four', () => {
    const four = ['1', '2', '3', '4'].map((n) => rejected('present', undefined, n));
    assert.equal(rankRejections([rejected('builder'), ...four])?.others.length, 4);
    const five = rankRejections([rejected('builder'), ...four, rejected('present', undefined, '5')]);
    assert.equal(five?.others.length, 5);
    assert.equal(five?.others.at(-1), '1 more');
  });

  it('keeps a line of 200 characters whole and cuts one of 201', () => {
    const prefix = "'builder': expected y, found ".length;
    const exactly = renderRejection(rejected('builder', undefined, 'z'.repeat(200 - prefix)));
    assert.equal(exactly.length, 200);
    assert.ok(!exactly.endsWith('…'));
    const longer = renderRejection(rejected('builder', undefined, 'z'.repeat(201 - prefix)));
    assert.equal(longer.length, 200);
    assert.ok(longer.endsWith('z…'));
  });
});
