import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

// GitHub's published OpenAPI description (@octokit/openapi, api.github.com, OpenAPI 3.0.3) as the judge of
// what the GitHub stand-in receives and answers. Only the operations named are compiled; their schemas'
// $refs resolve into the description's own components, so a field GitHub adds, renames or makes required
// shows up here as a failing check instead of a stand-in that quietly drifts from the real API.

/** The release operations the action calls, by GitHub's operationId. */
export const RELEASE_OPERATIONS = [
  'repos/get-release-by-tag',
  'repos/list-releases',
  'repos/list-release-assets',
  'repos/get-release-asset',
  'repos/delete-release-asset',
  'repos/upload-release-asset',
] as const;
export type ReleaseOperationId = (typeof RELEASE_OPERATIONS)[number];

type JsonSchema = Record<string, unknown>;
interface Reference {
  readonly $ref: string;
}
interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}
interface MediaTypes {
  readonly content?: Record<string, { readonly schema?: JsonSchema }>;
}
interface Operation {
  readonly operationId: string;
  readonly parameters?: readonly (Parameter | Reference)[];
  readonly requestBody?: MediaTypes & { readonly required?: boolean };
  readonly responses: Record<string, MediaTypes | Reference>;
}
interface Description {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: {
    readonly schemas: Record<string, JsonSchema>;
    readonly parameters: Record<string, Parameter>;
    readonly responses: Record<string, MediaTypes>;
  };
}

export interface SpecRequest {
  readonly method: string;
  /** The path as the API serves it: GHES-style `/uploads/…` is the uploads server's path. */
  readonly url: URL;
  readonly contentType: string | undefined;
  readonly body?: Buffer;
}

export type RequestVerdict =
  | { readonly operationId: ReleaseOperationId; readonly errors: readonly string[] }
  | { readonly operationId: undefined; readonly errors: readonly string[] };

export interface GitHubSpec {
  readonly version: string;
  checkRequest(request: SpecRequest): RequestVerdict;
  checkResponse(
    operationId: ReleaseOperationId,
    status: number,
    contentType: string | undefined,
    body: string,
  ): string[];
}

const SPEC_ID = 'https://api.github.com/openapi.json';
const UPLOADS_PREFIX = '/uploads';

interface CompiledOperation {
  readonly id: ReleaseOperationId;
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly parameters: readonly (Parameter & { readonly validate: ValidateFunction })[];
  readonly requestBody: {
    readonly required: boolean;
    readonly content: ReadonlyMap<string, { readonly binary: boolean; readonly validate?: ValidateFunction }>;
  };
  readonly responses: ReadonlyMap<string, ReadonlyMap<string, ValidateFunction | undefined>>;
}

function isReference(value: object): value is Reference {
  return '$ref' in value && typeof value.$ref === 'string';
}

/** `#/components/parameters/owner` → the object it names. */
function follow<T>(spec: Description, value: T | Reference): T {
  if (!isReference(value as object)) return value as T;
  const path = (value as Reference).$ref.replace(/^#\//, '').split('/');
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], spec as unknown) as T;
}

/** A schema whose local `#/components/…` references point into the description registered as SPEC_ID. */
function anchored(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`)) as JsonSchema;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`)
    .join('; ');
}

