/**
 * The part of the WAFv2 CreateRuleGroup request that Surveyor emits, as a JSON Schema. Limits come
 * from the AWS WAF API reference and quotas: names 1-128 `[\w-]`, at least one text transformation,
 * rule-group capacity at most 5,000 WCUs. RegexString: the API shape allows 512 characters but the
 * fixed WAF quota ("characters in each regex pattern") is 200, and CreateRuleGroup enforces the quota.
 */
const NAME = { type: 'string', pattern: '^[\\w-]{1,128}$' } as const;
const TRANSFORMS = ['NONE', 'URL_DECODE', 'NORMALIZE_PATH', 'LOWERCASE', 'COMPRESS_WHITE_SPACE'] as const;

export const WAF_LIMITS = { regexLength: 200, ruleGroupCapacity: 5000, nestingDepth: 3 } as const;

const visibility = {
  type: 'object',
  additionalProperties: false,
  required: ['SampledRequestsEnabled', 'CloudWatchMetricsEnabled', 'MetricName'],
  properties: {
    SampledRequestsEnabled: { type: 'boolean' },
    CloudWatchMetricsEnabled: { type: 'boolean' },
    MetricName: { type: 'string', pattern: '^[\\w#:.\\-/]{1,255}$' },
  },
} as const;

export const wafRuleGroupSchema = {
  $id: 'https://surveyor.dev/schemas/waf-create-rule-group.json',
  type: 'object',
  additionalProperties: false,
  required: ['Name', 'Scope', 'Capacity', 'VisibilityConfig', 'Rules'],
  $defs: {
    statement: {
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      additionalProperties: false,
      properties: {
        AndStatement: { $ref: '#/$defs/statements' },
        OrStatement: { $ref: '#/$defs/statements' },
        NotStatement: {
          type: 'object',
          additionalProperties: false,
          required: ['Statement'],
          properties: { Statement: { $ref: '#/$defs/statement' } },
        },
        RegexMatchStatement: {
          type: 'object',
          additionalProperties: false,
          required: ['RegexString', 'FieldToMatch', 'TextTransformations'],
          properties: {
            RegexString: { type: 'string', minLength: 1, maxLength: WAF_LIMITS.regexLength },
            FieldToMatch: {
              type: 'object',
              minProperties: 1,
              maxProperties: 1,
              additionalProperties: false,
              properties: {
                UriPath: { type: 'object', additionalProperties: false },
                Method: { type: 'object', additionalProperties: false },
                SingleHeader: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['Name'],
                  properties: { Name: { type: 'string', minLength: 1, maxLength: 64 } },
                },
              },
            },
            TextTransformations: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['Priority', 'Type'],
                properties: { Priority: { type: 'integer', minimum: 0 }, Type: { enum: TRANSFORMS } },
              },
            },
          },
        },
        IPSetReferenceStatement: {
          type: 'object',
          additionalProperties: false,
          required: ['ARN'],
          properties: { ARN: { type: 'string', pattern: '^arn:aws[a-z-]*:wafv2:' } },
        },
      },
    },
    statements: {
      type: 'object',
      additionalProperties: false,
      required: ['Statements'],
      properties: { Statements: { type: 'array', minItems: 2, items: { $ref: '#/$defs/statement' } } },
    },
  },
  properties: {
    Name: NAME,
    Scope: { enum: ['REGIONAL', 'CLOUDFRONT'] },
    Capacity: { type: 'integer', minimum: 1, maximum: WAF_LIMITS.ruleGroupCapacity },
    Description: {
      type: 'string',
      maxLength: 256,
      pattern: '^[\\w+=:#@/\\-,.][\\w+=:#@/\\-,.\\s]+[\\w+=:#@/\\-,.]$',
    },
    VisibilityConfig: visibility,
    Rules: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['Name', 'Priority', 'Statement', 'Action', 'VisibilityConfig'],
        properties: {
          Name: NAME,
          Priority: { type: 'integer', minimum: 0 },
          Statement: { $ref: '#/$defs/statement' },
          Action: {
            type: 'object',
            minProperties: 1,
            maxProperties: 1,
            additionalProperties: false,
            properties: {
              Block: { type: 'object', additionalProperties: false },
              Count: { type: 'object', additionalProperties: false },
            },
          },
          VisibilityConfig: visibility,
        },
      },
    },
  },
} as const;
