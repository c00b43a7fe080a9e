/**
 * OpenAI message content (a string or an array of typed parts) -> Gemini parts.
 * Text, images, audio and files have Gemini equivalents; other part types have none and are left out.
 */
import type { ContentPart } from '../../contract/chat.js';
import { DEFAULT_IMAGE_MIME_TYPE, guessMimeType } from './guess-mime-type.js';
import type { GeminiPart } from './wire-types.js';

const dataUrlPattern = /^data:([^;,]*)((?:;[^;,]*)*?),(.*)$/s;

/** Splits a data: URL into Gemini inlineData; non-base64 payloads are re-encoded because Gemini needs base64. */
function inlineDataFromDataUrl(url: string, fallbackMimeType: string): GeminiPart | undefined {
  const match = dataUrlPattern.exec(url);
  if (!match) return undefined;
  const [, mimeType, params = '', payload = ''] = match;
  const isBase64 = params.split(';').includes('base64');
  const data = isBase64 ? payload : Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  return { inlineData: { mimeType: mimeType || fallbackMimeType, data } };
}

function imagePart(url: string): GeminiPart | undefined {
  if (url.startsWith('data:')) return inlineDataFromDataUrl(url, DEFAULT_IMAGE_MIME_TYPE);
  return { fileData: { fileUri: url, mimeType: guessMimeType(url) } };
}

function convertPart(part: ContentPart): GeminiPart | undefined {
  switch (part.type) {
    case 'text':
      return typeof part.text === 'string' && part.text.length > 0 ? { text: part.text } : undefined;
    case 'image_url':
      return typeof part.image_url?.url === 'string' ? imagePart(part.image_url.url) : undefined;
    case 'input_audio': {
      const audio = part.input_audio as { data?: unknown; format?: unknown } | undefined;
      if (typeof audio?.data !== 'string') return undefined;
      const format = typeof audio.format === 'string' ? audio.format : 'wav';
      return { inlineData: { mimeType: `audio/${format}`, data: audio.data } };
    }
    case 'file': {
      const file = part.file as { file_data?: unknown; file_id?: unknown; filename?: unknown } | undefined;
      // OpenAI file parts are PDFs unless the file name says otherwise.
      const filename = typeof file?.filename === 'string' ? file.filename : '';
      const mimeType = guessMimeType(filename, 'application/pdf');
      if (typeof file?.file_data === 'string') return inlineDataFromDataUrl(file.file_data, mimeType);
      if (typeof file?.file_id === 'string') return { fileData: { fileUri: file.file_id, mimeType } };
      return undefined;
    }
    default:
      return undefined;
  }
}

export function convertContentParts(content: string | ContentPart[] | null | undefined): GeminiPart[] {
  if (typeof content === 'string') return content.length > 0 ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => convertPart(part) ?? []);
}

/** The text of a message's content, for places Gemini only takes text (tool results). */
export function contentText(content: string | ContentPart[] | null | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join('');
}
