import { Share2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useHubStore } from '../../store/instances';
import { Alert, Badge, Button, Card, CardHeader, CopyButton, Field, RelativeTime, Select, TextInput } from '../ui';
import { SettingsForm } from './SettingsForm';

/** Settings → "Share with other desks": create or join a clinic hub, and how the sharing goes. */
export function ShareSection({ timeZone }: { timeZone: string }) {
  const { status, busy, error, joinCode, load, create, join, leave, forgetJoinCode } = useHubStore();
  const [mode, setMode] = useState<'create' | 'join'>('join');
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  useEffect(() => {
    void load();
    return () => forgetJoinCode();
  }, [load, forgetJoinCode]);

  const submit = async () => {
    const ok = mode === 'create' ? await create(url, password) : await join(url, password, code);
    if (ok) {
      setPassword('');
      setCode('');
    }
  };

  return (
    <Card aria-labelledby="settings-share" id="share">
      <CardHeader
        title="Share with other desks"
        titleId="settings-share"
        description="Desks of one clinic share one synced truth through a PostgreSQL database: one desk pulls from each API, the others follow, and notes are shared. Everything is encrypted on the desks before it reaches the database."
      />
      {joinCode && (
        <Alert
          tone="ok"
          title="Clinic hub created. Its join code is shown only now:"
          actions={<CopyButton value={joinCode} label="Copy the join code" showText />}
        >
          <code className="path" data-testid="hub-join-code">
            {joinCode}
          </code>
          <p>Other desks need it to join. Keep it like a password.</p>
        </Alert>
      )}
      {error && (
        <Alert tone="danger" title="Not done">
          {error}
        </Alert>
      )}
      {status?.joined ? (
        <div className="hub-status" data-testid="hub-status">
          <p>
            {status.connected ? <Badge tone="ok">Connected</Badge> : <Badge tone="danger">Not connected</Badge>} <code>{status.url}</code>
          </p>
          {status.error && <p className="muted">{status.error}</p>}
          <p>
            {status.lag ? `${status.lag.records} records behind the hub (${status.lag.seconds} s).` : ''} {status.outbox.count} local
            changes waiting to be shared.
          </p>
          <ul aria-label="Desks">
            {status.desks.map((desk) => (
              <li key={desk.name + desk.lastContactAt}>
                {desk.name}
                {desk.thisDesk ? ' (this desk)' : ''} — last contact <RelativeTime iso={desk.lastContactAt} timeZone={timeZone} />
              </li>
            ))}
          </ul>
          <ul aria-label="Who pulls each source">
            {status.leases.map((lease) => (
              <li key={lease.source}>
                {lease.source}: pulled by {lease.desk}
              </li>
            ))}
          </ul>
          <Button variant="secondary" busy={busy} onClick={() => void leave()}>
            Stop sharing
          </Button>
        </div>
      ) : (
        <SettingsForm onSave={() => submit()}>
          <div className="form-grid">
            <Field label="What to do">
              {(p) => (
                <Select
                  {...p}
                  value={mode}
                  onChange={(e) => setMode(e.target.value === 'create' ? 'create' : 'join')}
                  data-testid="hub-mode"
                >
                  <option value="join">Join this clinic’s hub</option>
                  <option value="create">Create the clinic’s hub (first desk)</option>
                </Select>
              )}
            </Field>
            <Field
              label="Database address"
              hint="postgres://user@host:5432/database — a hub on another computer is reached over verified TLS only."
            >
              {(p) => <TextInput {...p} value={url} onChange={(e) => setUrl(e.target.value)} autoComplete="off" data-testid="hub-url" />}
            </Field>
            <Field label="Database password" hint="Kept with this computer’s secrets, never in the settings file.">
              {(p) => (
                <TextInput
                  {...p}
                  type="password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  autoComplete="off"
                  data-testid="hub-password"
                />
              )}
            </Field>
            {mode === 'join' && (
              <Field label="Join code" hint="From the desk that created the hub (CSHUB1-…).">
                {(p) => (
                  <TextInput
                    {...p}
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                    autoComplete="off"
                    data-testid="hub-join-code-input"
                  />
                )}
              </Field>
            )}
          </div>
          <Button type="submit" icon={<Share2 size={16} aria-hidden="true" />} busy={busy}>
            {mode === 'create' ? 'Create hub' : 'Join hub'}
          </Button>
        </SettingsForm>
      )}
    </Card>
  );
}
