import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareCatalogDatabase } from '../../services/catalog/prepare.ts';
import { startReplicaSet } from '../../src/balancer/replica-set.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { usePostgres } from '../helpers/postgres.ts';

const postgres = usePostgres(['catalog']);

beforeAll(async () => {
  // What the deployer does once before starting replicas.
  await prepareCatalogDatabase(postgres.urls.catalog, {
    logger: silentLogger,
    priceHistoryHours: 1,
  });
});

describe('startReplicaSet', () => {
  it('runs catalog replicas as processes behind the balancer and stops them all', async () => {
    // Arrange
    const set = await startReplicaSet({
      service: 'catalog',
      entry: 'services/catalog/main.ts',
      count: 2,
      logger: silentLogger,
      env: {
        CATALOG_DATABASE_URL: postgres.urls.catalog,
        CATALOG_PRICE_HISTORY_HOURS: '1',
        NOVAMART_LOG_LEVEL: 'warn',
      },
    });

    try {
      // Act
      const answers = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${set.url}/products?size=2`);
        answers.push({
          status: response.status,
          instance: response.headers.get('x-instance'),
          ids: (await response.json()).items.map((p: { id: number }) => p.id),
        });
      }

      // Assert
      expect(answers.map((a) => a.instance)).toEqual([
        'catalog-1',
        'catalog-2',
        'catalog-1',
        'catalog-2',
      ]);
      expect(answers.every((a) => a.status === 200 && a.ids.join() === '1,2')).toBe(true);

      // Act: one replica dies; the other takes all requests.
      set.replicas[0].process.kill('SIGKILL');
      await new Promise((resolve) => set.replicas[0].process.once('exit', resolve));
      const afterCrash = await Promise.all([1, 2, 3].map(() => fetch(`${set.url}/health`)));
      expect(afterCrash.map((r) => r.headers.get('x-instance'))).toEqual([
        'catalog-2',
        'catalog-2',
        'catalog-2',
      ]);
    } finally {
      await set.stop();
    }

    // Assert: no replica left, and none holds a database connection.
    expect(
      set.replicas.every((r) => r.process.exitCode !== null || r.process.signalCode !== null),
    ).toBe(true);
    const client = new pg.Client(postgres.urls.catalog);
    await client.connect();
    const sessions = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'catalog' AND pid <> pg_backend_pid()`,
    );
    await client.end();
    expect(sessions.rows[0].n).toBe(0);
  });
});
