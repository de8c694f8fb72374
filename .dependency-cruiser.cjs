// Import boundaries that hold the shape docs/ARCHITECTURE.md describes (`npm run lint:imports`).
// Each rule names the room it protects; a violation prints the import that breaks it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-file-cycles',
      comment: 'Files never import each other in a loop.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'Rooms of shared/ depend one way: no two folders import each other, however indirectly.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^shared/' },
      to: { path: '^shared/', circular: true },
    },
    {
      name: 'shared-is-the-core',
      comment: 'The domain core is called by handlers, CLI, local runner and portal; it calls none of them.',
      severity: 'error',
      from: { path: '^(shared|events)/' },
      to: { path: '^(cli|local|functions|infra|web|bench|test|bin)/' },
    },
    {
      name: 'events-are-vocabulary',
      comment: 'Schemas of events and records import only each other.',
      severity: 'error',
      from: { path: '^events/' },
      to: { path: '^shared/' },
    },
    {
      name: 'url-is-a-leaf',
      comment: 'URL parts, decoding, redaction and sensitive-data detection depend on nothing else.',
      severity: 'error',
      from: { path: '^shared/url/' },
      to: { path: '^shared/', pathNot: '^shared/url/' },
    },
    {
      name: 'parsing-below-classification',
      comment: 'Parsers read log lines into calls; classification and what uses it sit above them.',
      severity: 'error',
      from: { path: '^shared/logs/' },
      to: { path: '^shared/', pathNot: '^shared/(logs|url)/' },
    },
    {
      name: 'classification-not-parsing',
      comment: 'Classification judges calls and endpoints; it never reaches into the parsers.',
      severity: 'error',
      from: { path: '^shared/classify/' },
      to: { path: '^shared/(logs|ingest|inventory|findings)/' },
    },
    {
      name: 'findings-vocabulary-is-a-leaf',
      comment:
        'Catalogue, candidate builder and endpoint facts are what evaluators share; they import no evaluator.',
      severity: 'error',
      from: {
        path: '^shared/findings/(catalogue|catalogue-external|severity|candidate|endpoint-facts)\\.ts$',
      },
      to: {
        path: '^shared/',
        pathNot: '^shared/findings/(catalogue|catalogue-external|severity|candidate|endpoint-facts)\\.ts$',
      },
    },
    {
      name: 'evaluators-are-pure',
      comment: 'Evaluators turn endpoint facts into candidates; storage and orchestration sit above them.',
      severity: 'error',
      from: { path: '^shared/findings/evaluators/' },
      to: {
        path: '^shared/(findings/(assess|store|lifecycle|changes)|ingest|inventory/store|tables|aws|tenancy)',
      },
    },
    {
      name: 'handlers-use-the-core',
      comment:
        'A Lambda handler is thin: it wires shared/ to its event; it never imports the local runner or CLI.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^(cli|local|infra|web)/' },
    },
    {
      name: 'infra-deploys-not-runs',
      comment: 'The CDK app reads resource definitions from shared/; it does not import the runner or CLI.',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^(cli|local|web)/' },
    },
    {
      name: 'portal-through-tenancy',
      comment: "The portal reads a tenant's data only through the tenant-scoped access module.",
      severity: 'error',
      from: { path: '^web/' },
      to: {
        path: '^shared/(inventory/store|findings/store|tables|ingest)/|^shared/tenancy/tenant-config\\.ts$',
      },
    },
    {
      name: 'local-emulators-stand-alone',
      comment:
        'local/aws emulates AWS event sources and the Lambda runtime; the stack and demo use it, not the reverse.',
      severity: 'error',
      from: { path: '^local/aws/' },
      to: { path: '^local/(stack|demo)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (aliases in package.json "imports").',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk\\.out|web/\\.next)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
