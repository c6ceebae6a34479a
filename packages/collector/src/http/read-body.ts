/** Why a body could not be read, with the status it answers. */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  readonly status: 400 | 408 | 413;
  constructor(status: 400 | 408 | 413, message: string) {
    super(message);
    this.status = status;
  }
}

/**
 * Reads a request body as UTF-8 text, at most `limit` bytes and within
 * `timeoutMs`. The count is of bytes actually received, not the
 * `content-length` a client claims (checked first, to answer 413 at once), so a
 * chunked or lying upload is cut off at the limit instead of buffered whole;
 * a body trickling in slower than the timeout is cut off too (408).
 */
export async function readBody(request: Request, limit: number, timeoutMs: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit)
    throw new BodyError(413, `the body is ${declared} bytes; a beacon is at most ${limit}`);
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BodyError(408, `the body did not arrive within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), timeout]);
      if (done) break;
      size += value.byteLength;
      if (size > limit)
        throw new BodyError(413, `the body is over ${limit} bytes, the most a beacon may have`);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BodyError(400, 'the body is not valid UTF-8');
  }
}
