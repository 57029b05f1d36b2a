/** Finds the files behind the assets of a cloud assembly: Lambda bundles and Docker images. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

interface AssetManifest {
  files?: Record<string, { source: { path: string; packaging?: string } }>;
  dockerImages?: Record<string, { source: { directory: string; dockerFile?: string } }>;
}

/** `image` is the resolved Image of a container definition; its tag is the asset hash. */
export function dockerfileForImage(assemblyDir: string, image: string): string {
  const hash = image.split(':').pop() ?? '';
  for (const file of readdirSync(assemblyDir).filter((f) => f.endsWith('.assets.json'))) {
    const manifest = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as AssetManifest;
    const source = manifest.dockerImages?.[hash]?.source;
    if (!source) continue;
    const path = join(assemblyDir, source.directory, source.dockerFile ?? 'Dockerfile');
    if (existsSync(path)) return path;
  }
  throw new Error(
    `no image asset ${hash} in ${assemblyDir}; only images built from this repository's Dockerfiles run locally`,
  );
}

export interface FunctionCode {
  S3Bucket?: string;
  S3Key?: string;
}

/**
 * The folder holding a function's bundle. Its `S3Key` is `<hash>.zip` and the asset manifest
 * maps the hash to a folder of the assembly; `aws:asset:path` metadata, when the CDK CLI wrote
 * it, says the same.
 */
export function fileAssetDir(
  assemblyDir: string,
  logicalId: string,
  code: FunctionCode | undefined,
  metadata: Record<string, unknown>,
): string {
  const fromMetadata = metadata['aws:asset:path'];
  if (typeof fromMetadata === 'string')
    return isAbsolute(fromMetadata) ? fromMetadata : join(assemblyDir, fromMetadata);
  const hash = code?.S3Key?.replace(/\.zip$/, '') ?? '';
  for (const file of readdirSync(assemblyDir).filter((f) => f.endsWith('.assets.json'))) {
    const manifest = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as AssetManifest;
    const source = manifest.files?.[hash]?.source;
    if (source) return join(assemblyDir, source.path);
  }
  throw new Error(
    `${logicalId}: its code (${code?.S3Key ?? 'no S3Key'}) is not an asset of ${assemblyDir}`,
  );
}
