import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import { activeFilters, FilterForm } from '../../web/app/(app)/inventory/filter-form.tsx';

describe('inventory filter form', () => {
  it('labels every control and submits them as GET parameters of /inventory', () => {
    render(<FilterForm values={{}} />);

    const form = screen.getByRole('search', { name: 'Filter endpoints' });
    expect(form.getAttribute('action')).toBe('/inventory');
    expect(form.getAttribute('method') ?? 'get').toBe('get');
    const names = [
      ['Host', 'host'],
      ['Search', 'q'],
      ['Method', 'method'],
      ['Auth scheme', 'auth'],
      ['Exposure', 'exposure'],
      ['Specification', 'spec'],
      ['Sensitive data', 'sensitive'],
      ['Environment', 'environment'],
      ['Sort by', 'sort'],
      ['Order', 'order'],
    ];
    for (const [label, name] of names) expect(screen.getByLabelText(label!).getAttribute('name')).toBe(name);
    expect(screen.getByRole('button', { name: 'Filter' })).toBeDefined();
  });

  it('shows the filters from the URL as the chosen values', () => {
    render(
      <FilterForm values={{ host: 'api.example.com', auth: 'none', exposure: 'external', sort: 'calls' }} />,
    );

    expect((screen.getByLabelText('Host') as HTMLInputElement).value).toBe('api.example.com');
    expect((screen.getByLabelText('Auth scheme') as HTMLSelectElement).value).toBe('none');
    expect((screen.getByLabelText('Exposure') as HTMLSelectElement).value).toBe('external');
    expect((screen.getByLabelText('Sort by') as HTMLSelectElement).value).toBe('calls');
    expect((screen.getByLabelText('Environment') as HTMLSelectElement).value).toBe('');
  });

  it('offers each spec status the API takes, and every auth scheme', () => {
    render(<FilterForm values={{}} />);

    const spec = within(screen.getByLabelText('Specification'));
    expect(spec.getAllByRole('option').map((o) => (o as HTMLOptionElement).value)).toEqual([
      '',
      'documented',
      'shadow',
      'method-not-in-spec',
      'zombie',
      'none',
    ]);
    const auth = within(screen.getByLabelText('Auth scheme'));
    expect(auth.getByRole('option', { name: 'credential-in-query' })).toBeDefined();
  });

  it('counts only the filters that narrow the list, not sort or order', () => {
    expect(activeFilters({ sort: 'calls', order: 'asc' })).toBe(0);
    expect(activeFilters({ auth: 'none', spec: 'shadow', sort: 'calls' })).toBe(2);
  });
});
