import { describe, expect, it } from 'vitest';
import { HttpError, providerErrorMessage } from './errors.ts';

describe('providerErrorMessage', () => {
  it('reads the message out of each provider error envelope', () => {
    expect(providerErrorMessage('{"error":{"message":"Rate limit reached","type":"requests"}}')).toBe(
      'Rate limit reached',
    );
    expect(
      providerErrorMessage('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'),
    ).toBe('Overloaded');
    expect(providerErrorMessage('{"error":"Bad gateway"}')).toBe('Bad gateway');
    expect(providerErrorMessage('{"message":"Unauthorized"}')).toBe('Unauthorized');
  });

  it('gives up on anything that is not such JSON', () => {
    expect(providerErrorMessage('<html>502 Bad Gateway</html>')).toBeUndefined();
    expect(providerErrorMessage('{"error":{"message":"cut off mid')).toBeUndefined();
    expect(providerErrorMessage('{"error":{"code":42}}')).toBeUndefined();
    expect(providerErrorMessage('"just a string"')).toBeUndefined();
  });
});

describe('HttpError', () => {
  it("shows the provider's sentence instead of its JSON, and keeps the raw excerpt", () => {
    const body = '{"error":{"message":"The server had an error processing your request."}}';
    const error = new HttpError(500, 'Internal Server Error', body);
    expect(error.message).toBe(
      'HTTP 500 Internal Server Error: The server had an error processing your request.',
    );
    expect(error.providerMessage).toBe('The server had an error processing your request.');
    expect(error.bodyExcerpt).toBe(body);
  });

  it('falls back to the raw excerpt for non-JSON bodies', () => {
    expect(new HttpError(502, '', 'upstream timed out').message).toBe('HTTP 502: upstream timed out');
    expect(new HttpError(503, 'Service Unavailable', '').message).toBe('HTTP 503 Service Unavailable');
  });
});
