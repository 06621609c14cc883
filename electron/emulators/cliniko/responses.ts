import type { ControlError, ValidationError } from '../shared/control-error';
import { jsonResponse, textResponse, type EmulatorResponse } from '../shared/http';

// Cliniko is a Rails application; these are the bodies Rails and Rack::Attack send by default
// where the spec leaves the exact shape open.

export function accessDenied(): EmulatorResponse {
  const response = textResponse(401, 'HTTP Basic: Access denied.\n');
  return { ...response, headers: { ...response.headers, 'WWW-Authenticate': 'Basic realm="Application"' } };
}

export function forbidden(): EmulatorResponse {
  return textResponse(403, 'Forbidden\n');
}

export function tooManyRequests(resetAtMs: number, nowMs: number, retryAfterHeader: boolean): EmulatorResponse {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-RateLimit-Reset': String(Math.ceil(resetAtMs / 1000)),
  };
  if (retryAfterHeader) headers['Retry-After'] = String(Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000)));
  return { status: 429, headers, body: 'Retry later\n' };
}

export function recordNotFound(): EmulatorResponse {
  return jsonResponse(404, { status: '404', error: 'Not Found' });
}

/** Unknown routes: an empty 404, as some Cliniko 404s are. */
export function routeNotFound(): EmulatorResponse {
  return { status: 404 };
}

export function validationFailed(error: ValidationError): EmulatorResponse {
  return jsonResponse(422, { message: 'Validation Failed', errors: error.errors });
}

export function controlErrorResponse(error: ControlError): EmulatorResponse {
  return error.status === 404 ? recordNotFound() : jsonResponse(400, { message: error.message });
}

export function applicationError(): EmulatorResponse {
  return textResponse(
    500,
    '<!DOCTYPE html>\n<html>\n<head><title>We\'re sorry, but something went wrong (500)</title></head>\n<body>\n<div class="dialog"><h1>We\'re sorry, but something went wrong.</h1></div>\n</body>\n</html>\n',
    'text/html; charset=utf-8',
  );
}
