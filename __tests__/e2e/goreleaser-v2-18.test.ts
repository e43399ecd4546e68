import { describeGoreleaserRelease } from './goreleaser-release.suite.ts';

// goreleaser v2.18 names ko's images host/repo (a tag only when there is one).
// Its checksum and archives are also signed as release files and attached to the release (key and keyless).
describeGoreleaserRelease('v2.18.2', { releaseFiles: true });
