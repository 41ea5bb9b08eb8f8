import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { ErrorCode } from '../graphql/errors.js';
import { HttpError } from './http-errors.js';

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

function decoded(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return req;
  const decoder =
    encoding === 'gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) throw new HttpError(415, ErrorCode.BAD_REQUEST, `Unsupported content encoding "${encoding}".`);
  req.on('error', (error) => decoder.destroy(error));
  return req.pipe(decoder);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than the limit of ${limit} bytes.`, { maximum: limit });
}

/**
 * The request's JSON body (what express.json did before): only `application/json` bodies are
 * read, others reach Apollo with none (its CSRF check and "POST body missing" answer them). A body
 * over `limit` bytes (after decompression) is 413, one that is not a JSON object or array is 400.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type === undefined || !JSON_TYPE.test(type)) return undefined;
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return undefined;
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, ErrorCode.BAD_REQUEST, `Unsupported charset "${charset}": send UTF-8.`);
  }
  const stream = decoded(req);
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    // Events, not `for await`: leaving an async iterator early destroys the socket, and the 413 with it.
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) return void chunks.push(chunk);
      stream.off('data', onData);
      if (stream !== req) stream.destroy();
      reject(tooLarge(limit)); // the rest of the upload is read and dropped by node once the 413 is sent
    };
    stream.on('data', onData);
    let ended = false;
    stream.once('error', reject);
    stream.once('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, length).toString('utf8'));
    });
    // 'close' follows 'end' on every request: the error (and its stack trace) only when the body was cut off.
    stream.once('close', () => {
      if (!ended) reject(new HttpError(400, ErrorCode.BAD_REQUEST, 'The request body was cut off.'));
    });
  });
  if (text.length === 0) return {};
  // Strict, as express.json: a JSON object or array, never a bare string or number.
  const first = /^[\s\uFEFF]*(.)/.exec(text)?.[1];
  if (first === '{' || first === '[') {
    try {
      return JSON.parse(text);
    } catch {
      // answered below
    }
  }
  throw new HttpError(400, ErrorCode.BAD_REQUEST, 'Malformed request body: expected JSON.');
}
