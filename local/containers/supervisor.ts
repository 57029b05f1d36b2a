/**
 * What the local cloud runs in place of ECS services and RDS instances: replicas of a service's
 * command behind a round-robin balancer, and embedded PostgreSQL servers. They are children of
 * the local cloud, so stopping it stops them all.
 */
import { join } from 'node:path';
import pg from 'pg';
import { type Balancer, startBalancer } from '../../src/balancer/round-robin-balancer.ts';
import type {
  DatabaseSpec,
  RunningDatabase,
  RunningService,
  ServiceSpec,
} from '../../src/deploy/containers/container-host.ts';
import { type EmbeddedPostgresServer, startEmbeddedPostgres } from '../../src/postgres/embedded.ts';
import { findFreePort } from '../../src/shared/free-port.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { waitForHealthy } from './health.ts';
import { Replica } from './replica.ts';

const HEALTHY_TIMEOUT_MS = 90_000;

export interface SupervisorOptions {
  logger: Logger;
  /** Commands run from here (the repository root). */
  projectRoot: string;
  /** Replica logs and PostgreSQL data go under here. @default `<projectRoot>/.novamart` */
  stateDir?: string;
}

interface ServiceEntry {
  spec: ServiceSpec;
  replicas: Replica[];
  balancer?: Balancer;
}

interface DatabaseEntry {
  spec: DatabaseSpec;
  server: EmbeddedPostgresServer;
}

export interface ProcessInfo {
  pid: number;
  role: string;
}

export class ContainerSupervisor {
  private readonly services = new Map<string, ServiceEntry>();
  private readonly databases = new Map<string, DatabaseEntry>();
  private readonly stateDir: string;

  constructor(private readonly options: SupervisorOptions) {
    this.stateDir = options.stateDir ?? join(options.projectRoot, '.novamart');
  }

  async runService(spec: ServiceSpec): Promise<RunningService> {
    const existing = this.services.get(spec.name);
    if (existing && JSON.stringify(existing.spec) === JSON.stringify(spec))
      return this.describe(existing);
    if (existing) await this.stopService(spec.name);

    const entry: ServiceEntry = { spec, replicas: [] };
    this.services.set(spec.name, entry);
    const upstreams: { name: string; host: string; port: number }[] = [];
    for (let i = 0; i < spec.replicas; i++) {
      const port = await findFreePort();
      const replica = new Replica({
        instanceId: `${spec.name}-${i + 1}`,
        command: spec.command,
        env: { ...spec.env, PORT: String(port) },
        cwd: this.options.projectRoot,
        logDir: join(this.stateDir, 'logs'),
        logger: this.options.logger,
      });
      entry.replicas.push(replica);
      upstreams.push({ name: `${spec.name}-${i + 1}`, host: '127.0.0.1', port });
    }
    if (spec.port !== undefined) {
      await Promise.all(
        upstreams.map((u, i) =>
          waitForHealthy(
            `http://${u.host}:${u.port}`,
            HEALTHY_TIMEOUT_MS,
            () => entry.replicas[i]!.alive,
          ),
        ),
      );
      entry.balancer = await startBalancer({
        port: spec.port,
        upstreams,
        logger: this.options.logger,
      });
    }
    this.options.logger.info(
      { service: spec.name, replicas: spec.replicas, url: entry.balancer?.url },
      'service running',
    );
    return this.describe(entry);
  }

  async stopService(name: string): Promise<void> {
    const entry = this.services.get(name);
    if (!entry) return;
    this.services.delete(name);
    await entry.balancer?.close();
    await Promise.all(entry.replicas.map((r) => r.stop()));
    this.options.logger.info({ service: name }, 'service stopped');
  }

  async runDatabase(spec: DatabaseSpec): Promise<RunningDatabase> {
    const existing = this.databases.get(spec.name);
    if (existing && JSON.stringify(existing.spec) === JSON.stringify(spec))
      return describeDatabase(existing);
    if (existing) await this.stopDatabase(spec.name);
    const server = await startEmbeddedPostgres({
      name: spec.name,
      databases: [spec.database],
      password: spec.password,
      parameterGroup: spec.parameters,
      rootDir: join(this.stateDir, 'postgres'),
      logger: this.options.logger,
    });
    await ensureOwner(server.databaseUrl(spec.database), spec);
    const entry = { spec, server };
    this.databases.set(spec.name, entry);
    return describeDatabase(entry);
  }

  async stopDatabase(name: string): Promise<void> {
    const entry = this.databases.get(name);
    if (!entry) return;
    this.databases.delete(name);
    await entry.server.stop();
  }

  /** Every process we run, for the load tests' process metrics. */
  processes(): ProcessInfo[] {
    const found: ProcessInfo[] = [];
    for (const [name, entry] of this.services) {
      entry.replicas.forEach((r, i) => {
        if (r.pid) found.push({ pid: r.pid, role: `${name}-${i + 1}` });
      });
    }
    for (const [name, entry] of this.databases) {
      if (entry.server.pid) found.push({ pid: entry.server.pid, role: `postgres-${name}` });
    }
    return found;
  }

  async close(): Promise<void> {
    // Services first: they hold connections to the databases.
    for (const name of [...this.services.keys()]) await this.stopService(name);
    for (const name of [...this.databases.keys()]) await this.stopDatabase(name);
  }

  private describe(entry: ServiceEntry): RunningService {
    return {
      name: entry.spec.name,
      url: entry.balancer?.url,
      pids: entry.replicas.map((r) => r.pid).filter((p): p is number => p !== undefined),
    };
  }
}

function describeDatabase({ spec, server }: DatabaseEntry): RunningDatabase {
  return {
    name: spec.name,
    host: '127.0.0.1',
    port: server.port,
    logDir: server.logDir,
    pid: server.pid,
  };
}

/**
 * The template's master user owns its database, as on RDS: the service connects as that user
 * and its migrations create tables in the public schema.
 */
async function ensureOwner(superuserUrl: string, spec: DatabaseSpec): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(spec.username);
    const password = client.escapeLiteral(spec.password);
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [spec.username]);
    if (found.rowCount === 0) await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${password}`);
    else await client.query(`ALTER ROLE ${role} LOGIN PASSWORD ${password}`);
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(spec.database)} OWNER TO ${role}`);
    await client.query(`ALTER SCHEMA public OWNER TO ${role}`);
    // pg_stat_statements is read by the slow-query command as this user.
    await client.query(`GRANT pg_read_all_stats TO ${role}`);
  } finally {
    await client.end();
  }
}
