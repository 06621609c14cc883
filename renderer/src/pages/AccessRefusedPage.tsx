import { KeyRound } from 'lucide-react';
import { EmptyState } from '../components/ui';

/** Shown instead of the console when the host refused this tab's access token: which link to open instead. */
export function AccessRefusedPage({ message }: { message: string }) {
  return (
    <main id="main" className="app-main access-refused" aria-label="Access refused">
      <h1 className="sr-only">Open the console’s full link</h1>
      <EmptyState tone="danger" icon={<KeyRound size={22} />} title="Open the console’s full link">
        {message}
      </EmptyState>
    </main>
  );
}
