// Prints how long signing and verifying one large release file takes, and the peak RSS while doing it:
// the file is streamed, so memory stays flat whatever its size. Figures only, never assertions.
// Usage: node bench/sign-large-file.ts [GiB, default 2]
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, ftruncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeySigner } from '../src/sigstore/key-signer.ts';
import { verifyFileStream } from '../src/sigstore/stream-signing.ts';

const gib = Number(process.argv[2] ?? '2');
const dir = mkdtempSync(join(tmpdir(), 'rs-bench-large-'));
const path = join(dir, 'large.bin');
const fd = openSync(path, 'w');
ftruncateSync(fd, gib * 1024 ** 3); // sparse: reads as zeros, costs no disk
closeSync(fd);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const signer = new KeySigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
const started = performance.now();
const { sha256, signature } = await signer.signFile(path);
const signedMs = performance.now() - started;
const { verified } = await verifyFileStream(path, signer.publicKey, signature.signature);
const verifiedMs = performance.now() - started - signedMs;
clearInterval(sampler);
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    gib,
    sha256: sha256.toString('hex'),
    signMs: Math.round(signedMs),
    verifyMs: Math.round(verifiedMs),
    verified,
    peakRssMiB: Math.round(peakRss / 1024 / 1024),
  }),
);
