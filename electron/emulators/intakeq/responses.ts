import { jsonResponse, textResponse, type EmulatorResponse } from '../shared/http';

// IntakeQ runs on ASP.NET: errors are {"Message": "..."}, and unknown routes get IIS's HTML page.

export function message(status: number, text: string): EmulatorResponse {
  return jsonResponse(status, { Message: text });
}

export function unauthorized(): EmulatorResponse {
  return message(401, 'Authorization has been denied for this request.');
}

/** The spec cannot say whether IntakeQ sends Retry-After, so it is only sent when asked for. */
export function tooManyRequests(resetAtMs: number, nowMs: number, retryAfterHeader: boolean): EmulatorResponse {
  const response = message(429, 'API rate limit exceeded.');
  if (retryAfterHeader) response.headers = { 'Retry-After': String(Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000))) };
  return response;
}

export function htmlNotFound(): EmulatorResponse {
  return textResponse(
    404,
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>\r\n<title>404 - File or directory not found.</title>\r\n</head>\r\n<body>\r\n<div id="header"><h1>Server Error</h1></div>\r\n<div id="content">\r\n <div class="content-container"><fieldset>\r\n  <h2>404 - File or directory not found.</h2>\r\n  <h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3>\r\n </fieldset></div>\r\n</div>\r\n</body>\r\n</html>\r\n',
    'text/html',
  );
}

export function applicationError(): EmulatorResponse {
  return message(500, 'An error has occurred.');
}
