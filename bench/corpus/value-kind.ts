/**
 * Which kind of value a client puts in a path parameter, read from the spec the way a developer
 * would: enum, type and format first, then the name, then the pattern and example. Names that say
 * nothing (`{customer}`, `{name}`, `{id}` without format) get a seeded mix of what such parameters
 * hold in real APIs, so that the evaluation does not assume every id is numeric.
 */
import type { PathParam } from './openapi-specs.ts';
import { pick, type Rng } from './random.ts';
import { kindOfExample, type ValueKind } from './values.ts';

/** [name pattern, kinds it suggests]; the first match wins, a list is a seeded choice. */
const BY_NAME: readonly (readonly [RegExp, readonly ValueKind[]])[] = [
  [/uuid|guid/, ['uuid']],
  [/sha$|hash|digest|commit|checksum|etag|fingerprint/, ['hex-hash']],
  // A name ending in `Id` holds an identifier whatever it names (`categoryId`, `webPropertyAdWordsLinkId`,
  // `searchID`): checked before the words inside it (`category`, `word`, `search`) pick a kind.
  [/(^|_)ids?$/, ['int-large', 'int-small', 'uuid', 'base62', 'prefixed-id', 'hex-hash']],
  // AWS resources are named by ARN (`{flowArn}`, `{gatewayInstanceArn}`).
  [/(^|_)arn$/, ['arn']],
  [/e?mail/, ['email']],
  [/(^|_)(user_?name|login|owner|handle|screen_?name|author|nick(name)?|username)$/, ['username']],
  [
    /(^|_)(org|organi[sz]ation|company|vendor|merchant|brand|publisher|workspace|tenant)(_?name)?$/,
    ['company-name', 'username', 'resource-name'],
  ],
  [/(^|_)(person|full_?name|first_?name|last_?name|artist|player|actor)$/, ['person-name']],
  [/slug|permalink|title/, ['slug']],
  [/(^|_)year$/, ['year']],
  [/date$|(^|_)day$/, ['date']],
  [/time(stamp)?$|since|until|(^|_)from$|(^|_)to$/, ['datetime', 'date']],
  [/semver|(^|_)(api_?)?version$|release|(^|_)tag(_?name)?$|revision/, ['semver', 'version']],
  [/locale|lang(uage)?(_?code)?$/, ['locale']],
  [/country/, ['country']],
  [/currency/, ['currency']],
  [/symbol|ticker|pair/, ['ticker']],
  [/region|zone|location|datacenter/, ['region']],
  [/file(_?name)?$|path$|object_?key|blob|attachment|image|asset/, ['filename']],
  [/(^|_)ip(_?address)?$|(^|_)addr$/, ['ip']],
  [/domain|host(_?name)?$|zone_?name/, ['domain']],
  [/query|term|keyword|search|category|tag|topic|label|word/, ['word', 'slug']],
  [/namespace/, ['resource-name']],
  [/distance|size|weight|duration|radius/, ['number-unit', 'int-small']],
  [/(^|_)(page|limit|offset|count|index|num|number|position|level|season|episode|chapter)$/, ['int-small']],
  [/(^|_)(code|key|token|secret|sid|ref|reference)$/, ['base62', 'prefixed-id', 'hex-hash']],
  [
    /(^|_)(repo|project|package|bucket|app|application|service|team|channel|container|database|table|queue|stream|cluster|vault|group|account|resource|store|site|space|board|list)(_?name)?$/,
    ['resource-name', 'slug', 'int-large', 'uuid'],
  ],
  [/name$/, ['resource-name', 'slug', 'word']],
  [/(^|_)(no|nr|num)$/, ['int-large', 'int-small', 'uuid', 'base62', 'prefixed-id', 'hex-hash']],
];

/** What an opaque parameter (`{customer}`, `{item}`) holds in real APIs, roughly weighted. */
const OPAQUE: readonly ValueKind[] = [
  'int-large',
  'int-large',
  'int-small',
  'uuid',
  'uuid',
  'base62',
  'prefixed-id',
  'hex-hash',
  'resource-name',
  'slug',
  'word',
  'username',
];

/** `owner` -> username, `{id}` with format int64 -> int-large, `{status}` with an enum -> enum. */
export function valueKindOf(param: PathParam, rng: Rng): ValueKind {
  const { schema } = param;
  if (param.spansSegments === true) return 'resource-path';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return 'enum';
  if (schema.type === 'boolean') return 'boolean';
  const byFormat = FORMATS[schema.format ?? ''];
  if (byFormat !== undefined) return byFormat;
  const name = snake(param.name);
  if (schema.type === 'integer' || schema.type === 'number') {
    if (/year/.test(name)) return 'year';
    const max = schema.maximum;
    return max !== undefined && max < 10_000 ? 'int-small' : pick(rng, ['int-small', 'int-large']);
  }
  const fromExample = param.examples.map(kindOfExample).find((k) => k !== undefined);
  if (fromExample !== undefined) return fromExample;
  for (const [pattern, kinds] of BY_NAME)
    if (pattern.test(name)) return fitPattern(kinds, schema.pattern, rng);
  if (param.examples.length > 0 && rng() < 0.5) return 'example';
  return fitPattern(OPAQUE, schema.pattern, rng);
}

const FORMATS: Record<string, ValueKind> = {
  uuid: 'uuid',
  date: 'date',
  'date-time': 'datetime',
  email: 'email',
  ipv4: 'ip',
  hostname: 'domain',
  int64: 'int-large',
  int32: 'int-small',
};

/** A kind from `kinds`; numeric or hex-only patterns steer the choice. */
function fitPattern(kinds: readonly ValueKind[], pattern: string | undefined, rng: Rng): ValueKind {
  if (pattern !== undefined) {
    if (/^\^?\[0-9\]|^\^?\\d/.test(pattern) && !/[a-zA-Z]-/.test(pattern)) return 'int-large';
    if (/\[0-9a-f[A-F]*\]\{(8|24|32|40|64)/.test(pattern)) return pattern.includes('-') ? 'uuid' : 'hex-hash';
  }
  return pick(rng, kinds);
}

/** `resourceGroupName` / `resource-group-name` -> `resource_group_name`, to match names one way. */
function snake(name: string): string {
  return name
    .replace(/^[+#.;?&*]/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
}
