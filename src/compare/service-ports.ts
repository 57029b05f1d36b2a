/**
 * The balancer ports of an existing embedded deployment, read from its deploy state, so a
 * comparison's redeploys keep the services where `novamart local deploy` put them.
 */
import { resolve } from 'node:path';
import { loadDeployState } from '../deploy/state.ts';
import { defaultStateDir } from '../shared/state-dir.ts';

export function deployedServicePorts(endpoint: string, stateDir?: string): Record<string, number> {
  const file = resolve(stateDir ?? defaultStateDir(), 'deploy-state.json');
  const ports: Record<string, number> = {};
  for (const stack of Object.values(loadDeployState(file, endpoint).stacks)) {
    for (const resource of Object.values(stack.resources)) {
      const url = resource.type === 'AWS::ECS::Service' ? resource.attributes.Url : undefined;
      const port = url ? Number(new URL(url).port) : 0;
      if (port > 0) ports[resource.physicalId] = port;
    }
  }
  return ports;
}
