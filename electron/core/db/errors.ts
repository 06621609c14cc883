import { UserFacingError } from '../errors';

export type CacheOpenErrorCode =
  | 'wrong_key'
  | 'key_required'
  | 'not_encrypted'
  | 'invalid_key'
  | 'key_file_insecure'
  | 'key_dir_inside_data'
  | 'migrations_missing'
  | 'migrations_invalid'
  | 'migrations_mismatch'
  | 'newer_than_app'
  | 'migration_failed';

/** Why the cache could not be opened, in words for the person running ClinicSync. */
export class CacheOpenError extends UserFacingError {
  override readonly code: CacheOpenErrorCode;

  constructor(code: CacheOpenErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.code = code;
    this.name = 'CacheOpenError';
  }
}
