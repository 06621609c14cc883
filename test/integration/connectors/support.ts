import { createConnector } from '../../../electron/core/connectors';
import { GateRegistry } from '../../../electron/core/connectors/http/request-gate';
import type { Connector, ConnectorDeps, Page, RecordError } from '../../../electron/core/connectors/types';
import type { Source, SourceKind } from '../../../electron/core/domain';
import { MemoryBudgetStore } from '../../unit/connectors/support/memory-budget-store';

export function sourceFor(kind: SourceKind, baseUrl: string): Source {
  const at = '2024-01-01T00:00:00.000Z';
  return { id: `${kind}-test`, kind, name: `Test ${kind}`, baseUrl, credentialRef: `${kind}-test-key`, createdAt: at, updatedAt: at };
}

/** A connector against an emulator, with its own gates so tests never share rate-limit state. */
export function connectTo(kind: SourceKind, emulator: { url: string; apiKey: string }, deps: Partial<ConnectorDeps> = {}): Connector {
  return createConnector(sourceFor(kind, emulator.url), emulator.apiKey, {
    budgetStore: new MemoryBudgetStore(),
    gates: new GateRegistry(),
    userAgentContact: 'tests@clinicsync.example',
    ...deps,
  });
}

export interface Pulled<T> {
  records: T[];
  errors: RecordError[];
  pages: Page<T>[];
}

export async function pull<T>(pages: AsyncIterable<Page<T>>): Promise<Pulled<T>> {
  const pulled: Pulled<T> = { records: [], errors: [], pages: [] };
  for await (const page of pages) {
    pulled.pages.push(page);
    pulled.records.push(...page.records);
    pulled.errors.push(...page.errors);
  }
  return pulled;
}

/** Ids that occur more than once. */
export function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

export const sorted = (ids: Iterable<string>): string[] => [...ids].sort();
