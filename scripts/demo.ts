// The main job end to end on this machine: a real registry and a private Sigstore from Sigstore's own
// servers (Fulcio with a CT log, Rekor v1, a TSA; see __tests__/harness/sigstore-stack.ts), a multi-arch image
// with BuildKit provenance and a signed GitHub-style provenance attestation, the action run as the GitHub
// runner runs it (keyless, provenance required), and cosign v2 and v3 judging every signature it wrote.
// Everything started here is stopped here.
import { runAction } from '../__tests__/harness/action-runner.ts';
import { COSIGN_VERSIONS, cosign } from '../__tests__/harness/cosign.ts';
import { pushMultiArchImage } from '../__tests__/harness/fixtures.ts';
import { mintToken, startRunnerTokenEndpoint, workflowIdentity } from '../__tests__/harness/oidc.ts';
import {
  FLEET,
  FLEET_CLAIMS,
  FLEET_RUN_ENV,
  SLSA_V1,
  attachBundleReferrer,
  attestKeyless,
  buildkitV1Statement,
  githubProvenanceStatement,
} from '../__tests__/harness/provenance.ts';
import { startRegistry } from '../__tests__/harness/registry.ts';
import { snapshotRegistry } from '../__tests__/harness/registry-state.ts';
import { startSigstoreStack } from '../__tests__/harness/sigstore-stack.ts';

const step = (text: string): void => console.log(`\n==> ${text}`);
/** The log lines worth a screen: workflow commands the runner would hide or fold are left out. */
const logLines = (stdout: string, keep: (line: string) => boolean): string[] =>
  stdout.split('\n').filter((line) => line && keep(line));

