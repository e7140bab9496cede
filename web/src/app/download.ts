import { call } from '../api/client';

/**
 * Saves a file the API answered (a PDF to print, a CSV) under a name, through the browser's own
 * download. The call goes through the typed client like any other (no URL by hand); a refusal
 * throws the API's error.
 *
 *   await saveFile(api.GET('/api/…/order.pdf', { params, parseAs: 'blob' }), 'PB-000001.pdf');
 */
export async function saveFile(request: Promise<{ data?: Blob; error?: unknown; response: Response }>, fileName: string): Promise<void> {
  const blob = await call(request);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to start the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
