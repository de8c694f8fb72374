/**
 * Non-production host names, judged on whole labels split by `.` and `-`: substring checks flag
 * `devices.example.com` or `latest.example.com`.
 */
const NON_PROD_LABELS = new Set([
  'dev',
  'develop',
  'development',
  'stg',
  'stage',
  'staging',
  'uat',
  'qa',
  'test',
  'testing',
  'sandbox',
  'sbx',
  'preprod',
  'nonprod',
  'demo',
  'beta',
  'int',
  'perf',
  'preview',
]);

/** `isNonProductionHost('api.staging.example.com') === true`, `isNonProductionHost('devices.example.com') === false`. */
export function isNonProductionHost(host: string): boolean {
  return host
    .toLowerCase()
    .split(/[.-]/)
    .some((label) => NON_PROD_LABELS.has(label));
}
