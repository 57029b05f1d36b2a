/**
 * A container image built from one of this repository's Dockerfiles, with the repository root as
 * the build context: every image needs src/shared and the lockfile beside its own folder.
 * At synth time fromAsset only records the asset (and copies the context into cdk.out), so synth
 * needs no Docker.
 */
import { fileURLToPath } from 'node:url';
import * as ecs from 'aws-cdk-lib/aws-ecs';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Kept out of every build context (and out of cdk.out); .dockerignore says the same for docker build. */
const IMAGE_EXCLUDE = [
  'node_modules',
  'cdk.out',
  '.git',
  '.novamart',
  'reports',
  'test',
  'docs',
  '**/*.log',
];

/** `dockerfile` is relative to the repository root, e.g. `services/catalog/Dockerfile`. */
export function repositoryImage(dockerfile: string): ecs.ContainerImage {
  return ecs.ContainerImage.fromAsset(PROJECT_ROOT, { file: dockerfile, exclude: IMAGE_EXCLUDE });
}
