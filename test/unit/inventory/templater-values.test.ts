import { describe, it, expect } from '@jest/globals';
import { Templater } from '#shared/inventory/templater';

const HOST = 'api.example.com';

function learn(templater: Templater, paths: string[]): string[] {
  return paths.map((path) => templater.templateOf(HOST, 'GET', path));
}

describe('Templater value evidence', () => {
  it('folds siblings that share a custom method into a suffixed parameter, even after a version', () => {
    const templater = new Templater();
    learn(templater, ['/v1/news:export', '/v1/music:export']);
    expect(templater.templateOf(HOST, 'POST', '/v1/city:export')).toBe('/v1/{param}:export');
    const rewrites = templater.drainRewrites().map((r) => `${r.from} -> ${r.to}`);
    expect(rewrites).toEqual(
      expect.arrayContaining([
        '/v1/music:export -> /v1/{param}:export',
        '/v1/news:export -> /v1/{param}:export',
      ]),
    );
    // Stable: a new subject of the same method goes to the parameter at once.
    expect(templater.templateOf(HOST, 'POST', '/v1/garden:export')).toBe('/v1/{param}:export');
    // Other custom methods and the plain collection stay what they are.
    expect(templater.templateOf(HOST, 'POST', '/v1/news:import')).toBe('/v1/news:import');
    expect(templater.resolveTemplate(HOST, '/v1/news:export')).toBe('/v1/{param}:export');
  });

  it("keeps a value's custom method when the value goes to an existing parameter (`{param}:getDailyMetrics`)", () => {
    const templater = new Templater();
    learn(templater, ['/v1/locations/jane.doe', '/v1/locations/acme.io', '/v1/locations/core.platform']);
    const out = learn(templater, [
      '/v1/locations/eu-west-1:getDailyMetricsTimeSeries',
      '/v1/locations/lon1.fra:getDailyMetricsTimeSeries',
      '/v1/locations/blue-green-east:fetchMultiDailyMetrics',
    ]);
    expect(out).toEqual([
      '/v1/locations/{param}:getDailyMetricsTimeSeries',
      '/v1/locations/{param}:getDailyMetricsTimeSeries',
      '/v1/locations/{param}:fetchMultiDailyMetrics',
    ]);
  });

  it('folds siblings whose routes are mostly ones four siblings share (`/terms/coffee/relations`)', () => {
    const templater = new Templater();
    learn(templater, [
      '/sets/9/terms/coffee/relations',
      '/sets/9/terms/coffee/set',
      '/sets/9/terms/coffee/children',
      '/sets/9/terms/forest/children',
      '/sets/9/terms/forest/relations',
      '/sets/9/terms/release/relations',
      '/sets/9/terms/release/children',
    ]);
    // `set` is seen below two siblings only, yet most of each sibling's routes are shared by four.
    expect(
      learn(templater, [
        '/sets/9/terms/ocean/set',
        '/sets/9/terms/ocean/children',
        '/sets/9/terms/ocean/relations',
      ]),
    ).toEqual([
      '/sets/{id}/terms/ocean/set',
      '/sets/{id}/terms/ocean/children',
      '/sets/{id}/terms/{param}/relations',
    ]);
    expect(templater.templateOf(HOST, 'GET', '/sets/9/terms/coffee/set')).toBe(
      '/sets/{id}/terms/{param}/set',
    );
  });

  it('keeps static siblings whose own routes are mostly their own (`/reports/billing/...`)', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/admin/billing/summary',
      '/admin/billing/invoices',
      '/admin/billing/credits',
      '/admin/audit/summary',
      '/admin/audit/events',
      '/admin/audit/exports',
      '/admin/usage/summary',
      '/admin/usage/quotas',
      '/admin/usage/forecasts',
      '/admin/security/summary',
      '/admin/security/policies',
      '/admin/security/alerts',
    ]);
    expect(out.every((template) => !template.includes('{'))).toBe(true);
  });

  it('folds two value-shaped siblings that continue with a same route (`/devices/hsdk-arcsx4mvkz/fileservers`)', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/managers/7/devices/hsdk-arcsx4mvkz/fileservers',
      '/managers/7/devices/wayneocean/fileservers',
      '/managers/7/devices/wayneocean/jobs',
    ]);
    expect(out).toEqual([
      '/managers/{id}/devices/hsdk-arcsx4mvkz/fileservers',
      '/managers/{id}/devices/{param}/fileservers',
      '/managers/{id}/devices/{param}/jobs',
    ]);
  });

  it('keeps route names that are merely missing from the dictionary apart, though they share a route', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/devices/7/fileservers/metrics',
      '/devices/7/iscsiservers/metrics',
      '/charts/7/axes/majorGridlines/format',
      '/charts/7/axes/minorGridlines/format',
    ]);
    expect(out).toEqual([
      '/devices/{id}/fileservers/metrics',
      '/devices/{id}/iscsiservers/metrics',
      '/charts/{id}/axes/majorGridlines/format',
      '/charts/{id}/axes/minorGridlines/format',
    ]);
  });

  it('keeps service names after `/api` that are missing from the dictionary (`/api/dcim`, `/api/ipam`)', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/api/dcim/cables',
      '/api/ipam/prefixes',
      '/api/sdwan/tunnels',
      '/api/status',
    ]);
    expect(out).toEqual(['/api/dcim/cables', '/api/ipam/prefixes', '/api/sdwan/tunnels', '/api/status']);
    // Values by their shape still fold there.
    learn(templater, ['/v1/jane.doe', '/v1/acme-corp']);
    expect(templater.templateOf(HOST, 'GET', '/v1/mike_92')).toBe('/v1/{param}');
  });

  it('reads a one- or two-digit number after `api` or `rest` as a version (`/rest/api/2/issue`)', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/jira/rest/api/2/issue/10001/worklog/10034',
      '/jira/rest/api/3/issue/10001/worklog',
      '/jira/rest/api/2/filter/10200/permission/4',
    ]);
    expect(out).toEqual([
      '/jira/rest/api/2/issue/{id}/worklog/{id2}',
      '/jira/rest/api/3/issue/{id}/worklog',
      '/jira/rest/api/2/filter/{id}/permission/{id2}',
    ]);
    // Where ids already follow `api`, a short one is an id too.
    learn(templater, ['/shop/api/183746']);
    expect(templater.templateOf(HOST, 'GET', '/shop/api/7')).toBe('/shop/api/{id}');
  });

  it('keeps collections after a dated version as after `/v1` (`/2013-04-01/hostedzonesbyname`)', () => {
    const templater = new Templater();
    const paths = [
      '/2013-04-01/queryloggingconfig',
      '/2013-04-01/hostedzonesbyname',
      '/2013-04-01/trafficpolicyinstances',
      '/2013-04-01/geolocations',
    ];
    expect(learn(templater, paths)).toEqual(paths);
    // Values by their shape still fold there.
    learn(templater, ['/2015-01-01/jane.doe', '/2015-01-01/acme-corp']);
    expect(templater.templateOf(HOST, 'GET', '/2015-01-01/mike_92')).toBe('/2015-01-01/{param}');
  });

  it('keeps a collection beside its custom method (`/v1/projects` and `/v1/projects:search`)', () => {
    const templater = new Templater();
    learn(templater, ['/v1/projects', '/v1/projects:search', '/v1/folders:search', '/v1/orgs:search']);
    expect(templater.templateOf(HOST, 'GET', '/v1/projects:search')).toBe('/v1/projects:search');
  });

  it('folds a word leaf into a parameter already made of word values (`/tags/music` beside `/tags/{param}`)', () => {
    const templater = new Templater();
    learn(templater, ['/tags/jane-doe-smith', '/tags/core.platform', '/tags/blue-green-east']);
    expect(templater.templateOf(HOST, 'GET', '/tags/core.platform')).toBe('/tags/{param}');
    expect(templater.templateOf(HOST, 'GET', '/tags/music')).toBe('/tags/{param}');
    expect(templater.templateOf(HOST, 'GET', '/tags/travel')).toBe('/tags/{param}');
  });

  it('keeps actions, versions and routes with children beside a word-valued parameter', () => {
    const templater = new Templater();
    learn(templater, ['/tags/jane-doe-smith', '/tags/core.platform', '/tags/blue-green-east']);
    expect(templater.templateOf(HOST, 'GET', '/tags/search')).toBe('/tags/search');
    expect(templater.templateOf(HOST, 'GET', '/tags/batchGet')).toBe('/tags/batchGet');
    expect(templater.templateOf(HOST, 'GET', '/tags/v2')).toBe('/tags/v2');
    expect(templater.templateOf(HOST, 'GET', '/tags/popular/recent')).toBe('/tags/popular/recent');
  });

  it('keeps a word beside an identifier parameter (`/users/me` beside `/users/{id}`)', () => {
    const templater = new Templater();
    learn(templater, ['/users/1', '/users/2', '/users/3']);
    expect(templater.templateOf(HOST, 'GET', '/users/profile')).toBe('/users/profile');
  });

  it('reads locales and upper-case codes as values', () => {
    const templater = new Templater();
    learn(templater, ['/docs/guide/en-US', '/docs/guide/pt-BR']);
    expect(templater.templateOf(HOST, 'GET', '/docs/guide/fr_FR')).toBe('/docs/guide/{param}');
    learn(templater, ['/rates/USD', '/rates/EUR']);
    expect(templater.templateOf(HOST, 'GET', '/rates/GBP')).toBe('/rates/{param}');
  });

  it('keeps OData segments and qualified function names as routes (`$count`, `microsoft.graph.delta`)', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/users/1/microsoft.graph.delta',
      '/users/2/microsoft.graph.getSchedule',
      '/users/3/$count',
      '/users/4/microsoft.graph.reminderView(StartDateTime=1)',
    ]);
    expect(out).toEqual([
      '/users/{id}/microsoft.graph.delta',
      '/users/{id}/microsoft.graph.getSchedule',
      '/users/{id}/$count',
      '/users/{id}/microsoft.graph.reminderView(StartDateTime={StartDateTime})',
    ]);
    // Dotted values are still values.
    learn(templater, ['/people/jane.doe', '/people/acme.io']);
    expect(templater.templateOf(HOST, 'GET', '/people/mike.smith')).toBe('/people/{param}');
  });

  it("templates an OData function call's argument values, keeping the function and argument names", () => {
    const templater = new Templater();
    const out = learn(templater, [
      "/v1.0/reports/microsoft.graph.getEmailActivityUserDetail(period='D7')",
      "/v1.0/reports/microsoft.graph.getEmailActivityUserDetail(period='D30')",
      '/v1.0/reports/microsoft.graph.getEmailActivityUserDetail(date=2025-10-10)',
      '/v1.0/me/microsoft.graph.exportDeviceAndAppManagementData(skip=8,top=30)',
      "/v1.0/drives/1/items/2/microsoft.graph.delta(token='sub_mdOTZ2QOFmdELEm7wiCmYv8F')",
      '/v1.0/users/3/microsoft.graph.delta()',
      "/odata/Products('chai')",
    ]);
    expect(out).toEqual([
      "/v1.0/reports/microsoft.graph.getEmailActivityUserDetail(period='{period}')",
      "/v1.0/reports/microsoft.graph.getEmailActivityUserDetail(period='{period}')",
      '/v1.0/reports/microsoft.graph.getEmailActivityUserDetail(date={date})',
      '/v1.0/me/microsoft.graph.exportDeviceAndAppManagementData(skip={skip},top={top})',
      "/v1.0/drives/{id}/items/{id2}/microsoft.graph.delta(token='{token}')",
      '/v1.0/users/{id}/microsoft.graph.delta()',
      // A positional key is not a named argument: left to the usual evidence.
      "/odata/Products('chai')",
    ]);
  });

  it('reads long random mixed-case tokens as ids even when every case-split part passes as an abbreviation', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/users/1/calendars/KoVQrUGyagXVoQVw/calendarView',
      '/users/1/calendars/NXBRNVZMiMxSIqYC/events',
      '/users/1/calendars/listCalendarViews',
    ]);
    expect(out).toEqual([
      '/users/{id}/calendars/{id2}/calendarView',
      '/users/{id}/calendars/{id2}/events',
      // camelCase route names split into word-sized parts.
      '/users/{id}/calendars/listCalendarViews',
    ]);
  });

  it('reads a position as file names once it shows three extensions, one a file type, and keeps them stable', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/events/7/attachments/IMG_4170.zip',
      '/events/8/attachments/sunset-family-2024.jpg',
      '/events/8/attachments/forest.pdf',
    ]);
    expect(out).toEqual([
      '/events/{id}/attachments/{id2}',
      '/events/{id}/attachments/{id2}.jpg',
      '/events/{id}/attachments/{id2}',
    ]);
    // The suffixed parameter folded into the plain one, and the move was reported.
    expect(templater.drainRewrites()).toContainEqual({
      host: HOST,
      from: '/events/{id}/attachments/{id2}.jpg',
      to: '/events/{id}/attachments/{id2}',
    });
    expect(
      learn(templater, ['/events/9/attachments/ocean.docx', '/events/9/attachments/IMG_5758-2019.png']),
    ).toEqual(['/events/{id}/attachments/{id2}', '/events/{id}/attachments/{id2}']);
    // Saved and restored, the position still holds file names.
    const restored = new Templater();
    restored.importState(HOST, templater.exportState(HOST)!);
    expect(restored.templateOf(HOST, 'GET', '/events/3/attachments/budget.xlsx')).toBe(
      '/events/{id}/attachments/{id2}',
    );
  });

  it('keeps format extensions of one resource apart (`{id}.json`, `{id}.xml`, `{id}.csv`)', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/reports/9f2c4e1a7b.json',
      '/reports/9f2c4e1a7b.xml',
      '/reports/9f2c4e1a7b.csv',
    ]);
    expect(out).toEqual(['/reports/{id}.json', '/reports/{id}.xml', '/reports/{id}.csv']);
  });

  it('keeps namespaces and qualified names as routes even when their words are not in the dictionary', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/groups/my-group/providers/Microsoft.Insights/components',
      '/groups/first-team/providers/Microsoft.StorSimple/managers',
      '/groups/blue-green-east/providers/Microsoft.Media/mediaServices',
      '/groups/jane-doe-smith/providers/Microsoft.Web/sites',
      '/items/1/functions/microsoft.graph.nper',
      '/items/2/functions/microsoft.graph.sumsq',
      '/items/3/functions/microsoft.graph.xlookup',
    ]);
    expect(out.slice(4)).toEqual([
      '/items/{id}/functions/microsoft.graph.nper',
      '/items/{id}/functions/microsoft.graph.sumsq',
      '/items/{id}/functions/microsoft.graph.xlookup',
    ]);
    expect(
      templater.templateOf(HOST, 'GET', '/groups/red-team/providers/Microsoft.Media/mediaServices'),
    ).toBe('/groups/{param}/providers/Microsoft.Media/mediaServices');
  });

  it('reads a short number first or after a `v` segment as an API version, not an id', () => {
    const templater = new Templater();
    const out = learn(templater, [
      '/api/v/4/devices/7',
      '/api/v/2/devices/8',
      '/api/v/1/devices/9',
      '/1/profiles/55',
    ]);
    expect(out).toEqual([
      '/api/v/4/devices/{id}',
      '/api/v/2/devices/{id}',
      '/api/v/1/devices/{id}',
      '/1/profiles/{id}',
    ]);
    // Elsewhere a number is an id as before.
    expect(templater.templateOf(HOST, 'GET', '/api/items/4')).toBe('/api/items/{id}');
  });
});
