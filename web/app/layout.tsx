import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = { title: 'Surveyor', description: 'API inventory and API risk' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
