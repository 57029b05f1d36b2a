/**
 * The embedded deployer: reads a cloud assembly and makes the local cloud match it, resource by
 * resource in dependency order, like CloudFormation would. It names every resource type it does
 * not serve before changing anything.
 */
import type { Logger } from '../shared/logger.ts';
import type { AssemblyStack, CloudAssembly } from './assembly.ts';
import { evaluateCondition } from './conditions.ts';
import { deployOrder } from './dependencies.ts';
import { resolveDynamicReferences } from './dynamic-references.ts';
import { NO_VALUE, type ResolveScope, resolveValue, UnresolvableError } from './intrinsics.ts';
import { isHostProvided } from './provisioners/host-provided.ts';
import type { Change, DeployContext, DeployedResource } from './provisioners/types.ts';
import { provisionerFor, servedTypes } from './registry.ts';
import { type DeployState, type StackState, saveDeployState } from './state.ts';

export interface ResourceChange {
  stack: string;
  logicalId: string;
  type: string;
  physicalId: string;
  change: Change;
}

export class UnsupportedResourcesError extends Error {
  override readonly name = 'UnsupportedResourcesError';

  constructor(readonly unsupported: { stack: string; logicalId: string; type: string }[]) {
    super(
      `the embedded deployer does not serve ${unsupported.length} resource(s): ` +
        unsupported.map((u) => `${u.stack}/${u.logicalId} (${u.type})`).join(', ') +
        `. Nothing was changed. Served types: ${servedTypes().join(', ')}`,
    );
  }
}

export interface DeployAssemblyOptions {
  assembly: CloudAssembly;
  state: DeployState;
  stateFile: string;
  context: Omit<DeployContext, 'stackName' | 'assemblyDir' | 'deployed'>;
  logger: Logger;
  onChange?: (change: ResourceChange) => void;
}

function checkSupported(assembly: CloudAssembly): void {
  const unsupported = assembly.stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources)
      .filter(([, resource]) => !provisionerFor(resource.Type))
      .map(([logicalId, resource]) => ({ stack: stack.stackName, logicalId, type: resource.Type })),
  );
  if (unsupported.length) throw new UnsupportedResourcesError(unsupported);
}

function makeScope(
  stack: AssemblyStack,
  stackState: StackState,
  state: DeployState,
  ctx: DeployAssemblyOptions['context'],
) {
  const parameterDefault = (name: string) => stack.template.Parameters?.[name]?.Default;
  const base: Omit<ResolveScope, 'condition'> = {
    region: ctx.region,
    accountId: ctx.accountId,
    stackName: stack.stackName,
    ref(logicalId) {
      if (stack.template.Parameters?.[logicalId]) return parameterDefault(logicalId);
      const deployed = stackState.resources[logicalId];
      if (!deployed)
        throw new UnresolvableError(`Ref ${logicalId}: that resource is not deployed yet`);
      return deployed.physicalId;
    },
    getAtt(logicalId, attribute) {
      const deployed = stackState.resources[logicalId];
      if (!deployed)
        throw new UnresolvableError(`Fn::GetAtt ${logicalId}.${attribute}: not deployed yet`);
      const value = deployed.attributes[attribute];
      // Networking and IAM attributes (GroupId, DNSName...) mean nothing on one machine; a
      // stable placeholder keeps the references that carry them resolvable.
      if (value === undefined && isHostProvided(deployed.type)) return `${logicalId}.${attribute}`;
      if (value === undefined) {
        throw new UnresolvableError(
          `Fn::GetAtt ${logicalId}.${attribute}: ${deployed.type} offers ${Object.keys(deployed.attributes).join(', ')}`,
        );
      }
      return value;
    },
    importValue(exportName) {
      for (const other of Object.values(state.stacks)) {
        for (const output of Object.values(other.outputs))
          if (output.exportName === exportName) return output.value;
      }
      throw new UnresolvableError(`Fn::ImportValue ${exportName}: no deployed stack exports it`);
    },
  };
  const conditions = stack.template.Conditions ?? {};
  return { ...base, condition: (name: string) => evaluateCondition(name, conditions, base) };
}

