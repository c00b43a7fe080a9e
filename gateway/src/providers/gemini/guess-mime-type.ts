/**
 * Gemini's fileData wants a MIME type and OpenAI image URLs carry none, so it is guessed from
 * the URL's file extension. For images, unknown extensions fall back to JPEG, the most common kind.
 */
const mimeByExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  txt: 'text/plain',
};

export const DEFAULT_IMAGE_MIME_TYPE = 'image/jpeg';

export function guessMimeType(url: string, fallback: string = DEFAULT_IMAGE_MIME_TYPE): string {
  // Only the path counts: query strings and fragments often contain dots too.
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  const dot = lastSegment.lastIndexOf('.');
  if (dot < 0) return fallback;
  return mimeByExtension[lastSegment.slice(dot + 1).toLowerCase()] ?? fallback;
}
