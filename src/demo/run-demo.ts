/**
 * The main job in one call: start the local cloud as a child process, deploy lambda mode with the
 * services, send brief catalog and order traffic and a few calls of the slow endpoint, compare
 * lambda and worker mode with inventory-e2e, write the report with the slow statements, and stop
 * everything it started, also when stopped half-way (the report of what ran is still written).
 */
import path from 'node:path';
import { DEFAULT_SLOW_QUERY_MS } from '../../lib/postgres-settings.ts';
import { writeReport } from '../../loadtests/report/write-report.ts';
import { embeddedTarget } from '../compare/embedded-target.ts';
import { reasonOf } from '../compare/errors.ts';
import { addReportSections, type ReportSection } from '../compare/report-sections.ts';
import { type CompareResult, runCompare, seconds } from '../compare/run-compare.ts';
import type { InventoryMode } from '../compare/types.ts';
import type { Logger } from '../shared/logger.ts';
import { startCloudProcess } from './cloud-process.ts';
import type { DemoPlan } from './demo-plan.ts';
import { runServiceLoad, type ServiceRun, serviceRunsSection } from './service-runs.ts';
import { callSlowEndpoint } from './slow-endpoint.ts';
import {
  readSlowStatements,
  type SlowStatementRow,
  slowStatementsSection,
} from './slow-statements.ts';

export interface DemoOptions {
  plan: DemoPlan;
  /** Fresh for each demo: deploy state, cdk.out, service logs, PostgreSQL data and logs. */
  stateDir: string;
  /** Where the report goes. */
  outDir: string;
  /** 0 means any free port. */
  ports: { cloud: number; catalog: number; orders: number };
  logger: Logger;
  print: (line: string) => void;
  progressStream?: NodeJS.WriteStream;
  stopSignal: AbortSignal;
}

export interface DemoResult extends CompareResult {
  serviceRuns: ServiceRun[];
  slowStatements: SlowStatementRow[];
  /** Set when the slow-statement log could not be read. */
  slowlogError?: string;
  endpoint?: string;
}

