import { DatabaseZap, LifeBuoy } from 'lucide-react';
import { formatBytes } from '../../lib/format';
import { useSettingsStore } from '../../store/instances';
import { Alert, Button, Card, CardHeader, CopyButton } from '../ui';

/** A redacted diagnostics archive (no keys, no patient data) to send to support, and a check of the cache file. */
export function SupportSection() {
  const bundle = useSettingsStore((s) => s.bundle);
  const create = useSettingsStore((s) => s.createSupportBundle);
  const cacheCheck = useSettingsStore((s) => s.cacheCheck);
  const checkCache = useSettingsStore((s) => s.checkCache);
  return (
    <Card aria-labelledby="settings-support" id="support">
      <CardHeader
        title="Support"
        titleId="settings-support"
        description="A support bundle holds versions, settings, sync history and logs, with keys and patient data removed."
        actions={
          <>
            <Button icon={<LifeBuoy size={16} aria-hidden="true" />} busy={bundle.busy} onClick={() => void create()}>
              Create support bundle
            </Button>
            <Button
              icon={<DatabaseZap size={16} aria-hidden="true" />}
              busy={cacheCheck.busy}
              onClick={() => void checkCache()}
              title="Reads every page of the local cache. ClinicSync also does this weekly and after an unexpected shutdown."
            >
              Check the cache now
            </Button>
          </>
        }
      />
      {cacheCheck.result && (
        <Alert tone={cacheCheck.result.sound ? 'ok' : 'danger'} title={cacheCheck.result.sound ? 'Cache checked' : 'Cache damaged'}>
          {cacheCheck.result.message}
        </Alert>
      )}
      {cacheCheck.error && (
        <Alert tone="danger" title="The cache was not checked">
          {cacheCheck.error}
        </Alert>
      )}
      {bundle.result && (
        <Alert
          tone="ok"
          title={`Support bundle written (${formatBytes(bundle.result.bytes)})`}
          actions={<CopyButton value={bundle.result.path} label="Copy the bundle’s path" showText />}
        >
          <code className="path" data-testid="bundle-path">
            {bundle.result.path}
          </code>
        </Alert>
      )}
      {bundle.error && (
        <Alert tone="danger" title="No bundle written">
          {bundle.error}
        </Alert>
      )}
    </Card>
  );
}
