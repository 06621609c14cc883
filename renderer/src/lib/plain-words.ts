/**
 * The words the console uses for ideas staff meet on several screens, each said the same way
 * everywhere and explained once, in a tooltip (never "upstream", "unaffiliated" or "reconciled").
 */

/** A patient or appointment deleted in the practice system; ClinicSync keeps its copy. */
export const DELETED_AT_SOURCE = 'Deleted at source';
export const DELETED_AT_SOURCE_HINT = 'Deleted in Cliniko or IntakeQ. ClinicSync keeps its copy and marks it, so nothing is lost.';

/** A patient linked to no organization (school, employer) in ClinicSync. */
export const NO_ORGANIZATION = 'No organization';
export const NO_ORGANIZATION_HINT = 'Not linked to any organization (a school, an employer) in ClinicSync.';
