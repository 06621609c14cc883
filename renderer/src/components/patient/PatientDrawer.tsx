import { RefreshCw, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { useNow } from '../../hooks/use-now';
import { ageOn, formatBirthDate, formatCount, formatDateTime, formatRelative, fullName } from '../../lib/format';
import { usePatientStore, useSettingsStore } from '../../store/instances';
import { Alert, Badge, Button, CopyButton, EmptyState, Sheet, Skeleton } from '../ui';
import { AppointmentList } from './AppointmentList';
import { NotesSection } from './NotesSection';
import { OrganizationsSection } from './OrganizationsSection';
import { DELETED_AT_SOURCE, DELETED_AT_SOURCE_HINT } from '../../lib/plain-words';

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="drawer-section" aria-labelledby={id}>
      <h3 id={id} className="drawer-section-title">
        {title}
        {count !== undefined && <span className="count">{formatCount(count)}</span>}
      </h3>
      {children}
    </section>
  );
}

/** The patient drawer: details, appointments past and upcoming, notes, organizations and a per-patient refresh. */
export function PatientDrawer() {
  const openId = usePatientStore((s) => s.openId);
  const detail = usePatientStore((s) => s.detail);
  const status = usePatientStore((s) => s.status);
  const error = usePatientStore((s) => s.error);
  const refreshing = usePatientStore((s) => s.refreshing);
  const refreshResult = usePatientStore((s) => s.refreshResult);
  const actionError = usePatientStore((s) => s.actionError);
  const close = usePatientStore((s) => s.close);
  const reload = usePatientStore((s) => s.reload);
  const refreshFromSource = usePatientStore((s) => s.refreshFromSource);
  const timeZone = useSettingsStore((s) => s.settings?.schedule.timeZone ?? 'UTC');
  const now = useNow();

  const patient = detail?.patient;
  const title = patient ? fullName(patient) : status === 'error' ? 'Patient' : 'Loading patient…';
  const birth = patient ? formatBirthDate(patient.dateOfBirth) : null;
  const age = patient ? ageOn(patient.dateOfBirth, now, timeZone) : null;

  return (
    <Sheet
      open={openId !== null}
      onOpenChange={(open) => !open && close()}
      title={title}
      description={detail?.sourceName}
      testId="patient-drawer"
      headerActions={
        patient?.externalId ? (
          <Button size="sm" icon={<RefreshCw size={14} aria-hidden="true" />} busy={refreshing} onClick={() => void refreshFromSource()}>
            Refresh from source
          </Button>
        ) : undefined
      }
    >
      {status === 'error' ? (
        <EmptyState
          tone="danger"
          icon={<TriangleAlert size={22} />}
          title="This patient could not be loaded"
          actions={<Button onClick={() => void reload()}>Try again</Button>}
          headingLevel={3}
        >
          {error}
        </EmptyState>
      ) : !detail || !patient ? (
        <div className="stack" aria-busy="true">
          <Skeleton width="50%" height={14} />
          <Skeleton width="70%" height={14} />
          <Skeleton width="100%" height={64} />
          <Skeleton width="100%" height={64} />
        </div>
      ) : (
        <div className="drawer-content">
          {refreshResult && (
            <Alert tone={refreshResult.ok ? 'ok' : 'danger'} title={refreshResult.ok ? 'Up to date' : 'Refresh failed'}>
              {refreshResult.message}
            </Alert>
          )}
          {actionError && (
            <Alert tone="danger" title="That change was not saved">
              {actionError}
            </Alert>
          )}
          <dl className="facts patient-facts">
            <dt>Birth date</dt>
            <dd>{birth ? `${birth}${age !== null ? ` (${age} years)` : ''}` : <span className="muted">Not recorded</span>}</dd>
            <dt>Email</dt>
            <dd>{patient.email ?? <span className="muted">Not recorded</span>}</dd>
            <dt>Phone</dt>
            <dd>{patient.phone ?? <span className="muted">Not recorded</span>}</dd>
            <dt>Remote ID</dt>
            <dd>
              {patient.externalId ? (
                <span className="row">
                  <code>{patient.externalId}</code>
                  <CopyButton value={patient.externalId} label="Copy the remote ID" />
                </span>
              ) : (
                <Badge tone="warn">Local only: not matched to the source yet</Badge>
              )}
            </dd>
            <dt>Last synced</dt>
            <dd>
              {patient.lastSyncedAt ? (
                <span title={formatDateTime(patient.lastSyncedAt, timeZone)}>{formatRelative(patient.lastSyncedAt, now, timeZone)}</span>
              ) : (
                <span className="muted">Never</span>
              )}
            </dd>
            {(patient.archived || patient.deleted) && (
              <>
                <dt>Status</dt>
                <dd className="row">
                  {patient.archived && <Badge>Archived</Badge>}
                  {patient.deleted && (
                    <Badge tone="danger" title={DELETED_AT_SOURCE_HINT}>
                      {DELETED_AT_SOURCE}
                      {patient.removedAt ? ` ${formatDateTime(patient.removedAt, timeZone)}` : ''}
                    </Badge>
                  )}
                </dd>
              </>
            )}
          </dl>

          <Section title="Upcoming appointments" count={detail.upcoming.length}>
            <AppointmentList
              appointments={detail.upcoming}
              timeZone={timeZone}
              empty="Nothing booked in the sync window."
              label="Upcoming appointments"
            />
          </Section>
          <Section title="Past appointments" count={detail.past.length}>
            <AppointmentList
              appointments={detail.past}
              timeZone={timeZone}
              empty="No past appointments in the sync window."
              label="Past appointments"
            />
          </Section>
          <Section title="Notes" count={detail.notes.length}>
            <NotesSection notes={detail.notes} timeZone={timeZone} />
          </Section>
          <Section title="Organizations" count={detail.organizations.length}>
            <OrganizationsSection current={detail.organizations} />
          </Section>
          <p className="muted drawer-footnote">
            Times in {timeZone}. Notes and organizations are kept in ClinicSync only and survive every sync.
          </p>
        </div>
      )}
    </Sheet>
  );
}
