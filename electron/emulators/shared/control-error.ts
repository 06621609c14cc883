/**
 * A control-API call that cannot be carried out (unknown id, invalid argument). Messages name the
 * record kind, id and field only, never patient details.
 */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 404,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/** Input the API itself would refuse; `errors` maps field names to messages. */
export class ValidationError extends ControlError {
  constructor(readonly errors: Record<string, string>) {
    super(
      `Validation failed: ${Object.entries(errors)
        .map(([field, message]) => `${field} ${message}`)
        .join('; ')}`,
      400,
    );
    this.name = 'ValidationError';
  }
}

export function notFound(kind: string, id: string | number): ControlError {
  return new ControlError(`No ${kind} with id ${id}`);
}
