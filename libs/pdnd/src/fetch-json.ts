/** How key material is fetched; injectable so tests use the stand-in and the app can add auth. */
export type FetchJson = (url: string, headers?: Record<string, string>) => Promise<{ status: number; body: unknown }>;

const TIMEOUT_MS = 5000;

/** Global fetch with a timeout and no redirects (a redirect of a key endpoint is not trusted). */
export const defaultFetchJson: FetchJson = async (url, headers = {}) => {
  const res = await fetch(url, {
    headers: { accept: 'application/json', ...headers },
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body };
};
