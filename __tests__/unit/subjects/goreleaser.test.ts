import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignerError } from '../../../src/errors.ts';
import { parseGoreleaserArtifacts, type ArtifactTypeFilter } from '../../../src/subjects/goreleaser.ts';

const digest = (byte: string): string => `sha256:${byte.repeat(64)}`;
const HOST = 'registry.example:5000';

// One entry of each kind goreleaser v2.18 writes, field for field (internal/artifact/artifact.go).
const DOCKERS_V2 = {
  name: `${HOST}/acme/v2:v1`,
  path: `${HOST}/acme/v2:v1`,
  type: 'Docker Image',
  extra: { Digest: digest('1'), ID: 'v2', Platforms: ['linux/amd64'] },
};
const LEGACY_UNPUSHED = {
  name: `${HOST}/acme/legacy:v1-amd64`,
  path: `${HOST}/acme/legacy:v1-amd64`,
  goos: 'linux',
  goarch: 'amd64',
  type: 'Docker Image',
  extra: { DockerConfig: { image_templates: [`${HOST}/acme/legacy:v1-amd64`] } },
};
const LEGACY_PUBLISHED = {
  name: `${HOST}/acme/legacy:v1-amd64`,
  path: `${HOST}/acme/legacy:v1-amd64`,
  goos: 'linux',
  goarch: 'amd64',
  type: 'Published Docker Image',
  extra: { Digest: digest('2'), ID: 'legacy' },
};
const MANIFEST = {
  name: `${HOST}/acme/legacy:v1`,
  path: `${HOST}/acme/legacy:v1`,
  type: 'Docker Manifest',
  extra: { Digest: digest('3'), ID: 'legacy-manifest' },
};
const KO_V2_18 = {
  name: `${HOST}/acme/ko`,
  path: `${HOST}/acme/ko`,
  type: 'Docker Manifest',
  extra: { Digest: digest('4'), ID: 'ko' },
};
const ARCHIVE = { name: 'app.tar.gz', path: 'dist/app.tar.gz', type: 'Archive', extra: {} };
const EVERY_KIND = [ARCHIVE, DOCKERS_V2, LEGACY_UNPUSHED, LEGACY_PUBLISHED, MANIFEST, KO_V2_18];

const parse = (entries: unknown[], filter: ArtifactTypeFilter) =>
  parseGoreleaserArtifacts(JSON.stringify(entries), filter, "Input 'goreleaser-artifacts'");

describe('parseGoreleaserArtifacts', () => {
  describe("when filtering as goreleaser's docker_signs.artifacts (internal/pipe/sign/sign_docker.go)", () => {
    const table: [ArtifactTypeFilter, string[]][] = [
      ['', [digest('1')]],
      ['images', [digest('1'), digest('2')]],
      ['manifests', [digest('1'), digest('3'), digest('4')]],
      ['all', [digest('1'), digest('2'), digest('3'), digest('4')]],
      ['none', []],
    ];
    for (const [filter, digests] of table) {
      it(`'${filter}' chooses ${digests.length} image(s), never the legacy image before its push`, () => {
        const chosen = parse(EVERY_KIND, filter);
        assert.deepEqual(
          chosen.images.map((image) => image.digest),
          digests,
        );
        assert.deepEqual(chosen.skipped, []);
      });
    }
  });

  describe('when the filter matches nothing', () => {
    it('says so, and which filter would sign what is there, instead of failing', () => {
      const chosen = parse([ARCHIVE, KO_V2_18], '');
      assert.deepEqual(chosen.images, []);
      assert.match(chosen.nothingMatched ?? '', /matched no image/);
      assert.match(chosen.nothingMatched ?? '', /1 Docker Manifest/);
    });

    it("says 'none' signs nothing", () => {
      assert.match(parse([KO_V2_18], 'none').nothingMatched ?? '', /'none'/);
    });
  });

  describe('when goreleaser ≤ 2.17 names a ko image by its digest (goreleaser issue 6925)', () => {
    it('signs the digest extra.Digest names, when the name names the same', () => {
      const ko = {
        ...KO_V2_18,
        name: `${HOST}/acme/ko@${digest('4')}`,
        path: `${HOST}/acme/ko@${digest('4')}`,
      };
      const [image] = parse([ko], 'manifests').images;
      assert.deepEqual(image, { registry: HOST, repository: 'acme/ko', digest: digest('4') });
    });

    it('refuses a name whose digest differs from extra.Digest, naming the entry, escaped', () => {
      const ko = { ...KO_V2_18, name: `${HOST}/acme/ko@${digest('5')}\n::error::forged` };
      assert.throws(
        () => parse([ko], 'manifests'),
        (err: unknown) =>
          err instanceof SignerError &&
          err.code === 'SUBJECT_INVALID' &&
          err.message.includes('entry 0 (Docker Manifest)') &&
          err.message.includes(`acme/ko@${digest('5')}\\n::error::forged`) &&
          !err.message.includes('\n'),
      );
    });
  });

  describe('when ko pushed its tags to two repositories (entries as a real v2.18.2 release wrote them)', () => {
    const pushed = (name: string) => ({
      name,
      path: name,
      internal_type: 11,
      type: 'Docker Manifest',
      extra: { Digest: digest('4'), ID: 'hello' },
    });
    const release = [
      pushed(`${HOST}/acme/hello`),
      pushed(`${HOST}/acme/hello-mirror:0.1.0`),
      pushed(`${HOST}/acme/hello-mirror:latest`),
    ];

    it("gives the first repository's untagged push the tags of its copies", () => {
      const [first] = parse(release, 'manifests').images;
      assert.deepEqual(first?.tags, ['0.1.0', 'latest']);
    });

    it('as goreleaser v2.17 names it too, by digest', () => {
      const v217 = [pushed(`${HOST}/acme/hello@${digest('4')}`), ...release.slice(1)];
      const [first] = parse(v217, 'manifests').images;
      assert.deepEqual(first?.tags, ['0.1.0', 'latest']);
    });
  });

  describe('when a chosen image was not pushed', () => {
    it('skips it with the reason', () => {
      const unpushed = { ...DOCKERS_V2, extra: { ID: 'v2', Platforms: ['linux/amd64'] } };
      assert.deepEqual(parse([unpushed], '').skipped, [
        { name: DOCKERS_V2.name, reason: 'goreleaser did not push it (a Docker Image without a digest)' },
      ]);
    });
  });
});