/** Loads the description once and compiles the named operations (about a second for the 13 MB file). */
export function loadGitHubSpec(operationIds: readonly ReleaseOperationId[] = RELEASE_OPERATIONS): GitHubSpec {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@octokit/openapi/package.json'));
  const spec = JSON.parse(
    readFileSync(join(root, 'generated', 'api.github.com.json'), 'utf8'),
  ) as Description;
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  // OpenAPI 3.0 schemas carry `nullable`, `example` and other keywords JSON Schema does not know.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  // ajv-formats is CommonJS: Node hands its module.exports over as the default, and the plugin is also
  // that object's `default`, which is the one TypeScript's view of the module can call.
  ajvFormats.default(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: spec.components.schemas } });

  const operations: CompiledOperation[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const id = operationIds.find((wanted) => wanted === operation.operationId);
      if (!id) continue;
      const parameters = (operation.parameters ?? []).map((p) => {
        const parameter = follow<Parameter>(spec, p);
        return { ...parameter, validate: ajv.compile(anchored(parameter.schema ?? {})) };
      });
      const responses = new Map(
        Object.entries(operation.responses).map(([status, r]) => {
          const response = follow<MediaTypes>(spec, r);
          return [
            status,
            new Map(
              Object.entries(response.content ?? {}).map(([type, media]) => [
                type,
                media.schema ? ajv.compile(anchored(media.schema)) : undefined,
              ]),
            ),
          ] as const;
        }),
      );
      const pattern = new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, '(?<$1>[^/]+)')}$`,
      );
      operations.push({
        id,
        method: method.toUpperCase(),
        template,
        pattern,
        parameters,
        requestBody: {
          required: operation.requestBody?.required === true,
          content: new Map(
            Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => [
              type,
              media.schema?.format === 'binary'
                ? { binary: true }
                : {
                    binary: false,
                    ...(media.schema ? { validate: ajv.compile(anchored(media.schema)) } : {}),
                  },
            ]),
          ),
        },
        responses,
      });
    }
  }
  const missing = operationIds.filter((id) => !operations.some((op) => op.id === id));
  if (missing.length > 0)
    throw new Error(`@octokit/openapi ${version} has no operation ${missing.join(', ')}`);
  const basicError = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/basic-error` });

  return {
    version,
    checkRequest(request) {
      const uploads = request.url.pathname.startsWith(`${UPLOADS_PREFIX}/`);
      const path = uploads ? request.url.pathname.slice(UPLOADS_PREFIX.length) : request.url.pathname;
      const candidates = operations.filter(
        (op) => op.pattern.test(path) && (op.id === 'repos/upload-release-asset') === uploads,
      );
      const operation = candidates.find((op) => op.method === request.method);
      if (!operation)
        return {
          operationId: undefined,
          errors: [
            candidates.length > 0
              ? `${request.method} ${path}: GitHub has no such method here (only ${candidates.map((op) => `${op.method} ${op.template}`).join(', ')})`
              : `${request.method} ${request.url.pathname}: no release operation has this path`,
          ],
        };
      return { operationId: operation.id, errors: checkParameters(operation, path, request) };
    },
    checkResponse(operationId, status, contentType, body) {
      const operation = operations.find((op) => op.id === operationId);
      if (!operation) return [`${operationId}: not loaded`];
      const where = `${operation.method} ${operation.template} → ${status}`;
      const described = operation.responses.get(String(status)) ?? operation.responses.get('default');
      if (!described) {
        // Per operation GitHub describes its usual answers; 401, 403, 429 and 5xx can come from any of
        // them, always as a basic error.
        if (status >= 400) return parseAndCheck(basicError, body, `${where} (basic-error)`);
        return [`${where}: a status GitHub does not answer here`];
      }
      // An answer without described content (204, 302, the upload's 422) may carry any body.
      if (described.size === 0) return [];
      const type = mediaType(contentType);
      if (!described.has(type))
        return [`${where}: content type '${type}' is not one of ${[...described.keys()].join(', ')}`];
      const validate = described.get(type);
      return validate ? parseAndCheck(validate, body, where) : [];
    },
  };
}

function parseAndCheck(validate: ValidateFunction, body: string, where: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return [`${where}: the body is not JSON`];
  }
  return validate(json) ? [] : [`${where}: ${describeErrors(validate)}`];
}

/** Integer parameters arrive as text in paths and queries; the schema says what the text must denote. */
function asSchemaValue(parameter: Parameter, text: string): unknown {
  const type = parameter.schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function checkParameters(operation: CompiledOperation, path: string, request: SpecRequest): string[] {
  const where = `${request.method} ${operation.template}`;
  const errors: string[] = [];
  const pathValues = operation.pattern.exec(path)?.groups ?? {};
  const query = request.url.searchParams;
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    const text =
      parameter.in === 'path'
        ? decodeURIComponent(pathValues[parameter.name] ?? '')
        : (query.get(parameter.name) ?? undefined);
    if (text === undefined) {
      if (parameter.required)
        errors.push(`${where}: the required ${parameter.in} parameter '${parameter.name}' is missing`);
      continue;
    }
    if (!parameter.validate(asSchemaValue(parameter, text)))
      errors.push(
        `${where}: ${parameter.in} parameter '${parameter.name}'=${JSON.stringify(text)} ${describeErrors(parameter.validate)}`,
      );
  }
  const known = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of new Set(query.keys()))
    if (!known.has(name)) errors.push(`${where}: GitHub takes no query parameter '${name}'`);
  errors.push(...checkBody(operation, where, request));
  return errors;
}

function checkBody(operation: CompiledOperation, where: string, request: SpecRequest): string[] {
  const { content, required } = operation.requestBody;
  const hasBody = (request.body?.length ?? 0) > 0;
  if (content.size === 0) return hasBody ? [`${where}: GitHub takes no request body here`] : [];
  if (!hasBody) return required ? [`${where}: the request body is missing`] : [];
  const type = mediaType(request.contentType);
  // A raw upload: GitHub stores the bytes as they are and the Content-Type as the asset's content_type
  // (docs: "you must use the Content-Type header to provide the media type of the asset"), so any
  // well-formed media type is what the API takes.
  if ([...content.values()].some((media) => media.binary))
    return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)
      ? []
      : [
          `${where}: an upload needs a Content-Type naming the asset's media type, got '${request.contentType ?? ''}'`,
        ];
  const media = content.get(type);
  if (!media) return [`${where}: content type '${type}' is not one of ${[...content.keys()].join(', ')}`];
  return media.validate ? parseAndCheck(media.validate, request.body?.toString('utf8') ?? '', where) : [];
}
