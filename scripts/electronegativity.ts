/**
 * `npm run test:security`: Electronegativity over electron/, with its SARIF report parsed.
 * The scan is clean or the run fails: every finding, whatever its severity, fails it unless the line
 * carries an inline justification — an Electronegativity `eng-disable CHECK_ID: reason` comment on
 * that line (Electronegativity then drops the finding itself). A file the scanner cannot parse fails
 * the run too (it was not checked), and so does an `eng-disable` without a reason.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

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
})) as { issues: EngIssue[]; errors: Array<{ file: string; message: string; tolerable: boolean }> };

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
  console.log(`${severity.padEnd(13)} ${finding.ruleId.padEnd(40)} ${where}  ${finding.message.text}`);
}

// A file the scanner could not parse was not checked at all (and its absence makes the global checks
// report a missing CSP, navigation limit or permission handler).
const unparsed = result.errors.filter((error) => !error.tolerable);
for (const error of unparsed) console.log(`not scanned   ${relative(root, error.file)}: ${error.message}`);

/** Every accepted finding says why, on its own line. */
function justifications(dir: string): Array<{ where: string; text: string; reasoned: boolean }> {
  const found: Array<{ where: string; text: string; reasoned: boolean }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|tsx|js|html)$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.includes('eng-disable')) return;
        // `eng-disable CHECK_ID[, CHECK_ID]: reason` (or `-- reason`), the reason ten characters or more.
        const match = /eng-disable\s+([\w\s,]*?)\s*(?::|--)\s*(.*?)\s*(?:\*\/)?$/.exec(line);
        const where = `${relative(root, file)}:${index + 1}`;
        found.push({ where, text: line.trim(), reasoned: match !== null && (match[2] ?? '').length >= 10 });
      });
  }
  return found;
}
const accepted = justifications(join(root, 'electron'));
for (const item of accepted) console.log(`${(item.reasoned ? 'accepted' : 'NO REASON').padEnd(13)} ${item.where}  ${item.text}`);
const unreasoned = accepted.filter((item) => !item.reasoned).length;

console.log(
  `electronegativity: ${findings.length} findings (${high} high severity), ${accepted.length - unreasoned} accepted with a reason inline` +
    `${unreasoned ? `, ${unreasoned} accepted WITHOUT a reason` : ''}, ${unparsed.length} files it could not parse (report: ${output})`,
);
writeFileSync(
  join(reportDir, 'verdict.json'),
  JSON.stringify({ findings: findings.length, high, accepted: accepted.length, unreasoned, unparsed: unparsed.length }),
);
if (findings.length > 0 || unparsed.length > 0 || unreasoned > 0) process.exit(1);
