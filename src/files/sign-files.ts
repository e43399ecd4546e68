import type { KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import { bundleToJSON } from '@sigstore/bundle';
import { SignerError, describeCause, isSignerError } from '../errors.ts';
import type { SignatureVerification } from '../sigstore/trust.ts';
import { mapLimit } from '../util/concurrency.ts';
import { escapeUntrusted, quoteUntrusted } from '../util/untrusted.ts';
import { bundlePathFor, type BundleStore } from './bundle-store.ts';
import type { ReleaseFile } from './collect.ts';
import type { FileBundleBuilder } from './file-bundle.ts';
import type { AssetRecord, FileOutcome } from './file-outcome.ts';
import { verifyFileBundle } from './file-read-back.ts';

/** Attaches a bundle to the release; the dry run's plans it. */
export interface ReleasePublisher {
  publish(assetName: string, bundleJson: string): Promise<AssetRecord>;
}

/** Everything a file needs on its road; the dry run's are the recording store and planner (signing-services.ts). */
export interface FileServices {
  readonly builder: FileBundleBuilder;
  /** The signing key's public half: the one a streamed read-back accepts. */
  readonly signerKey: KeyObject;
  readonly verification: SignatureVerification;
  readonly store: BundleStore;
  readonly release?: ReleasePublisher;
  /** `planned` instead of `signed`: a dry run made and checked everything and kept it. */
  readonly planned: boolean;
}

/**
 * Signs one file: stream-hash and sign, verify the bundle against the file, write it beside the file,
 * verify what a reader now finds there, and attach that to the release.
 */
async function signFile(file: ReleaseFile, services: FileServices, workspace: string): Promise<FileOutcome> {
  const bundlePath = bundlePathFor(file.absolutePath);
  const shown = { path: file.path, bundlePath: relative(workspace, bundlePath) };
  const where = `Release file ${quoteUntrusted(file.path)}`;
  let sha256: string | undefined;
  try {
    const kept = await readOwnBundle(bundlePath, file.absolutePath, services);
    if (kept) {
      const asset = services.release
        ? await services.release.publish(basename(bundlePath), kept.json)
        : undefined;
      return {
        ...shown,
        sha256: kept.sha256,
        status: 'already-signed',
        ...(kept.logIndex ? { logIndex: kept.logIndex } : {}),
        ...(asset ? { asset } : {}),
      };
    }
    const signed = await services.builder.create(file.absolutePath).catch((err: unknown) => {
      if (isSignerError(err)) throw err;
      throw new SignerError(
        'SIGN_FAILED',
        `${where} could not be read (${escapeUntrusted(describeCause(err))}). Check that it exists and is readable.`,
        err,
      );
    });
    sha256 = signed.sha256.toString('hex');
    const json = JSON.stringify(bundleToJSON(signed.bundle));
    await verifyFileBundle(file.absolutePath, json, services.signerKey, services.verification, where);
    const written = await services.store.write(bundlePath, json);
    if (written !== json)
      throw new SignerError(
        'READBACK_MISMATCH',
        `${where}: ${quoteUntrusted(shown.bundlePath)} does not hold the bundle just written. Another step may be writing it: run again.`,
      );
    const logIndex = signed.bundle.verificationMaterial.tlogEntries[0]?.logIndex;
    const asset = services.release
      ? await services.release.publish(basename(bundlePath), written)
      : undefined;
    return {
      ...shown,
      sha256,
      status: services.planned ? 'planned' : 'signed',
      ...(logIndex ? { logIndex } : {}),
      ...(asset ? { asset } : {}),
    };
  } catch (err) {
    const error = isSignerError(err)
      ? err
      : new SignerError('SIGN_FAILED', `${where}: ${escapeUntrusted(describeCause(err))}.`, err);
    return {
      ...shown,
      ...(sha256 ? { sha256 } : {}),
      status: 'failed',
      error: { code: error.code, message: error.message },
    };
  }
}

/** Bundles are a few KiB; a larger file at the bundle's path is not one of ours. */
const MAX_BUNDLE_BYTES = 1024 * 1024;

/**
 * A re-run finds last run's bundle beside the file: kept when it verifies for this signer against the
 * file as it is now, so its release asset stays the same bytes and is not replaced. Anything else
 * (another signer, a changed file, not a bundle) is signed anew and overwritten.
 */
async function readOwnBundle(
  bundlePath: string,
  filePath: string,
  services: FileServices,
): Promise<{ json: string; sha256: string; logIndex?: string } | undefined> {
  let json: string;
  try {
    if ((await stat(bundlePath)).size > MAX_BUNDLE_BYTES) return undefined;
    json = await readFile(bundlePath, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const bundle = await verifyFileBundle(
      filePath,
      json,
      services.signerKey,
      services.verification,
      filePath,
    );
    if (bundle.content.$case !== 'messageSignature') return undefined;
    const logIndex = bundle.verificationMaterial.tlogEntries[0]?.logIndex;
    return {
      json,
      sha256: bundle.content.messageSignature.messageDigest.digest.toString('hex'),
      ...(logIndex ? { logIndex } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Every file gets an outcome; a few at a time, each streaming its own file. */
export function signFiles(
  files: readonly ReleaseFile[],
  services: FileServices,
  options: { concurrency: number; workspace: string },
): Promise<FileOutcome[]> {
  return mapLimit(files, options.concurrency, (file) => signFile(file, services, options.workspace));
}
