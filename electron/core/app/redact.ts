import { createHash } from 'node:crypto';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Runs of 5+ digits (record ids, phone numbers), with the separators phones are written with.
const NUMBER_RUN = /\+?\d[\d\s().-]{3,}\d/g;
const DATE = /\b\d{4}-\d{2}-\d{2}\b(?!T)/g;

/** A short, stable stand-in for an identifier: the same id always hashes the same within a bundle. */
export function hashIdentifier(value: string, salt: string): string {
  return `#${createHash('sha256').update(salt).update(value).digest('hex').slice(0, 10)}`;
}

/**
 * Scrubs text for a support bundle: emails and dates of birth removed, record ids and phone numbers
 * replaced by salted hashes (so support can still see that two lines concern the same record).
 */
export function redactText(text: string, salt: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(DATE, '[date]')
    .replace(NUMBER_RUN, (run) => (run.replace(/\D/g, '').length >= 5 ? hashIdentifier(run.replace(/\D/g, ''), salt) : run));
}
