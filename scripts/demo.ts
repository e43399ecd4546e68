// The main job end to end on this machine: a real registry on loopback, a multi-arch image with
// BuildKit provenance, the action run as the GitHub runner runs it, and cosign v2 and v3 judging
// every signature it wrote. Everything started here is stopped here.
import { runAction } from '../__tests__/harness/action-runner.ts';
import { COSIGN_VERSIONS, generateKeyPair, verifyWithKey } from '../__tests__/harness/cosign.ts';
import { pushMultiArchImage } from '../__tests__/harness/fixtures.ts';
import { startRegistry } from '../__tests__/harness/registry.ts';

const step = (text: string): void => console.log(`\n==> ${text}`);

const registry = await startRegistry();
let failures = 0;
try {
  step(`registry (distribution 2.8, no referrers API) on ${registry.url}`);
  const image = await pushMultiArchImage(registry, 'acme/app', 'v1.0.0');
  const indexRef = `${registry.host}/acme/app@${image.index.digest}`;
  console.log(`pushed ${indexRef}`);
  for (const [platform, manifest] of Object.entries(image.platforms))
    console.log(`  ${platform.padEnd(12)} ${manifest.digest}`);
  for (const attestation of image.attestations)
    console.log(`  ${'attestation'.padEnd(12)} ${attestation.digest} (must stay unsigned)`);

  step('cosign generate-key-pair');
  const keys = await generateKeyPair('demo-password');

  step('node dist/index.js (as the runner runs it)');
  const run = await runAction({
    inputs: {
      images: indexRef,
      key: keys.privateKeyPem,
      'key-password': keys.password,
      'tlog-upload': 'false',
      'allow-http-registry': 'true',
      provenance: 'off',
    },
  });
  console.log(
    run.stdout
      .split('\n')
      .filter((line) => line && !line.startsWith('::add-mask::'))
      .join('\n'),
  );
  console.log(`exit code ${run.exitCode}`);
  if (run.exitCode !== 0) failures++;

  step('outputs');
  console.log(JSON.stringify(JSON.parse(run.outputs.signatures ?? '[]'), null, 2));
  step('job summary');
  console.log(run.summary);

  step('cosign verify (v2 and v3) of the index and every platform');
  const refs = [
    indexRef,
    ...Object.values(image.platforms).map((m) => `${registry.host}/acme/app@${m.digest}`),
  ];
  for (const version of COSIGN_VERSIONS) {
    for (const ref of refs) {
      const result = await verifyWithKey(version, ref, keys.publicKeyPath);
      console.log(`${version} ${result.code === 0 ? 'VERIFIED' : 'REJECTED'} ${ref}`);
      if (result.code !== 0) {
        failures++;
        console.log(result.stderr);
      }
    }
    const attestationRef = `${registry.host}/acme/app@${image.attestations[0]?.digest}`;
    const attestation = await verifyWithKey(version, attestationRef, keys.publicKeyPath);
    console.log(
      `${version} ${attestation.code === 0 ? 'SIGNED (wrong!)' : 'no signature, as intended'} ${attestationRef}`,
    );
    if (attestation.code === 0) failures++;
  }
} finally {
  await registry.stop();
}
step(failures === 0 ? 'demo passed' : `demo FAILED (${failures} problem(s))`);
process.exitCode = failures === 0 ? 0 : 1;
