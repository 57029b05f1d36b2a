/**
 * AWS::Lambda::Function: the code is the esbuild bundle CDK wrote into the cloud assembly
 * (`aws:asset:path` in the resource metadata), handed to the local cloud as a local folder
 * (S3Bucket "hot-reload"), so there is no zip and no S3.
 */
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionCommand,
  PutFunctionConcurrencyCommand,
  ResourceNotFoundException,
  type Runtime,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { type FunctionCode, fileAssetDir } from '../containers/image-assets.ts';
import { changeOf, type Provisioner } from './types.ts';

interface FunctionProperties {
  FunctionName?: string;
  Runtime: string;
  Handler: string;
  Role?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  ReservedConcurrentExecutions?: number;
  Description?: string;
}

export const lambdaFunction: Provisioner = {
  types: ['AWS::Lambda::Function'],
  async apply({ logicalId, properties, metadata, previous }, ctx) {
    const props = properties as unknown as FunctionProperties;
    const codeDir = fileAssetDir(
      ctx.assemblyDir,
      logicalId,
      properties.Code as FunctionCode,
      metadata,
    );
    const name = props.FunctionName ?? `${ctx.stackName}-${logicalId}`.slice(0, 64);
    const configuration = {
      FunctionName: name,
      Runtime: props.Runtime as Runtime,
      Handler: props.Handler,
      Role: props.Role ?? `arn:aws:iam::${ctx.accountId}:role/${name}`,
      Timeout: props.Timeout,
      MemorySize: props.MemorySize,
      Environment: { Variables: props.Environment?.Variables ?? {} },
      Description: props.Description,
    };

    let exists = true;
    try {
      await ctx.clients.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
      exists = false;
    }
    let arn: string;
    if (!exists) {
      arn = (
        await ctx.clients.lambda.send(
          new CreateFunctionCommand({
            ...configuration,
            Code: { S3Bucket: 'hot-reload', S3Key: codeDir },
          }),
        )
      ).FunctionArn!;
    } else {
      await ctx.clients.lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: name,
          S3Bucket: 'hot-reload',
          S3Key: codeDir,
        }),
      );
      arn = (await ctx.clients.lambda.send(new UpdateFunctionConfigurationCommand(configuration)))
        .FunctionArn!;
    }
    if (props.ReservedConcurrentExecutions !== undefined) {
      await ctx.clients.lambda.send(
        new PutFunctionConcurrencyCommand({
          FunctionName: name,
          ReservedConcurrentExecutions: props.ReservedConcurrentExecutions,
        }),
      );
    } else if (exists) {
      await ctx.clients.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    }

    return {
      change: changeOf(previous, properties, exists),
      resource: {
        logicalId,
        type: 'AWS::Lambda::Function',
        physicalId: name,
        attributes: { Arn: arn },
        properties,
      },
    };
  },
  async remove(resource, ctx) {
    await ctx.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: resource.physicalId }));
  },
};
