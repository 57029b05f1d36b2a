/** The CDK app entry (`cdk.json` runs it with tsx): `cdk synth -c inventoryMode=worker -c target=aws`. */
import { buildNovaMartApp } from '../lib/novamart-app.ts';

buildNovaMartApp().app.synth();
