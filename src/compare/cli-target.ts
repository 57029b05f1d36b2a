/** The target `novamart compare` measures, built from its flags. */
import { DEFAULT_ENDPOINT } from '../cli/options.ts';
import { localstackEndpoints } from '../localstack/endpoints.ts';
import { requireDockerCompose } from '../localstack/require-docker.ts';
import { runPlan } from '../localstack/run-plan.ts';
import type { Logger } from '../shared/logger.ts';
import { embeddedTarget } from './embedded-target.ts';
import { localstackTarget } from './localstack-target.ts';
import { deployedServicePorts } from './service-ports.ts';
import type { ModeTarget } from './types.ts';

export interface TargetFlags {
  target: 'embedded' | 'localstack';
  endpoint?: string;
  stateDir?: string;
  inventoryOnly?: boolean;
  logger: Logger;
  print: (line: string) => void;
}

export function buildTarget(flags: TargetFlags): ModeTarget {
  if (flags.target === 'localstack') {
    const endpoints = localstackEndpoints();
    if (flags.endpoint) endpoints.aws = flags.endpoint;
    const plan = { dockerBin: process.env.NOVAMART_DOCKER || 'docker', endpoints };
    return localstackTarget({
      plan,
      runPlan: async (commands) => {
        // Checked per deploy, not up front, so --dry-run works without Docker.
        requireDockerCompose(plan.dockerBin);
        await runPlan(commands, { print: flags.print });
      },
    });
  }
  const endpoint = flags.endpoint ?? DEFAULT_ENDPOINT;
  return embeddedTarget({
    endpoint,
    logger: flags.logger,
    stateDir: flags.stateDir,
    inventoryOnly: flags.inventoryOnly,
    servicePorts: deployedServicePorts(endpoint, flags.stateDir),
    onChange: (change) => {
      if (change.change !== 'unchanged')
        flags.print(`  ${change.change.padEnd(9)} ${change.type.padEnd(36)} ${change.logicalId}`);
    },
  });
}
