import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DETAIL_TYPE, MAX_RECEIVE_COUNT } from '../../src/shared/names.ts';
import { useLocalCloud } from '../helpers/cloud.ts';
import {
  createInventoryResources,
  orderPlacedEvent,
  queueDepth,
  readStock,
  receiveAll,
  receiveOutcomes,
  scanReservations,
  seedStock,
  sendBodies,
} from '../inventory/inventory-fixture.ts';
import { spawnWorker, type WorkerProcess, waitFor } from './spawn-worker.ts';

const cloud = useLocalCloud();
const running: WorkerProcess[] = [];

afterEach(async () => {
  for (const worker of running.splice(0)) {
    if (worker.child.exitCode === null && worker.child.signalCode === null)
      worker.child.kill('SIGKILL');
    await worker.exited;
  }
});

function start(queueUrl: string, args: string[] = []) {
  const worker = spawnWorker(cloud, queueUrl, args);
  running.push(worker);
  return worker;
}

/** Each test starts real worker processes (seconds each through tsx on a busy machine). */
const WORKER_TEST_TIMEOUT_MS = 120_000;

const tag = () => randomUUID().slice(0, 8).toUpperCase();

describe('novamart worker', () => {
  it(
    'moves a malformed message to the DLQ after maxReceiveCount without blocking the others',
    async () => {
      // Arrange
      const resources = await createInventoryResources(cloud, { visibilityTimeoutSeconds: 1 });
      const sku = `POISON-${tag()}`;
      await seedStock(resources, sku, 10);
      const orders = Array.from({ length: 5 }, (_, i) =>
        orderPlacedEvent(`poison-${sku}-${i}`, [{ sku, quantity: 1 }]),
      );
      await sendBodies(resources, [
        '{"this is": not json',
        ...orders.map((o) => JSON.stringify(o)),
      ]);

      // Act
      const worker = start(resources.queueUrl);
      await worker.ready;
      const outcomes = await receiveOutcomes(resources, 5, 30_000);
      const deadLetters = await receiveAll(resources.sqs, resources.deadLetterQueueUrl, 1, 30_000);

      // Assert
      expect(outcomes.map((e) => e['detail-type'])).toEqual(
        Array(5).fill(DETAIL_TYPE.inventoryReserved),
      );
      expect(await readStock(resources, sku)).toEqual({ stock: 5, reserved: 5 });
      expect(deadLetters).toEqual(['{"this is": not json']);
      const poisonLogs = worker
        .output()
        .split('\n')
        .filter((line) => line.includes('poison message left for the DLQ'));
      expect(poisonLogs.length).toBeGreaterThanOrEqual(MAX_RECEIVE_COUNT);
      expect(poisonLogs.every((line) => /"messageId":"[^"]+"/.test(line))).toBe(true);
      expect(await queueDepth(resources)).toEqual({ visible: 0, inFlight: 0 });
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  it(
    'handles every order exactly once when killed with SIGKILL mid-run and restarted',
    async () => {
      // Arrange
      const resources = await createInventoryResources(cloud, { visibilityTimeoutSeconds: 2 });
      const skus = ['A', 'B', 'C'].map((name) => `KILL-${name}-${tag()}`);
      for (const sku of skus) await seedStock(resources, sku, 100);
      const prefix = `kill-${tag()}`;
      const orders = Array.from({ length: 120 }, (_, i) =>
        orderPlacedEvent(`${prefix}-${i}`, [
          { sku: skus[i % 3], quantity: 1 + (i % 2) },
          { sku: skus[(i + 1) % 3], quantity: 1 },
        ]),
      );
      await sendBodies(
        resources,
        orders.map((o) => JSON.stringify(o)),
      );

      // Act: kill as soon as work is under way, then start a fresh worker.
      const first = start(resources.queueUrl, ['--concurrency', '2']);
      await first.ready;
      await waitFor(async () => (await scanReservations(resources, prefix)).length > 0, 30_000, 20);
      first.child.kill('SIGKILL');
      const killed = await first.exited;
      const doneAtKill = (await scanReservations(resources, prefix)).length;
      await start(resources.queueUrl, ['--concurrency', '2']).ready;
      const finished = await waitFor(
        async () => (await scanReservations(resources, prefix)).length === orders.length,
        60_000,
        250,
      );

      // Assert
      expect(killed.signal).toBe('SIGKILL');
      expect(doneAtKill).toBeLessThan(orders.length);
      expect(finished).toBe(true);
      const records = await scanReservations(resources, prefix);
      expect(new Set(records.map((r) => r.orderId)).size).toBe(orders.length);
      const reservedBySku = new Map<string, number>();
      for (const record of records) {
        const outcome = record.outcome as {
          detailType: string;
          detail: { items?: Array<{ sku: string; quantity: number }> };
        };
        expect(outcome.detailType).toBe(DETAIL_TYPE.inventoryReserved);
        for (const item of outcome.detail.items ?? [])
          reservedBySku.set(item.sku, (reservedBySku.get(item.sku) ?? 0) + item.quantity);
      }
      for (const sku of skus) {
        const { stock, reserved } = await readStock(resources, sku);
        expect(reserved).toBe(reservedBySku.get(sku));
        expect(stock + reserved).toBe(100);
      }
      // Redelivered orders may publish again, but always the same outcome.
      const byOrder = new Map<string, Set<string>>();
      const deadline = Date.now() + 20_000;
      while (byOrder.size < orders.length && Date.now() < deadline) {
        for (const event of await receiveOutcomes(resources, 10, 1_000)) {
          const seen = byOrder.get(event.detail.orderId) ?? new Set<string>();
          seen.add(JSON.stringify(event.detail));
          byOrder.set(event.detail.orderId, seen);
        }
      }
      expect(byOrder.size).toBe(orders.length);
      expect([...byOrder.values()].every((details) => details.size === 1)).toBe(true);
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  it(
    'on SIGTERM stops receiving, finishes in-flight messages and exits 0',
    async () => {
      // Arrange: a long visibility timeout, so a message received and not finished would stay in flight.
      const resources = await createInventoryResources(cloud, { visibilityTimeoutSeconds: 60 });
      const sku = `TERM-${tag()}`;
      await seedStock(resources, sku, 1000);
      const prefix = `term-${tag()}`;
      const orders = Array.from({ length: 150 }, (_, i) =>
        orderPlacedEvent(`${prefix}-${i}`, [{ sku, quantity: 1 }]),
      );
      await sendBodies(
        resources,
        orders.map((o) => JSON.stringify(o)),
      );

      // Act
      const worker = start(resources.queueUrl, ['--concurrency', '2']);
      await worker.ready;
      await waitFor(async () => (await scanReservations(resources, prefix)).length > 0, 30_000, 20);
      worker.child.kill('SIGTERM');
      const exit = await worker.exited;

      // Assert
      expect(exit).toEqual({ code: 0, signal: null });
      const depth = await queueDepth(resources);
      const handled = (await scanReservations(resources, prefix)).length;
      expect(depth.inFlight).toBe(0);
      expect(handled + depth.visible).toBe(orders.length);
      expect(await readStock(resources, sku)).toEqual({ stock: 1000 - handled, reserved: handled });
      expect(worker.output()).toContain('worker stopped');
    },
    WORKER_TEST_TIMEOUT_MS,
  );
});
