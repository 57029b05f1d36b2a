/**
 * The LocalStack target for a comparison: `cdklocal deploy` of each mode through the plans of
 * `novamart localstack`, and `docker stats` for the metrics. Lambda mode is the whole `up` plan
 * (every step can be repeated) plus stopping a worker a previous run may have left; worker mode
 * is the flip plan.
 */
import {
  flipPlan,
  formatCommand,
  type PlannedCommand,
  type PlanOptions,
  stopWorker,
  upPlan,
} from '../localstack/plans.ts';
import type { InventoryMode, ModeTarget } from './types.ts';

export function localstackDeployPlan(
  options: PlanOptions,
  mode: InventoryMode,
  first: boolean,
): PlannedCommand[] {
  if (mode === 'lambda') {
    return first
      ? [...upPlan(options, 'lambda'), stopWorker(options)]
      : flipPlan(options, 'lambda');
  }
  return first ? upPlan(options, 'worker') : flipPlan(options, 'worker');
}

export interface LocalstackTargetOptions {
  plan: PlanOptions;
  /** Runs a plan (src/localstack/run-plan.ts in the CLI). */
  runPlan: (plan: PlannedCommand[]) => Promise<void>;
}

export function localstackTarget(options: LocalstackTargetOptions): ModeTarget {
  let deployed = 0;
  const planFor = (mode: InventoryMode, first: boolean) =>
    localstackDeployPlan(options.plan, mode, first);
  return {
    name: 'localstack',
    endpoint: options.plan.endpoints.aws,
    async deploy(mode) {
      await options.runPlan(planFor(mode, deployed === 0));
      deployed++;
    },
    async metrics() {
      return { dockerStats: true };
    },
    describeDeploy(mode) {
      // The first mode compare deploys is always lambda; worker follows as a flip.
      return planFor(mode, mode === 'lambda').map(formatCommand);
    },
  };
}
