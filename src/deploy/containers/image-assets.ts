/** Finds the Dockerfile behind a container image asset of the cloud assembly. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface AssetManifest {
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
  throw new Error(`no image asset ${hash} in ${assemblyDir}; only images built from this repository's Dockerfiles run locally`);
}
