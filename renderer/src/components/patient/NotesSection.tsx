import type { PatientNote } from '@contract';
import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { usePatientStore } from '../../store/instances';
import { Button, Field, TextArea } from '../ui';

function NoteItem({ note, timeZone }: { note: PatientNote; timeZone: string }) {
  const updateNote = usePatientStore((s) => s.updateNote);
  const removeNote = usePatientStore((s) => s.removeNote);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [body, setBody] = useState(note.body);
  const [busy, setBusy] = useState(false);
  const edited = note.updatedAt !== note.createdAt;

  if (editing) {
    return (
      <li className="note is-editing">
        <form
          className="stack-sm"
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            if (await updateNote(note.id, body)) setEditing(false);
            setBusy(false);
          }}
        >
          <Field label="Edit note">
            {(p) => <TextArea {...p} value={body} onChange={(e) => setBody(e.target.value)} rows={3} autoFocus />}
          </Field>
          <div className="row">
            <Button type="submit" variant="primary" size="sm" busy={busy} disabled={!body.trim()}>
              Save note
            </Button>
            <Button
              size="sm"
              variant="quiet"
              onClick={() => {
                setBody(note.body);
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="note" data-testid="patient-note">
      <p className="note-body">{note.body}</p>
      <div className="note-meta">
        <span className="muted">
          {note.author ? `${note.author} · ` : ''}
          {formatDateTime(note.createdAt, timeZone)}
          {edited ? ` · edited ${formatDateTime(note.updatedAt, timeZone)}` : ''}
        </span>
        <span className="spacer" />
        {confirming ? (
          <span className="row" role="group" aria-label="Confirm removal">
            <span className="muted">Remove this note?</span>
            <Button
              size="sm"
              variant="danger"
              busy={busy}
              onClick={async () => {
                setBusy(true);
                await removeNote(note.id);
                setBusy(false);
                setConfirming(false);
              }}
            >
              Remove
            </Button>
            <Button size="sm" variant="quiet" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </span>
        ) : (
          <>
            <Button size="sm" variant="quiet" icon={<Pencil size={14} aria-hidden="true" />} onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button size="sm" variant="quiet" icon={<Trash2 size={14} aria-hidden="true" />} onClick={() => setConfirming(true)}>
              Remove
            </Button>
          </>
        )}
      </div>
    </li>
  );
}

/** Staff notes about the patient: local to this computer, never sent to the source. */
export function NotesSection({ notes, timeZone }: { notes: PatientNote[]; timeZone: string }) {
  const addNote = usePatientStore((s) => s.addNote);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);

  return (
    <div className="stack">
      {notes.length === 0 ? (
        <p className="muted section-empty">No notes yet. Notes stay in ClinicSync on this computer; they are never sent to the source.</p>
      ) : (
        <ul className="note-list" aria-label="Notes">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} timeZone={timeZone} />
          ))}
        </ul>
      )}
      <form
        className="stack-sm"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!draft.trim()) return;
          setBusy(true);
          if (await addNote(draft)) setDraft('');
          setBusy(false);
        }}
      >
        <Field label="Add a note" hint="Visible to staff using ClinicSync on this computer.">
          {(p) => (
            <TextArea {...p} value={draft} onChange={(e) => setDraft(e.target.value)} rows={3} maxLength={5000} data-testid="note-input" />
          )}
        </Field>
        <div>
          <Button type="submit" variant="secondary" busy={busy} disabled={!draft.trim()}>
            Add note
          </Button>
        </div>
      </form>
    </div>
  );
}
