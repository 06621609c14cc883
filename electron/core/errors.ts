/**
 * An error whose message is written for the person using ClinicSync. Faces pass `code`, `message`
 * and `details` through unchanged; any other error is reported as an internal failure.
 */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}
