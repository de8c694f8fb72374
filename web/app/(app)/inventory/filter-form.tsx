/**
 * The inventory's filters as a plain GET form: every choice lands in the URL (shareable, back button
 * works, no script needed) and is the same query string `GET /api/v1/endpoints` takes.
 */
import { AUTH_SCHEMES } from '#events/api-call.schema';
import { SPEC_STATUSES } from '#shared/tenancy/endpoint-filters';

export type FilterValues = Partial<
  Record<
    'host' | 'method' | 'q' | 'auth' | 'exposure' | 'sensitive' | 'environment' | 'spec' | 'sort' | 'order',
    string
  >
>;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

type Choice = readonly [value: string, label: string];
const any: Choice = ['', 'Any'];
const SELECTS: readonly { name: keyof FilterValues; label: string; choices: readonly Choice[] }[] = [
  { name: 'method', label: 'Method', choices: [any, ...METHODS.map((m): Choice => [m, m])] },
  { name: 'auth', label: 'Auth scheme', choices: [any, ...AUTH_SCHEMES.map((a): Choice => [a, a])] },
  {
    name: 'exposure',
    label: 'Exposure',
    choices: [any, ['external', 'External'], ['internal', 'Internal']],
  },
  {
    name: 'spec',
    label: 'Specification',
    choices: [any, ...SPEC_STATUSES.map((s): Choice => [s, s === 'none' ? 'no spec' : s])],
  },
  {
    name: 'sensitive',
    label: 'Sensitive data',
    choices: [any, ['true', 'Seen in URLs'], ['false', 'None seen']],
  },
  {
    name: 'environment',
    label: 'Environment',
    choices: [any, ['production', 'Production'], ['non-production', 'Non-production']],
  },
  {
    name: 'sort',
    label: 'Sort by',
    choices: [
      ['path', 'Host and path'],
      ['calls', 'Calls'],
      ['lastSeen', 'Last seen'],
    ],
  },
  {
    name: 'order',
    label: 'Order',
    choices: [
      ['', 'Default'],
      ['asc', 'Ascending'],
      ['desc', 'Descending'],
    ],
  },
];

/** The filters that narrow the list (sort and order only arrange it). */
export function activeFilters(values: FilterValues): number {
  const narrowing: (keyof FilterValues)[] = [
    'host',
    'method',
    'q',
    'auth',
    'exposure',
    'sensitive',
    'environment',
    'spec',
  ];
  return narrowing.filter((name) => Boolean(values[name])).length;
}

export function FilterForm({ values }: { values: FilterValues }) {
  return (
    <form className="inline filters" role="search" aria-label="Filter endpoints" action="/inventory">
      <label>
        Host
        <input name="host" defaultValue={values.host} placeholder="api.example.com" />
      </label>
      <label>
        Search
        <input name="q" defaultValue={values.q} placeholder="/users" />
      </label>
      {SELECTS.map(({ name, label, choices }) => (
        <label key={name}>
          {label}
          <select name={name} defaultValue={values[name] ?? ''}>
            {choices.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit">Filter</button>
    </form>
  );
}