const registry = await startRegistry();
const started = Date.now();
const sigstore = await startSigstoreStack({ ctLog: true, rekorV1: true });
const stackStartMs = Date.now() - started;
const runner = await startRunnerTokenEndpoint(() =>
  mintToken({ ...FLEET_CLAIMS, issuer: sigstore.issuerUrl }),
);
const rekorUrl = sigstore.rekorV1Url ?? '';
const { trustedRootPath } = await sigstore.trust({ log: 'rekor-v1', tsa: false });
let failures = 0;
try {
  step(`registry (distribution 2.8, no referrers API) on ${registry.url}`);
  console.log(
    `private Sigstore started in ${stackStartMs} ms: Fulcio ${sigstore.fulcioUrl} (CT log: TesseraCT), Rekor v1 ${rekorUrl} (Trillian on PostgreSQL), OIDC issuer ${sigstore.issuerUrl}`,
  );
  const repository = FLEET.repository;
  const image = await pushMultiArchImage(registry, repository, FLEET.tag, 'demo', {
    provenance: (digest, platform) =>
      buildkitV1Statement(digest, platform, { imageName: `${registry.host}/${repository}` }),
  });
  const indexRef = `${registry.host}/${repository}@${image.index.digest}`;
  console.log(`pushed ${registry.host}/${repository}:${FLEET.tag} = ${image.index.digest}`);
  for (const [platform, manifest] of Object.entries(image.platforms))
    console.log(`  ${platform.padEnd(12)} ${manifest.digest}`);
  for (const attestation of image.attestations)
    console.log(
      `  ${'attestation'.padEnd(12)} ${attestation.digest} (BuildKit provenance; signed too, as cosign --recursive)`,
    );

  step(
    'release workflow attests build provenance (keyless, as actions/attest-build-provenance with push-to-registry)',
  );
  const statement = githubProvenanceStatement({
    subjectName: `${registry.host}/${repository}`,
    subjectDigest: image.index.digest,
  });
  await attachBundleReferrer(
    registry,
    repository,
    image.index,
    await attestKeyless(statement, {
      fulcioUrl: sigstore.fulcioUrl,
      rekorUrl,
      issuerUrl: sigstore.issuerUrl,
    }),
    SLSA_V1,
  );
  console.log(`provenance for ${image.index.digest} signed by ${workflowIdentity(FLEET_CLAIMS)}`);

  const inputs = {
    images: `${registry.host}/${repository}:${FLEET.tag}@${image.index.digest}`,
    'fulcio-url': sigstore.fulcioUrl,
    'rekor-url': rekorUrl,
    'trusted-root': trustedRootPath,
    'allow-http-registry': 'true',
    provenance: 'required',
    'provenance-issuer': sigstore.issuerUrl,
  };

  step('node dist/index.js on a pull_request event: a dry run (no token, nothing written)');
  const before = JSON.stringify([...snapshotRegistry(registry)]);
  const dry = await runAction({
    inputs,
    eventName: 'pull_request',
    event: { pull_request: { head: { repo: { fork: false } } } },
    env: FLEET_RUN_ENV,
  });
  const untouched = JSON.stringify([...snapshotRegistry(registry)]) === before;
  console.log(
    `exit code ${dry.exitCode}; planned ${dry.outputs.planned}; registry ${untouched ? 'untouched' : 'CHANGED (wrong!)'}`,
  );
  if (dry.exitCode !== 0 || !untouched) failures++;

  step('an image built by a pull_request run, attested by it: refused, nothing written');
  const prImage = await pushMultiArchImage(registry, repository, `${FLEET.tag}-pr`, 'demo-pr');
  await attachBundleReferrer(
    registry,
    repository,
    prImage.index,
    await attestKeyless(
      githubProvenanceStatement({
        subjectName: `${registry.host}/${repository}`,
        subjectDigest: prImage.index.digest,
      }),
      { fulcioUrl: sigstore.fulcioUrl, rekorUrl, issuerUrl: sigstore.issuerUrl },
      { ...FLEET_CLAIMS, eventName: 'pull_request' },
    ),
    SLSA_V1,
  );
  const beforeRefusal = JSON.stringify([...snapshotRegistry(registry)]);
  const refused = await runAction({
    inputs: { ...inputs, images: `${registry.host}/${repository}@${prImage.index.digest}` },
    env: { ...FLEET_RUN_ENV, ...runner.env },
  });
  console.log(logLines(refused.stdout, (line) => line.startsWith('::error::')).join('\n'));
  const refusalWroteNothing = JSON.stringify([...snapshotRegistry(registry)]) === beforeRefusal;
  console.log(
    `exit code ${refused.exitCode}; registry ${refusalWroteNothing ? 'untouched' : 'CHANGED (wrong!)'}`,
  );
  if (refused.exitCode !== 1 || !refusalWroteNothing) failures++;

  step('node dist/index.js on the tag push: keyless, provenance required (as the runner runs it)');
  const run = await runAction({ inputs, env: { ...FLEET_RUN_ENV, ...runner.env } });
  console.log(
    logLines(run.stdout, (line) => /^(signed|Keyless signer|::error::|::warning::)/.test(line)).join('\n'),
  );
  console.log(`exit code ${run.exitCode}`);
  if (run.exitCode !== 0) failures++;

  step('outputs: one entry of signatures, and the summary header');
  const entries = JSON.parse(run.outputs.signatures ?? '[]') as unknown[];
  console.log(JSON.stringify(entries[0], null, 2));
  console.log(
    `(+${entries.length - 1} more entries, one per manifest; bundle files: ${run.outputs['bundle-paths']?.split('\n').length ?? 0})`,
  );
  console.log(run.summary.split('\n').slice(0, 8).join('\n'));
  console.log(
    `Rekor v1 now holds ${await sigstore.rekorV1Size()} entries (the provenance attestation and each signature)`,
  );

  step('the same release run again: already signed, nothing written, no new log entry');
  const logBefore = await sigstore.rekorV1Size();
  const again = await runAction({ inputs, env: { ...FLEET_RUN_ENV, ...runner.env } });
  const already = logLines(again.stdout, (line) => line.startsWith('already signed'));
  console.log(already.join('\n'));
  const logAfter = await sigstore.rekorV1Size();
  console.log(`exit code ${again.exitCode}; Rekor entries ${logBefore} → ${logAfter}`);
  if (again.exitCode !== 0 || already.length === 0 || logAfter !== logBefore) failures++;

  step(
    'cosign verify (v2 and v3, both formats) of the index and every platform, pinned to the release workflow',
  );
  const identity = run.outputs['certificate-identity'] ?? '';
  const refs = [
    indexRef,
    ...Object.values(image.platforms).map((m) => `${registry.host}/${repository}@${m.digest}`),
    // containers/image's copy --all checks every manifest of the index, so these are signed too.
    ...image.attestations.map((m) => `${registry.host}/${repository}@${m.digest}`),
  ];
  const base = [
    'verify',
    '--certificate-identity',
    identity,
    '--certificate-oidc-issuer',
    sigstore.issuerUrl,
    '--allow-http-registry=true',
    '--trusted-root',
    trustedRootPath,
  ];
  for (const version of COSIGN_VERSIONS) {
    const ways: [string, string[]][] =
      version === 'cosign3'
        ? [
            ['bundle', []],
            ['legacy', ['--new-bundle-format=false']],
          ]
        : [
            ['bundle', ['--new-bundle-format']],
            ['legacy', []],
          ];
    for (const [format, extra] of ways) {
      console.log(`$ ${version} ${[...base, ...extra].join(' ')} <manifest>`);
      let verified = 0;
      for (const ref of refs) {
        const result = await cosign(version, [...base, ...extra, ref]);
        if (result.code === 0) verified++;
        else {
          failures++;
          console.log(`  REJECTED ${ref}\n${result.stderr}`);
        }
      }
      console.log(
        `  ${format}: ${verified} of ${refs.length} manifests VERIFIED (index, 2 platforms, 2 attestation manifests)`,
      );
    }
  }
} finally {
  await runner.stop();
  await sigstore.stop();
  await registry.stop();
}
step(failures === 0 ? 'demo passed' : `demo FAILED (${failures} problem(s))`);
process.exitCode = failures === 0 ? 0 : 1;
