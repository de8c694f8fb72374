import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import { CallsOverTime, fillDays, ShareBars } from '../../web/app/(app)/inventory/[id]/charts.tsx';

describe('endpoint charts', () => {
  it('draws 30 days of calls ending on the last stored day, with missing days as zero', () => {
    const days = [
      { day: '2026-11-20', calls: 4 },
      { day: '2026-12-01', calls: 10 },
    ];

    const { container } = render(<CallsOverTime days={days} />);

    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe(
      'Calls per day from 2026-11-02 to 2026-12-01: 14 in all, most on 2026-12-01 (10).',
    );
    const bars = container.querySelectorAll('rect');
    expect(bars).toHaveLength(30);
    expect(bars[29]!.querySelector('title')?.textContent).toBe('2026-12-01: 10 calls');
    expect(bars[29]!.getAttribute('height')).toBe('120');
    expect(bars[18]!.getAttribute('height')).toBe('48');
    expect(bars[0]!.getAttribute('height')).toBe('0');
  });

  it('says so when an endpoint has no calls per day stored yet', () => {
    render(<CallsOverTime days={[]} />);

    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/No calls per day stored/)).toBeDefined();
  });

  it('fills the span across a month boundary', () => {
    expect(fillDays([{ day: '2026-03-01', calls: 1 }], 3)).toEqual([
      { day: '2026-02-27', calls: 0 },
      { day: '2026-02-28', calls: 0 },
      { day: '2026-03-01', calls: 1 },
    ]);
  });

  it('lists shares largest first with counts and percentages, leaving out zeros', () => {
    render(<ShareBars label="Calls by status class" parts={{ '2xx': 90, '4xx': 10, '5xx': 0 }} />);

    const list = screen.getByRole('list', { name: 'Calls by status class' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['2xx90 (90%)', '4xx10 (10%)']);
    expect(items[0]!.querySelector('rect')?.getAttribute('width')).toBe('90%');
  });

  it('says none were recorded rather than drawing an empty chart', () => {
    render(<ShareBars label="Calls by auth scheme" parts={{}} />);

    expect(screen.getByText('None recorded.')).toBeDefined();
  });
});
