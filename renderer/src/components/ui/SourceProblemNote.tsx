import type { SourceProblem } from '../../lib/source-problem';
import { Alert } from './Alert';
import { Button } from './Button';

/**
 * A failing or refused source, said as an error with its reason and one way to fix it. Shown on the
 * Sync page and in Settings (the header shows the same problem in its chip).
 */
export function SourceProblemNote({ name, problem, onFix }: { name: string; problem: SourceProblem; onFix(): void }) {
  return (
    <Alert
      tone={problem.tone}
      className="source-problem"
      title={`${problem.title}: ${problem.reason}.`}
      actions={
        <Button size="sm" variant="secondary" onClick={onFix} aria-label={`Fix ${name}`}>
          Fix
        </Button>
      }
    />
  );
}
