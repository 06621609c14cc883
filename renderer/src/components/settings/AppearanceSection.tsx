import { Monitor, Moon, Sun } from 'lucide-react';
import { useSettingsStore } from '../../store/instances';
import { Alert, Card, CardHeader, SegmentedControl } from '../ui';

/** System, light or dark: applies at once. */
export function AppearanceSection() {
  const appearance = useSettingsStore((s) => s.settings?.appearance);
  const state = useSettingsStore((s) => s.sections.appearance);
  const setAppearance = useSettingsStore((s) => s.setAppearance);
  if (!appearance) return null;
  return (
    <Card aria-labelledby="settings-appearance" id="appearance">
      <CardHeader title="Appearance" titleId="settings-appearance" description="Applies at once, on this computer." />
      <SegmentedControl
        legend="Theme"
        name="appearance"
        value={appearance}
        onChange={(value) => void setAppearance(value)}
        options={[
          { value: 'system', label: 'System', icon: <Monitor size={14} aria-hidden="true" /> },
          { value: 'light', label: 'Light', icon: <Sun size={14} aria-hidden="true" /> },
          { value: 'dark', label: 'Dark', icon: <Moon size={14} aria-hidden="true" /> },
        ]}
      />
      {(state.error || state.fieldErrors.appearance) && (
        <Alert tone="danger" title="Not saved">
          {state.error ?? state.fieldErrors.appearance}
        </Alert>
      )}
    </Card>
  );
}
