/**
 * The container host for `--inventory-only`: the web services (those behind the load balancer)
 * and their RDS instances are recorded but not run; the inventory worker still runs. For users
 * who only exercise the inventory path, or run the services themselves with DATABASE_URL.
 */
import type { ContainerHost } from './container-host.ts';

export function inventoryOnlyHost(host: ContainerHost): ContainerHost {
  return {
    async runService(spec) {
      if (spec.port === undefined) return host.runService(spec);
      return { name: spec.name, pids: [] };
    },
    stopService: (name) => host.stopService(name),
    async runDatabase(spec) {
      return { name: spec.name, host: '127.0.0.1', port: 5432, logDir: '' };
    },
    stopDatabase: (name) => host.stopDatabase(name),
  };
}
