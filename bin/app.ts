/** The CDK app entry (`cdk.json` runs it with tsx): `cdk synth -c inventoryMode=worker -c target=aws`. */
import { ContextValueError } from '../lib/app-settings.ts';
import { buildNovaMartApp } from '../lib/novamart-app.ts';

try {
  buildNovaMartApp().app.synth();
} catch (err) {
  // A wrong -c value is the user's to fix: one line, no stack.
  if (!(err instanceof ContextValueError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
