/**
 * The LocalStack target needs Docker (LocalStack itself, its Lambda containers, the compose
 * services); the embedded target needs none. This check runs before any step so a missing
 * binary is reported as that, not as a failed step halfway through.
 */
import { spawnSync } from 'node:child_process';
import { LocalstackError } from './errors.ts';

const EMBEDDED_HINT =
  'The embedded target needs no Docker: `novamart local start` and `novamart local deploy`.';

/** Throws unless `dockerBin compose version` runs (the CLI and its Compose v2 plugin). */
export function requireDockerCompose(dockerBin: string): void {
  const result = spawnSync(dockerBin, ['compose', 'version'], { encoding: 'utf8' });
  const spawnError = result.error as NodeJS.ErrnoException | undefined;
  if (spawnError?.code === 'ENOENT') {
    throw new LocalstackError(
      'DockerRequired',
      `"${dockerBin}" was not found on PATH: the LocalStack target runs LocalStack, PostgreSQL ` +
        'and the services as Docker containers, so Docker (with Compose v2) is required for it. ' +
        `Install Docker, or set NOVAMART_DOCKER to its CLI. ${EMBEDDED_HINT}`,
      { cause: spawnError },
    );
  }
  if (spawnError) throw spawnError;
  if (result.status !== 0) {
    const said =
      `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n')[0] || 'no output';
    throw new LocalstackError(
      'ComposeRequired',
      `"${dockerBin} compose version" failed (${said}): the LocalStack target needs the Docker ` +
        `Compose v2 plugin (\`docker compose\`, not the old \`docker-compose\`). ${EMBEDDED_HINT}`,
    );
  }
}
