import type { GraphQLFormattedError } from 'graphql';

export interface HttpResult {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  body: { data?: any; errors?: GraphQLFormattedError[] } | undefined;
  text: string;
}

async function read(response: Response): Promise<HttpResult> {
  const text = await response.text();
  let body: HttpResult['body'];
  try {
    body = JSON.parse(text) as HttpResult['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** POSTs a JSON body to /graphql; every request is bounded by a timeout. */
export async function postGraphQL(
  base: string,
  payload: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<HttpResult> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return read(response);
}

/** GETs /graphql with the operation in the query string. */
export async function getGraphQL(
  base: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<HttpResult> {
  const response = await fetch(`${base}/graphql?${new URLSearchParams(params).toString()}`, {
    headers,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return read(response);
}

export async function getPath(base: string, path: string, timeoutMs = 10_000): Promise<HttpResult> {
  return read(await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) }));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