/**
 * AWS's "no such resource" error names. The local cloud keeps its state in memory, so after it
 * restarts the deploy state may still list a resource that is no longer there; deleting it is
 * then already done, as CloudFormation treats a resource deleted outside the stack.
 */
const ALREADY_GONE = new Set([
  'ResourceNotFoundException',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
]);

async function removeUnlessGone(
  remove: () => Promise<void>,
  resource: DeployedResource,
  logger: Logger,
): Promise<void> {
  try {
    await remove();
  } catch (err) {
    if (!ALREADY_GONE.has((err as Error).name)) throw err;
    logger.debug(
      { logicalId: resource.logicalId, physicalId: resource.physicalId },
      'already gone from the local cloud',
    );
  }
}

async function deployStack(stack: AssemblyStack, options: DeployAssemblyOptions): Promise<void> {
  const { state, context } = options;
  state.stacks[stack.stackName] ??= { resources: {}, outputs: {} };
  const stackState: StackState = state.stacks[stack.stackName]!;
  const scope = makeScope(stack, stackState, state, context);
  const ctx: DeployContext = {
    ...context,
    stackName: stack.stackName,
    assemblyDir: options.assembly.dir,
    deployed: () => Object.values(stackState.resources),
  };
  const secrets = () =>
    Object.values(stackState.resources).filter((r) => r.type === 'AWS::SecretsManager::Secret');
  const report = (resource: DeployedResource, change: Change) =>
    options.onChange?.({
      stack: stack.stackName,
      logicalId: resource.logicalId,
      type: resource.type,
      physicalId: resource.physicalId,
      change,
    });

  for (const logicalId of deployOrder(stack.template.Resources)) {
    const resource = stack.template.Resources[logicalId]!;
    if (resource.Condition && !scope.condition(resource.Condition)) continue;
    const resolved = resolveValue(resource.Properties ?? {}, scope);
    const properties = resolveDynamicReferences(
      resolved === NO_VALUE ? {} : resolved,
      secrets(),
    ) as Record<string, unknown>;
    const provisioner = provisionerFor(resource.Type)!;
    const { resource: deployed, change } = await provisioner.apply(
      {
        logicalId,
        type: resource.Type,
        properties,
        metadata: resource.Metadata ?? {},
        previous: stackState.resources[logicalId],
      },
      ctx,
    );
    const retain = (resource as { DeletionPolicy?: string }).DeletionPolicy === 'Retain';
    stackState.resources[logicalId] = { ...deployed, retain };
    saveDeployState(options.stateFile, state);
    report(deployed, change);
  }

  // Resources the template no longer has, newest first (the reverse of the order they came in).
  const gone = Object.keys(stackState.resources)
    .filter((id) => !(id in stack.template.Resources))
    .reverse();
  for (const logicalId of gone) {
    const deployed = stackState.resources[logicalId]!;
    const provisioner = provisionerFor(deployed.type);
    if (!deployed.retain && provisioner?.remove) {
      await removeUnlessGone(() => provisioner.remove!(deployed, ctx), deployed, options.logger);
    }
    delete stackState.resources[logicalId];
    saveDeployState(options.stateFile, state);
    report(deployed, 'deleted');
  }

  stackState.outputs = {};
  for (const [name, output] of Object.entries(stack.template.Outputs ?? {})) {
    stackState.outputs[name] = {
      value: String(resolveValue(output.Value, scope)),
      exportName: output.Export ? String(resolveValue(output.Export.Name, scope)) : undefined,
    };
  }
  saveDeployState(options.stateFile, state);
}

export async function deployAssembly(options: DeployAssemblyOptions): Promise<void> {
  checkSupported(options.assembly);
  for (const stack of options.assembly.stacks) {
    options.logger.debug({ stack: stack.stackName }, 'deploying stack');
    await deployStack(stack, options);
  }
}
