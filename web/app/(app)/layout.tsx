import Link from 'next/link';
import { pageTenant } from '../../lib/tenant-context.ts';
import { SignOutButton } from './sign-out-button.tsx';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { membership } = await pageTenant();
  return (
    <>
      <header className="top">
        <strong>Surveyor</strong>
        <nav aria-label="Main">
          <Link href="/inventory">Inventory</Link>
          <Link href="/findings">Findings</Link>
          <Link href="/specs">Specs</Link>
          <Link href="/rules">Rules</Link>
          <Link href="/policy">Policy</Link>
          <Link href="/onboarding">Onboarding</Link>
          <Link href="/integrations">Integrations</Link>
          <Link href="/settings">Settings</Link>
        </nav>
        <div className="who">
          <span>
            {membership.email} · tenant <code>{membership.tenant}</code> · {membership.role}
          </span>
          <SignOutButton />
        </div>
      </header>
      {children}
    </>
  );
}
