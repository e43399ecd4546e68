import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { parsePlatform } from '../../../src/registry/platform.ts';

const DIGEST = `sha256:${'b'.repeat(64)}`;
const WHERE = 'registry.example/acme/app@sha256:index';

describe('parsePlatform: the platform of an index entry, as the summary shows it', () => {
  const accepted: [string, unknown, string | undefined][] = [
    ['no platform', undefined, undefined],
    ['os and architecture', { os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    ['a variant', { os: 'linux', architecture: 'arm', variant: 'v7' }, 'linux/arm/v7'],
    [
      'dots, dashes and underscores',
      { os: 'windows', architecture: 'x86_64', variant: '10.0.17763-1' },
      'windows/x86_64/10.0.17763-1',
    ],
    [
      'parts of 64 characters',
      { os: 'o'.repeat(64), architecture: 'a'.repeat(64) },
      `${'o'.repeat(64)}/${'a'.repeat(64)}`,
    ],
    [
      'other fields beside them',
      { os: 'linux', architecture: 'amd64', 'os.version': '1', features: [] },
      'linux/amd64',
    ],
  ];
  for (const [name, platform, shown] of accepted) {
    it(`reads ${name}`, () => {
      assert.equal(parsePlatform(platform, DIGEST, WHERE), shown);
    });
  }

  // Each refusal shows what the entry said, escaped: whoever wrote it chose the text of our log.
  const refused: [string, unknown, string][] = [
    ['a string', 'linux/amd64', `'"linux/amd64"'`],
    ['null', null, `'null'`],
    ['an array', ['linux', 'amd64'], `'["linux","amd64"]'`],
    ['no os', { architecture: 'amd64' }, `'amd64'`],
    ['no architecture', { os: 'linux' }, `'linux'`],
    ['an empty os', { os: '', architecture: 'amd64' }, `'/amd64'`],
    ['an empty variant', { os: 'linux', architecture: 'arm', variant: '' }, `'linux/arm/'`],
    ['a number as architecture', { os: 'linux', architecture: 64 }, `'linux/64'`],
    ['an object as variant', { os: 'linux', architecture: 'arm', variant: { v: 7 } }, `'linux/arm/{"v":7}'`],
    ['a 65-character os', { os: 'o'.repeat(65), architecture: 'amd64' }, `'${'o'.repeat(65)}/amd64'`],
    ['a slash inside a part', { os: 'linux/evil', architecture: 'amd64' }, `'linux/evil/amd64'`],
    ['a space inside a part', { os: 'linux', architecture: 'amd 64' }, `'linux/amd 64'`],
    ['a workflow command', { os: '\n::error::pwned', architecture: 'amd64' }, `'\\n::error::pwned/amd64'`],
    ['a character before the grammar', { os: ';linux', architecture: 'amd64' }, `';linux/amd64'`],
    ['a character after the grammar', { os: 'linux;', architecture: 'amd64' }, `'linux;/amd64'`],
  ];
  for (const [name, platform, quoted] of refused) {
    it(`refuses ${name}, naming the index, the entry and what it said`, () => {
      assert.throws(
        () => parsePlatform(platform, DIGEST, WHERE),
        (err: unknown) => {
          assert.ok(err instanceof SignerError, String(err));
          assert.equal(err.code, 'REGISTRY_PROTOCOL');
          assert.ok(
            err.message.startsWith(`${WHERE} lists ${DIGEST} with a platform that is not`),
            err.message,
          );
          assert.ok(err.message.includes(`(${quoted})`), err.message);
          assert.ok(err.message.includes('Not signed'), err.message);
          return true;
        },
      );
    });
  }
});
