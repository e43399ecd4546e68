import { describeGoreleaserRelease } from './goreleaser-release.suite.ts';

// goreleaser v2.17 names ko's images host/repo@sha256:… (goreleaser issue 6925).
describeGoreleaserRelease('v2.17.0');