/** The slow-query threshold the demo's PostgreSQL servers log at (the CDK app's default). */
const SLOW_QUERY_MS = DEFAULT_SLOW_QUERY_MS;

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { plan, print, logger, stopSignal } = options;
  print(`local cloud: starting (state in ${options.stateDir})`);
  const started = Date.now();
  const cloud = await startCloudProcess({ port: options.ports.cloud, stateDir: options.stateDir });
  let closing: Promise<void> | undefined;
  const closeCloud = () => {
    closing ??= cloud.stop();
    return closing;
  };
  print(
    `local cloud: ready on ${cloud.endpoint} in ${seconds(Date.now() - started)} (pid ${cloud.pid}, log ${cloud.logFile})`,
  );

  // A deploy cannot be cancelled half-way; stopping the cloud under it makes it fail fast.
  let deploying = false;
  const onStop = () => {
    if (deploying) void closeCloud().catch(() => {});
  };
  stopSignal.addEventListener('abort', onStop, { once: true });

  const serviceUrls: Record<string, string> = {};
  const serviceRuns: ServiceRun[] = [];
  let slowStatements: SlowStatementRow[] = [];
  let slowlogError: string | undefined;
  // Slow statements from the first traffic on: deploys run migrations and generate the price
  // history, which PostgreSQL logs as slow too, but they are not what the demo is asking about.
  let trafficStartedMs: number | undefined;
  const extraSections = async (): Promise<ReportSection[]> => {
    const sections: ReportSection[] = [];
    if (serviceRuns.length > 0) sections.push(serviceRunsSection(serviceRuns));
    print('slow statements: reading the PostgreSQL logs');
    try {
      slowStatements = await readSlowStatements({
        logDir: path.join(options.stateDir, 'postgres'),
        minDurationMs: SLOW_QUERY_MS,
        sinceMs: trafficStartedMs,
        top: 5,
        logger,
      });
    } catch (err) {
      slowlogError = reasonOf(err);
    }
    sections.push(slowStatementsSection(slowStatements, SLOW_QUERY_MS));
    return sections;
  };
  try {
    const target = embeddedTarget({
      endpoint: cloud.endpoint,
      logger,
      stateDir: options.stateDir,
      servicePorts: { catalog: options.ports.catalog, orders: options.ports.orders },
      onDeployed: (_mode, urls) => Object.assign(serviceUrls, urls),
    });
    const deploy = target.deploy.bind(target);
    target.deploy = async (mode) => {
      deploying = true;
      try {
        await deploy(mode);
      } finally {
        deploying = false;
      }
    };

    const result = await runCompare({
      target,
      load: {
        rates: plan.inventoryRates,
        durationMs: plan.inventoryStepMs,
        warmupMs: plan.inventoryWarmupMs,
        p95LimitMs: plan.inventoryP95LimitMs,
        errorRateLimit: plan.errorRateLimit,
        requestTimeoutMs: plan.requestTimeoutMs,
      },
      outDir: options.outDir,
      logger,
      print,
      progressStream: options.progressStream,
      stopSignal,
      afterDeploy: async (mode: InventoryMode) => {
        if (mode !== 'lambda') return;
        trafficStartedMs = Date.now();
        await driveServices(options, serviceUrls, serviceRuns);
      },
      extraSections,
    });
    // Stopped before inventory ran: the service runs still make a report.
    if (!result.report && serviceRuns.length > 0) {
      result.report = await writeReport([path.join(options.outDir, 'services')], options.outDir);
      await addReportSections(result.report, await extraSections());
    }
    return {
      ...result,
      serviceRuns,
      slowStatements,
      slowlogError,
      endpoint: cloud.endpoint,
    };
  } finally {
    stopSignal.removeEventListener('abort', onStop);
    print('stopping: services, worker, PostgreSQL and the local cloud');
    const stopping = Date.now();
    await closeCloud().catch((err: unknown) =>
      logger.warn({ err: reasonOf(err) }, 'the local cloud did not close cleanly'),
    );
    print(`stopped in ${seconds(Date.now() - stopping)}`);
  }
}

async function driveServices(
  options: DemoOptions,
  serviceUrls: Record<string, string>,
  serviceRuns: ServiceRun[],
): Promise<void> {
  const { plan, print, stopSignal } = options;
  const urls = {
    'catalog-products': serviceUrls.catalog,
    'order-create': serviceUrls.orders,
  };
  print(`services: catalog at ${urls['catalog-products']}, orders at ${urls['order-create']}`);
  for (const load of plan.services) {
    const baseUrl = urls[load.scenario];
    if (!baseUrl) throw new Error(`the deploy reported no URL for the ${load.scenario} service`);
    if (stopSignal.aborted) return;
    print(
      `${load.scenario}: ${load.rateRps} rps for ${seconds(load.durationMs)} (p95 limit ${load.p95LimitMs} ms)`,
    );
    serviceRuns.push(
      await runServiceLoad({
        load,
        baseUrl,
        outDir: options.outDir,
        requestTimeoutMs: plan.requestTimeoutMs,
        errorRateLimit: plan.errorRateLimit,
        logger: options.logger,
        progressStream: options.progressStream,
        stopSignal,
      }),
    );
  }
  if (stopSignal.aborted || !urls['catalog-products']) return;
  print(`slow endpoint: GET /products/:id/price-history x${plan.slowEndpointCalls}`);
  const calls = await callSlowEndpoint(
    urls['catalog-products'],
    plan.slowEndpointCalls,
    stopSignal,
  ).catch((err: unknown) => {
    if (stopSignal.aborted) return [];
    throw err;
  });
  for (const call of calls) {
    print(
      `  /products/${call.productId}/price-history: ${call.status} in ${call.elapsedMs.toFixed(0)} ms`,
    );
  }
}
