import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every file under a folder with its bytes as text, to prove a secret appears nowhere in plaintext. */
export function filesIn(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const name = path.join(entry.parentPath, entry.name);
      return { name, text: readFileSync(name).toString('latin1') };
    });
}
