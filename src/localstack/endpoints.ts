/**
 * Where the LocalStack target listens, for every command that talks to it (`novamart localstack`,
 * `loadtest --target localstack`, `compare --target localstack`). The ports are the ones
 * docker-compose.localstack.yml publishes on 127.0.0.1; LocalStack answers any credentials.
 */

/** LocalStack's edge port: every AWS API the stack uses. */
export const LOCALSTACK_ENDPOINT = 'http://localhost:4566';
/** The catalog container (`GET /products`), like the seed's catalog on 8080. */
export const LOCALSTACK_CATALOG_URL = 'http://localhost:8080';
/** The order container (`POST /orders`), like the seed's order service on 8081. */
export const LOCALSTACK_ORDERS_URL = 'http://localhost:8081';

export const LOCALSTACK_REGION = 'us-east-1';
/** LocalStack's default account: what `cdklocal bootstrap` targets. */
export const LOCALSTACK_ACCOUNT = '000000000000';
/** LocalStack accepts any key pair; these are the ones its docs and tools use. */
export const LOCALSTACK_CREDENTIALS = Object.freeze({
  accessKeyId: 'test',
  secretAccessKey: 'test',
});

export interface LocalstackEndpoints {
  /** `LOCALSTACK_ENDPOINT`, @default http://localhost:4566 */
  aws: string;
  /** `NOVAMART_CATALOG_URL`, @default http://localhost:8080 */
  catalog: string;
  /** `NOVAMART_ORDERS_URL`, @default http://localhost:8081 */
  orders: string;
  region: string;
}

/** The defaults above, each overridable from the environment (e.g. LocalStack on another host). */
export function localstackEndpoints(env: NodeJS.ProcessEnv = process.env): LocalstackEndpoints {
  return {
    aws: env.LOCALSTACK_ENDPOINT || LOCALSTACK_ENDPOINT,
    catalog: env.NOVAMART_CATALOG_URL || LOCALSTACK_CATALOG_URL,
    orders: env.NOVAMART_ORDERS_URL || LOCALSTACK_ORDERS_URL,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || LOCALSTACK_REGION,
  };
}
