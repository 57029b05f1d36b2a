/**
 * What each `novamart localstack` step runs, as data: a command line, its extra environment and
 * why it runs. Building the plan is separate from running it so the plan can be printed
 * (`--dry-run`) and checked without Docker.
 */
import type { InventoryMode } from '../../lib/app-settings.ts';
import {
  APPLICATION_SERVICES,
  COMPOSE_FILE,
  COMPOSE_SERVICES,
  INFRASTRUCTURE_SERVICES,
  WORKER_PROFILE,
} from './compose.ts';
import {
  LOCALSTACK_ACCOUNT,
  LOCALSTACK_CREDENTIALS,
  type LocalstackEndpoints,
} from './endpoints.ts';

/**
 * The stack's name (lib/novamart-app.ts STACK_NAME; a test keeps the two equal). Not imported from
 * there: that module loads aws-cdk-lib, seconds of start-up for a command that only prints.
 */
export const STACK_NAME = 'NovaMart';

export interface PlannedCommand {
  program: string;
  args: string[];
  /** Added to the environment of this command only. */
  env?: Record<string, string>;
  /** One line saying what the step is for, printed before it. */
  why: string;
}

export interface PlanOptions {
  /** The docker CLI. @default `NOVAMART_DOCKER` or `docker` */
  dockerBin: string;
  endpoints: LocalstackEndpoints;
}

function compose(options: PlanOptions, args: string[], why: string): PlannedCommand {
  return { program: options.dockerBin, args: ['compose', '-f', COMPOSE_FILE, ...args], why };
}

/** `cdklocal` from node_modules (aws-cdk-local, with aws-cdk beside it), aimed at LocalStack. */
function cdklocal(options: PlanOptions, args: string[], why: string): PlannedCommand {
  const { endpoints } = options;
  return {
    program: 'npx',
    args: ['cdklocal', ...args],
    env: {
      AWS_ENDPOINT_URL: endpoints.aws,
      AWS_REGION: endpoints.region,
      AWS_DEFAULT_REGION: endpoints.region,
      AWS_ACCESS_KEY_ID: LOCALSTACK_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCALSTACK_CREDENTIALS.secretAccessKey,
    },
    why,
  };
}

/** `-c name=value` for the template LocalStack gets (no VPC, ECS, ALB or RDS) in `mode`. */
export function localstackContext(mode: InventoryMode): string[] {
  return ['-c', 'target=localstack', '-c', `inventoryMode=${mode}`];
}

export function startInfrastructure(options: PlanOptions): PlannedCommand {
  return compose(
    options,
    ['up', '-d', '--wait', ...INFRASTRUCTURE_SERVICES],
    'start LocalStack and both PostgreSQL servers, and wait until their health checks pass',
  );
}

export function bootstrap(options: PlanOptions): PlannedCommand {
  return cdklocal(
    options,
    [
      'bootstrap',
      `aws://${LOCALSTACK_ACCOUNT}/${options.endpoints.region}`,
      '-c',
      'target=localstack',
    ],
    'create the CDK bootstrap resources (asset bucket, roles) in LocalStack; safe to repeat',
  );
}

export function deploy(options: PlanOptions, mode: InventoryMode): PlannedCommand {
  return cdklocal(
    options,
    ['deploy', STACK_NAME, '--require-approval', 'never', ...localstackContext(mode)],
    `deploy the stack with inventory in ${mode} mode`,
  );
}

export function startApplication(options: PlanOptions, mode: InventoryMode): PlannedCommand {
  const worker = mode === 'worker';
  return compose(
    options,
    [
      ...(worker ? ['--profile', WORKER_PROFILE] : []),
      'up',
      '-d',
      '--wait',
      '--build',
      ...APPLICATION_SERVICES,
      ...(worker ? [COMPOSE_SERVICES.worker] : []),
    ],
    `build and start the catalog and order services${worker ? ' and the inventory worker' : ''}`,
  );
}

export function startWorker(options: PlanOptions): PlannedCommand {
  return compose(
    options,
    ['--profile', WORKER_PROFILE, 'up', '-d', '--wait', '--build', COMPOSE_SERVICES.worker],
    'start the inventory worker: the rule now sends order.placed to its queue',
  );
}

export function stopWorker(options: PlanOptions): PlannedCommand {
  return compose(
    options,
    ['--profile', WORKER_PROFILE, 'stop', COMPOSE_SERVICES.worker],
    'stop the inventory worker (it finishes its in-flight messages); the Lambda drains the queue now',
  );
}

export function stopAll(options: PlanOptions, removeVolumes: boolean): PlannedCommand {
  return compose(
    options,
    ['--profile', WORKER_PROFILE, 'down', ...(removeVolumes ? ['--volumes'] : [])],
    removeVolumes
      ? 'stop and remove every container, the network and the database volumes'
      : 'stop and remove every container and the network',
  );
}

export function showContainers(options: PlanOptions): PlannedCommand {
  return compose(
    options,
    ['--profile', WORKER_PROFILE, 'ps'],
    'list the containers and their health',
  );
}

/** `novamart localstack up`: the whole target, in the one order that works. */
export function upPlan(
  options: PlanOptions,
  mode: InventoryMode,
  withBootstrap = true,
): PlannedCommand[] {
  return [
    startInfrastructure(options),
    ...(withBootstrap ? [bootstrap(options)] : []),
    deploy(options, mode),
    startApplication(options, mode),
  ];
}

/**
 * `novamart localstack flip`: redeploy first, then move the compute. Either way round no message is
 * lost: to worker, order.placed waits in the queue until the worker polls; to lambda, the
 * function's queue mapping drains what the stopping worker leaves.
 */
export function flipPlan(options: PlanOptions, to: InventoryMode): PlannedCommand[] {
  return [deploy(options, to), to === 'worker' ? startWorker(options) : stopWorker(options)];
}

/** A command line as a person would type it, with its extra environment in front. */
export function formatCommand(command: PlannedCommand): string {
  const quote = (word: string) =>
    /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
  const env = Object.entries(command.env ?? {})
    .filter(([name]) => name === 'AWS_ENDPOINT_URL' || name === 'AWS_REGION')
    .map(([name, value]) => `${name}=${quote(value)}`);
  return [...env, ...[command.program, ...command.args].map(quote)].join(' ');
}
