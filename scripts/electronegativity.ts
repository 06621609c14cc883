/**
 * `npm run test:security`: Electronegativity over electron/, with its
 * SARIF report parsed. A high-severity finding fails the run unless the line carries an inline
 * justification: an Electronegativity `eng-disable CHECK_ID` comment on that line, followed by the reason.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface SarifResult {
  ruleId: string;
  level?: string;
  message: { text: string };
  locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine?: number } } }>;
}
interface SarifLog {
  runs: Array<{ results: SarifResult[] }>;
}

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
// Electronegativity fetches translations (and, in one check, Electron's release list) over the
// internet. A security scan must not phone home, and these machines are offline: answer its HTTP
// client with an immediate "offline" so it falls back to its bundled English text.
const engRequire = createRequire(require.resolve('@doyensec/electronegativity'));
const gotPath = engRequire.resolve('got');
const offline = Object.assign(() => Promise.reject(new Error('offline')), { default: undefined as unknown });
offline.default = offline;
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as unknown as NodeJS.Module;
const run = require('@doyensec/electronegativity') as (options: Record<string, unknown>) => Promise<unknown>;

const reportDir = join(root, 'test-results', 'electronegativity');
mkdirSync(reportDir, { recursive: true });
const output = join(reportDir, 'report.sarif');
rmSync(output, { force: true });

interface EngIssue {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: string };
}

const electronVersion = (require('electron/package.json') as { version: string }).version;
const result = (await run({
  input: join(root, 'electron'),
  output,
  isSarif: true,
  isRelative: true,
  customScan: [],
  // This check downloads Electron's release list, which these machines cannot reach; the pinned
  // version is kept current through package.json instead.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  electronVersionOverride: electronVersion,
  severitySet: 'informational',
  confidenceSet: 'tentative',
})) as { issues: EngIssue[]; errors: unknown[] };

/** Electronegativity writes its report without waiting for the write to finish. */
async function readSarif(): Promise<SarifLog> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return JSON.parse(readFileSync(output, 'utf8')) as SarifLog;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Electronegativity did not write ${output}`);
}

// SARIF carries no severity, so it is joined with the severities the run returned.
const severities = new Map(
  result.issues.map((issue) => [`${issue.id}@${issue.file}:${Math.max(issue.location.line, 1)}`, issue.severity.name.toLowerCase()]),
);
const findings = (await readSarif()).runs[0]?.results ?? [];

function describe(finding: SarifResult): { where: string; severity: string } {
  const location = finding.locations?.[0]?.physicalLocation;
  const where = `${location?.artifactLocation.uri ?? '?'}:${location?.region?.startLine ?? 1}`;
  return { where, severity: severities.get(`${finding.ruleId}@${where}`) ?? 'unknown' };
}

let high = 0;
for (const finding of findings) {
  const { where, severity } = describe(finding);
  if (severity === 'high' || severity === 'unknown') high++;
  console.log(`${severity.padEnd(13)} ${finding.ruleId.padEnd(40)} ${where}`);
}
console.log(
  `electronegativity: ${findings.length} findings, ${high} high severity, ${result.errors.length} files it could not parse (report: ${output})`,
);
writeFileSync(join(reportDir, 'verdict.json'), JSON.stringify({ findings: findings.length, high }));
if (high > 0) process.exit(1);
