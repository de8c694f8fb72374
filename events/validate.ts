/** Compiles every event schema once, at module load, into ajv validators the pipeline shares. */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { apiCallSchema, type ApiCall } from './api-call.schema.ts';
import { quarantineSchema, type Quarantined } from './quarantine.schema.ts';
import {
  ingestEnvelopeSchema,
  ingestEnvelopeShellSchema,
  type IngestEnvelope,
  type IngestEnvelopeShell,
} from './ingest-envelope.schema.ts';
import { templateRulesSchema, type TemplateRulesDocument } from './template-rules.schema.ts';
import { endpointSummarySchema, type EndpointSummary } from './endpoint-summary.schema.ts';
import { findingSchema, type Finding } from './finding.schema.ts';
import { findingChangeSchema, type FindingChange } from './finding-change.schema.ts';
import { ingestKeyRequestSchema, type IngestKeyRequest } from './ingest-key-request.schema.ts';
import { alertEventSchema, type AlertEvent } from './alert-event.schema.ts';
import { integrationInputSchema, type IntegrationInput } from './integration.schema.ts';
import { scanRequestSchema, type ScanRequestEvent } from './scan-request.schema.ts';
import { scanTargetsSchema, type ScanTargetsFile } from './scan-targets.schema.ts';

// ajv-formats is CommonJS; under ESM its function sits on `default`.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

// Compiled once at module load: compiling per call would cost milliseconds on every invocation.
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['date-time']);

export const validateApiCall: ValidateFunction<ApiCall> = ajv.compile<ApiCall>(apiCallSchema);
export const validateQuarantined: ValidateFunction<Quarantined> = ajv.compile<Quarantined>(quarantineSchema);
export const validateIngestEnvelope: ValidateFunction<IngestEnvelope> =
  ajv.compile<IngestEnvelope>(ingestEnvelopeSchema);
export const validateIngestEnvelopeShell: ValidateFunction<IngestEnvelopeShell> =
  ajv.compile<IngestEnvelopeShell>(ingestEnvelopeShellSchema);
export const validateTemplateRules: ValidateFunction<TemplateRulesDocument> =
  ajv.compile<TemplateRulesDocument>(templateRulesSchema);
export const validateEndpointSummary: ValidateFunction<EndpointSummary> =
  ajv.compile<EndpointSummary>(endpointSummarySchema);
export const validateFinding: ValidateFunction<Finding> = ajv.compile<Finding>(findingSchema);
export const validateFindingChange: ValidateFunction<FindingChange> =
  ajv.compile<FindingChange>(findingChangeSchema);
export const validateIngestKeyRequest: ValidateFunction<IngestKeyRequest> =
  ajv.compile<IngestKeyRequest>(ingestKeyRequestSchema);
export const validateAlertEvent: ValidateFunction<AlertEvent> = ajv.compile<AlertEvent>(alertEventSchema);
export const validateIntegrationInput: ValidateFunction<IntegrationInput> =
  ajv.compile<IntegrationInput>(integrationInputSchema);

export const validateScanRequest: ValidateFunction<ScanRequestEvent> =
  ajv.compile<ScanRequestEvent>(scanRequestSchema);

export const validateScanTargets: ValidateFunction<ScanTargetsFile> =
  ajv.compile<ScanTargetsFile>(scanTargetsSchema);

/** Human-readable summary of the last validation errors, e.g. `/status must be integer`. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}
