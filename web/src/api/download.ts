// Files the API answers with (an export): fetched through the API client, so that the request
// carries the page's language (Accept-Language) and a refusal comes back as a problem to show,
// then handed to the browser to save under the name the server gave.

/** The file name of a Content-Disposition header (`filename*=UTF-8''…` or `filename="…"`), or null. */
export function fileNameOf(response: Response): string | null {
  const header = response.headers.get('Content-Disposition') ?? '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // Not valid percent-encoding: try the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  const name = (plain?.[1] ?? plain?.[2] ?? '').trim();
  return name || null;
}

/** Saves `blob` as a download named `name` (a link to a Blob URL, clicked, then let go). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Browsers read the Blob after the click returns: let the URL (and the memory) go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
