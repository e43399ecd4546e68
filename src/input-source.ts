import * as core from '@actions/core';
import { SignerError } from './errors.ts';
import type { Matcher } from './provenance/policy.ts';
import { quoteUntrusted } from './util/untrusted.ts';

/** Where input values come from; `process.env` as the runner sets it, unless a test or the CLI says otherwise. */
export interface InputSource {
  get(name: string): string;
  env(name: string): string | undefined;
  /** Hides a secret from every later log line (the runner's add-mask; nothing outside Actions). */
  mask(secret: string): void;
}

export const runnerInputs: InputSource = {
  get: (name) => core.getInput(name),
  env: (name) => process.env[name],
  mask: (secret) => core.setSecret(secret),
};

export function invalid(name: string, why: string, fix: string): SignerError {
  return new SignerError('INPUT_INVALID', `Input '${name}': ${why}. ${fix}`);
}

/** Masks a secret, and each line of a multi-line one (the runner masks line by line). */
export function maskSecret(source: InputSource, value: string): void {
  if (!value) return;
  source.mask(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) source.mask(line.trim());
}

export function readList(source: InputSource, name: string): string[] {
  return source
    .get(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function readBoolean(source: InputSource, name: string, fallback: boolean): boolean {
  const value = source.get(name).trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalid(name, `${quoteUntrusted(value)} is not a boolean`, "Use 'true' or 'false'");
}

export function readPositiveInt(source: InputSource, name: string, fallback: number, max: number): number {
  const value = source.get(name).trim();
  if (value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
    throw invalid(
      name,
      `${quoteUntrusted(value)} is not a whole number from 1 to ${max}`,
      `Set it between 1 and ${max}`,
    );
  }
  return parsed;
}

export function readUrl(source: InputSource, name: string, fallback: string): string {
  const value = source.get(name).trim() || fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(
      name,
      `${quoteUntrusted(value)} is not a URL`,
      'Give the base URL, e.g. https://rekor.sigstore.dev',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(
      name,
      `${quoteUntrusted(value)} is not an http(s) URL`,
      'Give the base URL, e.g. https://rekor.sigstore.dev',
    );
  }
  return value.replace(/\/+$/, '');
}

/** A comma or newline separated list input. */
export function readItems(source: InputSource, name: string, fallback: readonly string[]): string[] {
  const items = source
    .get(name)
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : [...fallback];
}

export function readMatcher(source: InputSource, name: string): Matcher | undefined {
  const exact = source.get(name).trim();
  const regex = source.get(`${name}-regex`).trim();
  if (exact && regex)
    throw new SignerError(
      'INPUT_CONFLICT',
      `Inputs '${name}' and '${name}-regex' conflict. Set one of them.`,
    );
  if (exact) return { exact };
  if (!regex) return undefined;
  try {
    new RegExp(regex);
  } catch {
    throw invalid(
      `${name}-regex`,
      `${quoteUntrusted(regex)} is not a valid regular expression`,
      'Write a JavaScript regular expression, anchored with ^ and $',
    );
  }
  return { regex };
}
