import { pageTenant } from '../../../lib/tenant-context.ts';
import { RemoveSpecButton, UploadSpecForm } from './upload-spec-form.tsx';

export default async function SpecsPage() {
  const { data, canWrite } = await pageTenant();
  const [specs, conformance] = await Promise.all([data.config.specs(), data.config.conformance()]);
  return (
    <main>
      <h1>Specs</h1>
      <p className="muted">
        Upload your OpenAPI documents (2.0, 3.0 or 3.1; JSON or YAML). Traffic on the hosts a spec covers is
        judged against it: endpoints it does not document are shadow, deprecated ones still called are zombie.
      </p>
      {specs.length === 0 ? (
        <p className="empty">
          No specs yet.{' '}
          {canWrite
            ? 'Upload one below to see conformance per host.'
            : 'Ask an owner or admin to upload one.'}
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Title</th>
              <th>OpenAPI</th>
              <th>Hosts</th>
              <th className="num">Operations</th>
              <th>Uploaded</th>
              {canWrite && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {specs.map((s) => (
              <tr key={s.name}>
                <td>
                  <code>{s.name}</code>
                </td>
                <td>
                  {s.title} {s.version}
                </td>
                <td>{s.openapi}</td>
                <td>{s.hosts.length === 0 ? 'any host' : s.hosts.join(', ')}</td>
                <td className="num">{s.operations}</td>
                <td>{s.updatedAt}</td>
                {canWrite && (
                  <td>
                    <RemoveSpecButton name={s.name} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && (
        <>
          <h2>Upload a spec</h2>
          <UploadSpecForm />
        </>
      )}
      <h2>Conformance per host</h2>
      {conformance.length === 0 ? (
        <p className="empty">
          No traffic yet: conformance appears once endpoints are discovered (see Onboarding).
        </p>
      ) : (
        <table aria-label="Conformance per host">
          <thead>
            <tr>
              <th>Host</th>
              <th className="num">Endpoints</th>
              <th className="num">Documented</th>
              <th className="num">Shadow</th>
              <th className="num">Method not in spec</th>
              <th className="num">Zombie</th>
            </tr>
          </thead>
          <tbody>
            {conformance.map((h) => (
              <tr key={h.host} data-testid={`conformance-${h.host}`}>
                <td>{h.host}</td>
                <td className="num">{h.endpoints}</td>
                {h.covered ? (
                  <>
                    <td className="num">{h.documented}</td>
                    <td className="num">{h.shadow}</td>
                    <td className="num">{h.methodNotInSpec}</td>
                    <td className="num">{h.zombie}</td>
                  </>
                ) : (
                  <td colSpan={4} className="muted">
                    no spec covers this host
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
