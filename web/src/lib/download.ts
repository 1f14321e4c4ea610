/**
 * Saving what the API serves as a file (Content-Disposition: attachment). The file is fetched
 * through the typed client first, so a failure (a dropped connection, an expired session)
 * shows as a message on the page instead of a saved error document.
 */

/** The file name a Content-Disposition header gives, or the fallback. */
export function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const found = /filename="([^"]+)"/.exec(header);
  return found ? found[1] : fallback;
}

/** Hands a fetched file to the browser to save, under its name. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by the next task; the blob need not stay in memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
