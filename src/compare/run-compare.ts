/**
 * `novamart compare` without the CLI: for each mode, deploy (or flip to) it, run `inventory-e2e`
 * over the steps with process metrics, then write one report over both runs. The demo uses it too.
 *
 * A missed threshold is a result, not a failure: the report says so. A deploy or a scenario that
 * fails is a CompareError, raised after the report of whatever did run was written.
 */
import path from 'node:path';
import { writeReport } from '../../loadtests/report/write-report.ts';
import { runLoadtest } from '../../loadtests/run-loadtest.ts';
import type { Logger } from '../shared/logger.ts';
import { comparisonHtml, comparisonMarkdown } from './comparison-table.ts';
import { CompareError, reasonOf } from './errors.ts';
import { addReportSections, type ReportSection } from './report-sections.ts';
import {
  COMPARE_MODES,
  type CompareLoad,
  type InventoryMode,
  type ModeRun,
  type ModeTarget,
} from './types.ts';

export interface CompareOptions {
  target: ModeTarget;
  load: CompareLoad;
  outDir: string;
  logger: Logger;
  /** One line per phase ("deploying worker mode ..."). */
  print: (line: string) => void;
  /** Where the load test's own progress goes. @default process.stdout */
  progressStream?: NodeJS.WriteStream;
  /** Aborting it ends the current step, skips what is left and still writes the report. */
  stopSignal?: AbortSignal;
  modes?: readonly InventoryMode[];
  /** Runs after `mode` is deployed and before it is loaded (the demo's service traffic). */
  afterDeploy?: (mode: InventoryMode) => Promise<void>;
  /** Further report sections (the demo's service runs and slow statements). */
  extraSections?: () => Promise<ReportSection[]>;
}

export interface CompareResult {
  runs: ModeRun[];
  /** Undefined when no mode got as far as a results file. */
  report?: { htmlFile: string; markdownFile: string };
  comparison: string;
  interrupted: boolean;
  /** The failure that ended the comparison early, if any; the report covers what ran before it. */
  error?: CompareError;
}

export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  const runs: ModeRun[] = [];
  let error: CompareError | undefined;
  for (const mode of options.modes ?? COMPARE_MODES) {
    if (options.stopSignal?.aborted) break;
    try {
      const run = await measureMode(mode, options);
      if (run) runs.push(run);
    } catch (err) {
      // Stopping on request may break a deploy half-way: that is the interruption, not a fault.
      if (options.stopSignal?.aborted) break;
      error =
        err instanceof CompareError
          ? err
          : new CompareError('LoadtestFailed', reasonOf(err), { cause: err });
      break;
    }
  }
  const interrupted =
    Boolean(options.stopSignal?.aborted) || runs.some((r) => r.outcome.run.interrupted);
  const labelled = runs.map(({ mode, outcome }) => ({ label: mode, run: outcome.run }));
  const comparison = comparisonMarkdown(labelled);
  if (runs.length === 0) return { runs, comparison, interrupted, error };

  const report = await writeReport(
    runs.map((r) => r.dir),
    options.outDir,
  );
  const sections: ReportSection[] = [
    {
      title: 'Lambda mode against worker mode',
      markdown: comparison,
      html: comparisonHtml(labelled),
    },
    ...((await options.extraSections?.()) ?? []),
  ];
  await addReportSections(report, sections);
  return { runs, report, comparison, interrupted, error };
}

async function measureMode(
  mode: InventoryMode,
  options: CompareOptions,
): Promise<ModeRun | undefined> {
  const { target, load } = options;
  const started = Date.now();
  options.print(`deploying ${mode} mode to ${target.name} (${target.endpoint})`);
  try {
    await target.deploy(mode);
  } catch (err) {
    throw new CompareError('DeployFailed', `deploying ${mode} mode failed: ${reasonOf(err)}`, {
      cause: err,
    });
  }
  options.print(`${mode} mode deployed in ${seconds(Date.now() - started)}`);
  if (options.stopSignal?.aborted) return undefined;
  await options.afterDeploy?.(mode);
  if (options.stopSignal?.aborted) return undefined;

  const dir = path.join(options.outDir, mode);
  options.print(
    `inventory-e2e in ${mode} mode: ${load.rates.join(', ')} rps, ${seconds(load.durationMs)} per step`,
  );
  try {
    const outcome = await runLoadtest({
      scenario: 'inventory-e2e',
      rates: load.rates,
      durationMs: load.durationMs,
      warmupMs: load.warmupMs,
      thresholds: { p95LimitMs: load.p95LimitMs, errorRateLimit: load.errorRateLimit },
      target: target.name,
      endpoint: target.endpoint,
      region: load.region ?? 'us-east-1',
      modeLabel: mode,
      maxInFlight: load.maxInFlight ?? 1000,
      whenFull: 'drop',
      requestTimeoutMs: load.requestTimeoutMs ?? 30_000,
      scenarioOptions: {},
      outDir: dir,
      ...(await target.metrics()),
      logger: options.logger,
      progressStream: options.progressStream,
      stopSignal: options.stopSignal,
    });
    return { mode, dir, outcome };
  } catch (err) {
    throw new CompareError(
      'LoadtestFailed',
      `inventory-e2e in ${mode} mode failed: ${reasonOf(err)}`,
      { cause: err },
    );
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
