/**
 * The integrations form's fields as the integration input the API and the CLI send: blank fields are
 * left out (so the defaults apply), and everything else is validated by addIntegration's one schema.
 */
const FIELDS = ['type', 'name', 'url', 'secret', 'routingKey', 'minSeverity'] as const;

export function integrationInputFromForm(form: FormData): Record<string, string> {
  const input: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = form.get(field);
    if (typeof value === 'string' && value.trim() !== '') input[field] = value.trim();
  }
  return input;
}
