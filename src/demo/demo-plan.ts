/**
 * How long and how hard the demo loads each part. The default fits in about five minutes on a
 * 2-core machine; `--quick` (CI) keeps both modes, the report and the slow log but little load;
 * `--full` holds each inventory step for the seed's 60 s.
 */
export type DemoLength = 'quick' | 'default' | 'full';

export interface ServiceLoad {
  scenario: 'catalog-products' | 'order-create';
  rateRps: number;
  durationMs: number;
  /** The seed's limits: catalog 100 ms, orders 1000 ms. */
  p95LimitMs: number;
}

export interface DemoPlan {
  length: DemoLength;
  inventoryRates: number[];
  inventoryStepMs: number;
  /**
   * Unmeasured load at the first rate before each mode's steps. Without it the first step of
   * lambda mode measures its cold starts (one Node process per concurrent invocation, as Lambda
   * starts them) and the comparison says more about start-up than about reservation.
   */
  inventoryWarmupMs: number;
  /** A request with no outcome after this is lost; it also bounds how long a step can drain. */
  requestTimeoutMs: number;
  /** The seed's limit for inventory-e2e. */
  inventoryP95LimitMs: number;
  errorRateLimit: number;
  services: ServiceLoad[];
  /** Calls of the catalog's slow endpoint (`GET /products/:id/price-history`), one at a time. */
  slowEndpointCalls: number;
}

export function demoPlan(length: DemoLength): DemoPlan {
  const common = { length, inventoryP95LimitMs: 500, errorRateLimit: 0.01 };
  if (length === 'quick') {
    return {
      ...common,
      inventoryRates: [100, 200],
      inventoryStepMs: 2_000,
      inventoryWarmupMs: 1_000,
      requestTimeoutMs: 5_000,
      services: [
        { scenario: 'catalog-products', rateRps: 50, durationMs: 2_000, p95LimitMs: 100 },
        { scenario: 'order-create', rateRps: 10, durationMs: 2_000, p95LimitMs: 1000 },
      ],
      slowEndpointCalls: 2,
    };
  }
  const full = length === 'full';
  return {
    ...common,
    inventoryRates: [100, 200, 400, 800],
    // 15 s a step (the issue's `compare --duration 15s`): a few seconds of a step are mostly the
    // queue left by the step before; the whole default still ends within about five minutes.
    inventoryStepMs: full ? 60_000 : 15_000,
    inventoryWarmupMs: full ? 10_000 : 3_000,
    requestTimeoutMs: full ? 30_000 : 10_000,
    services: [
      {
        scenario: 'catalog-products',
        rateRps: full ? 1000 : 100,
        durationMs: full ? 60_000 : 10_000,
        p95LimitMs: 100,
      },
      {
        scenario: 'order-create',
        rateRps: full ? 100 : 20,
        durationMs: full ? 60_000 : 10_000,
        p95LimitMs: 1000,
      },
    ],
    slowEndpointCalls: 3,
  };
}
