import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBlobRace } from '../../../src/registry/access.ts';
import { RegistryHttpError, toRegistryHttpError, toSignerError } from '../../../src/registry/http-error.ts';
import { answer } from './fake-http.ts';

describe('toRegistryHttpError: the distribution-spec error body, read defensively', () => {
  const cases: [string, string, string, readonly string[]][] = [
    [
      'codes and messages',
      '{"errors":[{"code":"MANIFEST_INVALID","message":"bad layer"},{"code":"DIGEST_INVALID","message":"mismatch"}]}',
      'PUT manifest acme/app:v1: HTTP 400 MANIFEST_INVALID, DIGEST_INVALID (bad layer; mismatch)',
      ['MANIFEST_INVALID', 'DIGEST_INVALID'],
    ],
    [
      'messages of some errors only',
      '{"errors":[{"code":"MANIFEST_INVALID","message":"bad layer"},{"code":"DENIED"}]}',
      'PUT manifest acme/app:v1: HTTP 400 MANIFEST_INVALID, DENIED (bad layer)',
      ['MANIFEST_INVALID', 'DENIED'],
    ],
    [
      'a code without a message',
      '{"errors":[{"code":"DENIED"}]}',
      'PUT manifest acme/app:v1: HTTP 400 DENIED',
      ['DENIED'],
    ],
    [
      'a message without a code',
      '{"errors":[{"message":"nope"}]}',
      'PUT manifest acme/app:v1: HTTP 400 (nope)',
      [],
    ],
    ['JSON without errors', '{"detail":"x"}', 'PUT manifest acme/app:v1: HTTP 400', []],
    ['an empty body', '', 'PUT manifest acme/app:v1: HTTP 400', []],
    [
      'plain text, trimmed',
      '  upstream connect error\n',
      'PUT manifest acme/app:v1: HTTP 400 (upstream connect error)',
      [],
    ],
    [
      'codes and messages that would be workflow commands',
      '{"errors":[{"code":"X\\n::error::y","message":"\\n::warning::z"}]}',
      'PUT manifest acme/app:v1: HTTP 400 X\\n::error::y (\\n::warning::z)',
      ['X\n::error::y'],
    ],
  ];
  for (const [name, body, message, codes] of cases) {
    it(`reads ${name}`, async () => {
      const error = await toRegistryHttpError('PUT manifest acme/app:v1', answer(400, body));
      assert.equal(error.message, message);
      assert.deepEqual(error.codes, codes);
      assert.equal(error.status, 400);
      assert.equal(error.name, 'RegistryHttpError');
    });
  }

  it('shows at most 200 characters of a text body', async () => {
    const error = await toRegistryHttpError('GET blob', answer(502, `${'a'.repeat(200)}${'b'.repeat(100)}`));
    assert.equal(error.message, `GET blob: HTTP 502 (${'a'.repeat(200)})`);
  });

  it('reads at most 2 KiB of the body', async () => {
    const padded = `{"errors":[{"code":"DENIED"}]}${' '.repeat(2048)}`;
    const error = await toRegistryHttpError('GET blob', answer(403, padded));
    assert.deepEqual(error.codes, ['DENIED']);
    const cut = await toRegistryHttpError(
      'GET blob',
      answer(403, `${' '.repeat(2048)}{"errors":[{"code":"DENIED"}]}`),
    );
    assert.deepEqual(cut.codes, []);
  });

  it('takes a body that cannot be read as empty', async () => {
    const error = await toRegistryHttpError('GET blob', {
      status: 500,
      text: () => Promise.reject(new Error('socket hang up')),
    });
    assert.equal(error.message, 'GET blob: HTTP 500');
  });
});

describe('RegistryHttpError.temporary', () => {
  const cases: [number, string[], boolean][] = [
    [429, [], true],
    [500, [], true],
    [503, [], true],
    [501, [], true],
    [499, [], false],
    [404, [], false],
    [400, ['TOOMANYREQUESTS'], true],
    [400, ['DENIED'], false],
  ];
  for (const [status, codes, temporary] of cases) {
    it(`${temporary ? 'is' : 'is not'} worth another try on HTTP ${status} ${codes.join(',')}`, () => {
      assert.equal(new RegistryHttpError('GET', status, codes, '').temporary, temporary);
    });
  }
});

describe('blobRace: a manifest refused because its blob is not there yet', () => {
  const raced = (codes: string[], status = 400) => new RegistryHttpError('PUT manifest', status, codes, '');
  const cases: [string, RegistryHttpError, boolean][] = [
    ['MANIFEST_BLOB_UNKNOWN', raced(['MANIFEST_BLOB_UNKNOWN']), true],
    ['BLOB_UNKNOWN', raced(['BLOB_UNKNOWN']), true],
    ['DIGEST_INVALID', raced(['DENIED', 'DIGEST_INVALID']), true],
    ['another code', raced(['MANIFEST_INVALID']), false],
    ['no code', raced([]), false],
    ['the code with another status', raced(['BLOB_UNKNOWN'], 404), false],
  ];
  for (const [name, err, race] of cases) {
    it(`${race ? 'is' : 'is not'} a race: ${name}`, () => {
      assert.equal(err.blobRace, race);
      // Past the RegistryAccess boundary, publishers read it from the error code.
      assert.equal(isBlobRace(toSignerError('registry.example', err, { manifestPush: true })), race);
    });
  }

  it('is not a race: an error that did not come through the boundary', () => {
    assert.equal(isBlobRace(new Error('wrapped', { cause: raced(['BLOB_UNKNOWN']) })), false);
    assert.equal(isBlobRace('BLOB_UNKNOWN'), false);
  });
});
