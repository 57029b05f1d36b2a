/**
 * How the embedded deployer runs what AWS would run as containers and RDS instances: it asks the
 * local cloud, which owns them as child processes, so they stop when the local cloud stops.
 * The wire format is a small JSON API under `/_novamart/` on the local cloud's port.
 */

export interface ServiceSpec {
  /** The ECS service's container name, e.g. `catalog`. */
  name: string;
  /** The container's command, run from the repository root. */
  command: string[];
  env: Record<string, string>;
  replicas: number;
  /** The balancer's port on 127.0.0.1; omitted for services nobody calls (the worker). */
  port?: number;
}

export interface RunningService {
  name: string;
  /** `http://127.0.0.1:port` of the balancer, when the service has one. */
  url?: string;
  pids: number[];
}

export interface DatabaseSpec {
  /** One server per database instance, named by its logical id (e.g. `catalog`). */
  name: string;
  database: string;
  username: string;
  password: string;
  /** Server parameters taken from the template's DB parameter group. */
  parameters: Record<string, string>;
}

export interface RunningDatabase {
  name: string;
  host: string;
  port: number;
  logDir: string;
  pid?: number;
}

export interface ContainerHost {
  runService(spec: ServiceSpec): Promise<RunningService>;
  stopService(name: string): Promise<void>;
  runDatabase(spec: DatabaseSpec): Promise<RunningDatabase>;
  stopDatabase(name: string): Promise<void>;
}

async function call<T>(endpoint: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, endpoint), {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`local cloud ${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The client side, used by `novamart local deploy`. */
export function containerHostClient(endpoint: string): ContainerHost {
  return {
    runService: (spec) =>
      call(endpoint, 'PUT', `/_novamart/services/${encodeURIComponent(spec.name)}`, spec),
    stopService: (name) =>
      call(endpoint, 'DELETE', `/_novamart/services/${encodeURIComponent(name)}`),
    runDatabase: (spec) =>
      call(endpoint, 'PUT', `/_novamart/databases/${encodeURIComponent(spec.name)}`, spec),
    stopDatabase: (name) =>
      call(endpoint, 'DELETE', `/_novamart/databases/${encodeURIComponent(name)}`),
  };
}
