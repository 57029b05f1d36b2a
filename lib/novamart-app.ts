/**
 * Builds the CDK app: reads the context, adds the stack and registers cdk-nag's AwsSolutions
 * checks as a validation plugin: synth fails on any finding not acknowledged with a reason; the
 * acknowledgements sit next to the construct they are about.
 * Shared by bin/app.ts (what `cdk synth` runs) and the tests.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readAppSettings } from './app-settings.ts';
import { NovaMartStack } from './novamart-stack.ts';

export const STACK_NAME = 'NovaMart';

export type NovaMartAppOptions = AppProps;

export function buildNovaMartApp(props: NovaMartAppOptions = {}): {
  app: App;
  stack: NovaMartStack;
} {
  const app = new App(props);
  const settings = readAppSettings((key) => app.node.tryGetContext(key));
  const stack = new NovaMartStack(app, STACK_NAME, {
    settings,
    description: `NovaMart order-to-stock slice (inventory ${settings.inventoryMode}, target ${settings.target})`,
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
  return { app, stack };
}
