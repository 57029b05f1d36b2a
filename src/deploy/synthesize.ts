/** Synthesizes the CDK app in-process into a cloud assembly for one target and mode. */
import { join } from 'node:path';
import { buildNovaMartApp } from '../../lib/novamart-app.ts';

export type InventoryMode = 'lambda' | 'worker';

export interface SynthesizeOptions {
  mode: InventoryMode;
  target: 'embedded' | 'localstack' | 'aws';
  /** @default `cdk.out/<target>-<mode>` */
  outdir?: string;
  /** Extra CDK context, e.g. `{ slowQueryMs: 100 }`. */
  context?: Record<string, unknown>;
}

export function synthesize({ mode, target, outdir, context = {} }: SynthesizeOptions): string {
  const dir = outdir ?? join('cdk.out', `${target}-${mode}`);
  const { app } = buildNovaMartApp({
    outdir: dir,
    context: { ...context, inventoryMode: mode, target },
  });
  return app.synth().directory;
}
