/**
 * The container host for `--inventory-only`: the web services (those behind the load balancer)
 * and their RDS instances are recorded but not run; the inventory worker still runs. For users
 * who only exercise the inventory path, or run the services themselves with DATABASE_URL.
 *
 * Over an earlier full deploy, the web services and databases it started are stopped, so what
 * runs matches what the deploy state records (their data stays on disk for the next full deploy).
 */
import type { ContainerHost } from './container-host.ts';

export function inventoryOnlyHost(host: ContainerHost): ContainerHost {
  return {
    async runService(spec) {
      if (spec.port === undefined) return host.runService(spec);
      await host.stopService(spec.name);
      return { name: spec.name, pids: [] };
    },
    stopService: (name) => host.stopService(name),
    async runDatabase(spec) {
      await host.stopDatabase(spec.name);
      return { name: spec.name, host: '127.0.0.1', port: 5432, logDir: '' };
    },
    stopDatabase: (name) => host.stopDatabase(name),
  };
}
