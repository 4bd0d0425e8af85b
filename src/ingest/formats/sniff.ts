/**
 * What a file is, from its bytes: government sites serve a `.doc` that is really a web page, a
 * PDF named `.txt`, an image named `.pdf`. The extension is only a hint, used when the bytes are
 * plain text (`.md` or `.txt`) or say nothing.
 */

/** The kinds of file a loader may meet. */
export type FileKind = 'pdf' | 'docx' | 'doc' | 'html' | 'text' | 'zip' | 'ole' | 'image' | 'rtf';

export interface Sniffed {
  kind: FileKind;
  /** The kind as a person reads it, for messages: "PDF 文件", "PNG 图片". */
  name: string;
}

const starts = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // Compound File Binary (Word 97–2003)
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf
const IMAGES: ReadonlyArray<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片'],
  [[0x42, 0x4d], 'BMP 图片'],
  [[0x49, 0x49, 0x2a, 0x00], 'TIFF 图片'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'TIFF 图片'],
];

/**
 * The kind of a file from its first bytes. A PDF may carry a little junk before `%PDF-` (viewers
 * look for it in the first 1 KB); a ZIP is a Word document when it holds `word/document.xml`.
 */
export function sniffFile(bytes: Uint8Array): Sniffed {
  if (pdfStart(bytes) >= 0) return { kind: 'pdf', name: 'PDF 文件' };
  if (starts(bytes, ZIP)) {
    return holdsName(bytes, 'word/document.xml')
      ? { kind: 'docx', name: 'Word 文档（.docx）' }
      : { kind: 'zip', name: 'ZIP 压缩包（不是 Word 文档）' };
  }
  if (starts(bytes, OLE)) {
    return holdsName(bytes, 'WordDocument', 'utf16le')
      ? { kind: 'doc', name: 'Word 97–2003 文档（.doc）' }
      : { kind: 'ole', name: '旧版 Office 文件（不是 Word 文档，可能是 Excel 或 PowerPoint）' };
  }
  if (starts(bytes, RTF)) return { kind: 'rtf', name: 'RTF 文档' };
  for (const [magic, name] of IMAGES) if (starts(bytes, magic)) return { kind: 'image', name };
  if (looksLikeHtml(bytes)) return { kind: 'html', name: '网页（HTML）' };
  return { kind: 'text', name: '文本文件' };
}

/** Where `%PDF-` starts in the first 1 KB, or −1. */
export function pdfStart(bytes: Uint8Array): number {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  return head.indexOf('%PDF-', 0, 'latin1');
}

function holdsName(bytes: Uint8Array, name: string, encoding: BufferEncoding = 'latin1'): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(Buffer.from(name, encoding));
}

/**
 * A page's markup in its first 2 KB: a doctype, `<html`, `<head`, `<meta`, `<body` or `<table`
 * (a saved fragment) after any byte order mark and blanks, in ASCII, GBK or UTF-8 alike.
 */
function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  if (head.includes('\0')) {
    // UTF-16: look at every other byte.
    const narrowed = head.replace(/\0/g, '');
    return /^(?:\xff\xfe|\xfe\xff)?\s*<(?:!doctype\s+html|html|head|meta|body|table)\b/i.test(narrowed);
  }
  return /^(?:\xef\xbb\xbf)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body|table)\b/i.test(head);
}
