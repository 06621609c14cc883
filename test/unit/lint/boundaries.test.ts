import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint enforces the room boundaries', () => {
  it('fails the core importing electron, electron-store or the renderer', async () => {
    const file = 'electron/core/sync/boundary-probe.ts';
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", file)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import Store from 'electron-store';\nexport const s = Store;\n", file)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { App } from '../../../renderer/src/App';\nexport const a = App;\n", file)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { channels } from '../../contract';\nexport const c = channels;\n", file)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
  });

  it('fails the renderer importing anything of electron/ but the contract', async () => {
    const file = 'renderer/src/boundary-probe.ts';
    expect(await ruleIds("import { AppService } from '../../electron/core/service';\nexport const s = AppService;\n", file)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", file)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import { channels } from '@contract';\nexport const c = channels;\n", file)).toEqual([]);
  });

  it('fails shell.openExternal anywhere but its one wrapper', async () => {
    const code = "import { shell } from 'electron';\nvoid shell.openExternal('https://example.com');\n";
    expect(await ruleIds(code, 'electron/main/tray-probe.ts')).toContain('no-restricted-syntax');
  });

  it('fails the contract importing core code at runtime, but allows the pure domain', async () => {
    const file = 'electron/contract/boundary-probe.ts';
    expect(await ruleIds("import { AppService } from '../core/service';\nexport const s = AppService;\n", file)).toContain(
      '@typescript-eslint/no-restricted-imports',
    );
    expect(await ruleIds("import type { Patient } from '../core/domain';\nexport type P = Patient;\n", file)).toEqual([]);
    expect(await ruleIds("import { SOURCE_KINDS } from '../core/domain';\nexport const k = SOURCE_KINDS;\n", file)).toEqual([]);
  });

  it('lets the contract see settings types but not settings code', async () => {
    const file = 'electron/contract/boundary-probe.ts';
    expect(
      await ruleIds("import type { AppSettings } from '../core/settings/app-settings';\nexport type S = AppSettings;\n", file),
    ).toEqual([]);
    expect(
      await ruleIds("import { appSettingsSchema } from '../core/settings/app-settings';\nexport const s = appSettingsSchema;\n", file),
    ).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('fails emulators importing the core', async () => {
    const code = "import { emptySyncCounts } from '../../core/domain';\nexport const e = emptySyncCounts;\n";
    expect(await ruleIds(code, 'electron/emulators/cliniko/probe.ts')).toContain('@typescript-eslint/no-restricted-imports');
  });
});
