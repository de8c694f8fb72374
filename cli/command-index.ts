/**
 * The commands in the order the top-level help lists them, each with its one-line summary. Kept apart
 * from the command modules so `surveyor --help` (and every command but the one that runs) loads none
 * of them: their imports (AWS SDK, CDK, parsers) cost seconds of start-up.
 */
export const COMMAND_SUMMARIES = {
  analyze:
    'infer the API inventory from access logs: ALB, API Gateway, nginx, Apache, Envoy, JSON lines (plain or .gz; - for stdin)',
  local: 'work with the running local stack (npm start)',
  inventory: "print a tenant's inventory from the running local stack (npm start)",
  rules: "store a tenant's risk rules and settings (validated) in the local stack, then re-assess",
  spec: 'store an OpenAPI 2.0/3.x document (validated) for a tenant in the local stack, then re-assess',
  findings: "print a tenant's findings from the local stack, or export one type as policy",
  finding: 'change the status of one finding, saying who and why',
  keys: "manage a tenant's ingest keys in the local stack",
  integrations: 'alert integrations (Slack, PagerDuty, signed webhooks) of a tenant in the local stack',
  scan: "external discovery: a tenant's verified domain (local stack) or a list of targets",
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;
