/**
 * Facts about docker-compose.localstack.yml that the commands and the checks share, so a rename
 * there breaks a test rather than a command.
 */
import { fileURLToPath } from 'node:url';

/** The repository root: the compose file's folder and every image's build context. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const COMPOSE_FILE = 'docker-compose.localstack.yml';
export const COMPOSE_FILE_PATH = `${PROJECT_ROOT}${COMPOSE_FILE}`;

/** Compose service names. */
export const COMPOSE_SERVICES = Object.freeze({
  localstack: 'localstack',
  catalogPostgres: 'catalog-postgres',
  orderPostgres: 'order-postgres',
  catalog: 'catalog',
  orders: 'orders',
  worker: 'inventory-worker',
});

/** What must run before `cdklocal deploy`: LocalStack, and the databases (slow to initialise). */
export const INFRASTRUCTURE_SERVICES = [
  COMPOSE_SERVICES.localstack,
  COMPOSE_SERVICES.catalogPostgres,
  COMPOSE_SERVICES.orderPostgres,
] as const;

/** What needs the deployed stack (the order service looks its queue up by name at start). */
export const APPLICATION_SERVICES = [COMPOSE_SERVICES.catalog, COMPOSE_SERVICES.orders] as const;

/** The profile the worker sits behind: it runs only in worker mode. */
export const WORKER_PROFILE = 'worker';

/** Container names `docker logs` takes; the slow-query reader uses the same two. */
export const POSTGRES_CONTAINERS = Object.freeze({
  catalog: 'novamart-catalog-postgres',
  orders: 'novamart-order-postgres',
});

/** The Dockerfiles the compose file builds, relative to the build context (the repository root). */
export const COMPOSE_DOCKERFILES = Object.freeze({
  [COMPOSE_SERVICES.catalog]: 'services/catalog/Dockerfile',
  [COMPOSE_SERVICES.orders]: 'services/orders/Dockerfile',
  [COMPOSE_SERVICES.worker]: 'src/worker/Dockerfile',
});
