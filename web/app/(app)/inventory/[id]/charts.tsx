/**
 * Small charts for the endpoint page, in SVG and CSS with no chart library: each carries its numbers
 * as text too (a labelled SVG with a title per bar, or labelled bars with counts), so a screen reader
 * and a keyboard user get what a glance gives.
 */

export interface DayCount {
  readonly day: string;
  readonly calls: number;
}

const DAY_MS = 86_400_000;

/** `days` with the missing days of the `span` days up to the last one filled with zeros. */
export function fillDays(days: readonly DayCount[], span = 30): DayCount[] {
  if (days.length === 0) return [];
  const byDay = new Map(days.map((d) => [d.day, d.calls]));
  const last = Date.parse(`${days.at(-1)!.day}T00:00:00Z`);
  return Array.from({ length: span }, (_, i) => {
    const day = new Date(last - (span - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    return { day, calls: byDay.get(day) ?? 0 };
  });
}

/** Calls per day as columns; the summary names the range, total and busiest day. */
export function CallsOverTime({ days }: { days: readonly DayCount[] }) {
  const filled = fillDays(days);
  if (filled.length === 0)
    return (
      <p className="muted">
        No calls per day stored for this endpoint yet: they are counted from its next call on, for 30 days.
      </p>
    );
  const max = Math.max(...filled.map((d) => d.calls), 1);
  const busiest = filled.reduce((a, b) => (b.calls > a.calls ? b : a));
  const total = filled.reduce((sum, d) => sum + d.calls, 0);
  const width = 600;
  const height = 120;
  const slot = width / filled.length;
  const summary = `Calls per day from ${filled[0]!.day} to ${filled.at(-1)!.day}: ${total.toLocaleString('en-US')} in all, most on ${busiest.day} (${busiest.calls.toLocaleString('en-US')}).`;
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${height + 16}`}
        preserveAspectRatio="none"
        width="100%"
        height={height + 16}
      >
        {filled.map((d, i) => {
          const h = Math.round((d.calls / max) * height);
          return (
            <rect
              key={d.day}
              x={i * slot + 1}
              y={height - h}
              width={Math.max(slot - 2, 1)}
              height={h}
              className="bar"
            >
              <title>{`${d.day}: ${d.calls.toLocaleString('en-US')} calls`}</title>
            </rect>
          );
        })}
        <line x1={0} x2={width} y1={height} y2={height} className="axis" />
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}

/** Shares of a whole as labelled horizontal bars: `<ShareBars label="Status mix" parts={{ '2xx': 90 }} />`. */
export function ShareBars({ label, parts }: { label: string; parts: Readonly<Record<string, number>> }) {
  const entries = Object.entries(parts)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return <p className="muted">None recorded.</p>;
  return (
    <ul className="shares" aria-label={label}>
      {entries.map(([name, n]) => {
        const percent = Math.round((n / total) * 1000) / 10;
        return (
          <li key={name}>
            <span className="share-name">{name}</span>
            {/* SVG attributes, not a style attribute: nothing here needs the CSP to allow inline styles. */}
            <svg className="share-track" aria-hidden="true" width="100%" height="12">
              <rect className="share-fill" width={`${percent}%`} height="12" />
            </svg>
            <span className="share-value">
              {n.toLocaleString('en-US')} ({percent}%)
            </span>
          </li>
        );
      })}
    </ul>
  );
}
