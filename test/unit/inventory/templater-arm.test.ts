import { describe, it, expect } from '@jest/globals';
import { Templater } from '#shared/inventory/templater';

const HOST = 'management.azure.com';
const SUB = '/subscriptions/8bb6fe8a-ef74-42c6-ae67-bead1f69b649';

function learn(templater: Templater, paths: string[]): string[] {
  return paths.map((path) => templater.templateOf(HOST, 'GET', path));
}

describe('Templater on Azure Resource Manager paths', () => {
  it('takes the first name after providers/<namespace>/<type> as a parameter, whatever its words', () => {
    const templater = new Templater();
    const vmss = `${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachineScaleSets`;
    const out = learn(templater, [`${vmss}/launch/start`, `${vmss}/easy-launch/deallocate`]);
    expect(out[0]).toMatch(
      /\/resourceGroups\/\{param\d*\}\/.*\/virtualMachineScaleSets\/\{param\d*\}\/start$/,
    );
    expect(out[1]).toBe(out[0]!.replace(/start$/, 'deallocate'));
    // The type itself and the actions below a name stay routes.
    expect(templater.templateOf(HOST, 'GET', vmss)).toMatch(/\/virtualMachineScaleSets$/);
  });

  it("takes names of child resources too, and keeps an extension resource's `providers/<namespace>`", () => {
    const templater = new Templater();
    const machines = `${SUB}/resourceGroups/rg-web/providers/Microsoft.HybridCompute/machines`;
    const [extension, settings] = learn(templater, [
      `${machines}/build-agent/extensions/pizza`,
      `${machines}/build-agent/providers/Microsoft.Insights/diagnosticSettings/service`,
    ]);
    expect(extension).toMatch(/\/machines\/\{param\d*\}\/extensions\/\{param\d*\}$/);
    expect(settings).toMatch(
      /\/machines\/\{param\d*\}\/providers\/Microsoft\.Insights\/diagnosticSettings\/\{param\d*\}$/,
    );
  });

  it('reports the literal template it replaced, and sends later names to the parameter', () => {
    const templater = new Templater();
    const accounts = '/providers/Microsoft.Billing/billingAccounts';
    expect(templater.templateOf(HOST, 'GET', `${accounts}/ocean/invoices`)).toBe(
      `${accounts}/{param}/invoices`,
    );
    expect(templater.drainRewrites()).toEqual([
      { host: HOST, from: `${accounts}/ocean/invoices`, to: `${accounts}/{param}/invoices` },
    ]);
    expect(templater.templateOf(HOST, 'GET', `${accounts}/kitchen/invoices`)).toBe(
      `${accounts}/{param}/invoices`,
    );
    expect(templater.drainRewrites()).toEqual([]);
    expect(templater.resolveTemplate(HOST, `${accounts}/ocean/invoices`)).toBe(
      `${accounts}/{param}/invoices`,
    );
  });

  it('keeps ARM singletons (`default`, `current`) beside the names', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/providers/Microsoft.Consumption/pricesheets/default',
      '/providers/Microsoft.Consumption/pricesheets/march',
    ]);
    expect(out).toEqual([
      '/providers/Microsoft.Consumption/pricesheets/default',
      '/providers/Microsoft.Consumption/pricesheets/{param}',
    ]);
  });

  it('leaves the same shape alone outside providers/<namespace> (`/catalog/Acme.Tools/widgets/launch`)', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/catalog/Acme.Tools/widgets/launch',
      '/catalog/Acme.Tools/widgets/recipe',
    ]);
    expect(out).toEqual(['/catalog/Acme.Tools/widgets/launch', '/catalog/Acme.Tools/widgets/recipe']);
  });

  it('lets a user pin a literal at a name position', () => {
    const templater = new Templater(
      new Map([[HOST, { pinned: ['/providers/Microsoft.Web/sites/shared'], neverMerge: [] }]]),
    );
    const out = learn(templater, [
      '/providers/Microsoft.Web/sites/shared',
      '/providers/Microsoft.Web/sites/blog',
    ]);
    expect(out).toEqual(['/providers/Microsoft.Web/sites/shared', '/providers/Microsoft.Web/sites/{param}']);
  });
});
