/**
 * The CDK app: `npx cdk synth` (or `npm run synth`) writes both templates to cdk.out/ offline.
 * cdk-nag's AwsSolutions pack validates every stack at synthesis.
 */
import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app.ts';

const app = new App();
buildApp(app);
app.synth();
