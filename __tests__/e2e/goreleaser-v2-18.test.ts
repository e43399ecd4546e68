import { describeGoreleaserRelease } from './goreleaser-release.suite.ts';

// goreleaser v2.18 names ko's images host/repo (a tag only when there is one).
describeGoreleaserRelease('v2.18.2');
