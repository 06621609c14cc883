// Kept free of modern syntax and imports: it must run, and explain itself, on any Node that can load ESM.

/** better-sqlite3 13 needs Node 22 or newer; on Node 20 it crashes the process with a segfault. */
export const MIN_NODE_MAJOR = 22;

/**
 * Why this Node cannot run ClinicSync, with what to do instead — or null when it can.
 * @param {string} version e.g. "20.20.2" (process.versions.node)
 * @param {string} execPath the running Node binary, named so the reader knows which one was used
 * @returns {string | null}
 */
export function nodeVersionProblem(version, execPath) {
  const major = Number(String(version).split('.')[0]);
  if (Number.isInteger(major) && major >= MIN_NODE_MAJOR) return null;
  return [
    `ClinicSync needs Node.js ${MIN_NODE_MAJOR} or newer, but this is Node.js ${version} (${execPath}).`,
    'Run it with the Node.js the project pins: `npx clinicsync …` or an `npm run` script in the project folder,',
    'or install Node.js 24 (https://nodejs.org) and run it again.',
  ].join('\n');
}
