import iconv from 'iconv-lite';

/**
 * The name of a fetched file: the one Content-Disposition gives (`filename*=UTF-8''…` first, then
 * `filename="…"`, which Chinese sites often send as raw UTF-8 or GBK bytes, or percent-encoded),
 * else the last segment of the URL's path, else the host. It may lack an extension; what the file
 * is comes from its bytes.
 */
export function fileNameOf(url: URL, contentDisposition: string | undefined): string {
  const fromHeader = contentDisposition ? dispositionName(contentDisposition) : null;
  const name = fromHeader ?? lastSegment(url) ?? url.hostname;
  return name.replace(/[\\/]/g, '_').trim() || url.hostname;
}

function dispositionName(header: string): string | null {
  const extended = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    const decoded = percentDecode(extended[2] as string, extended[1] as string);
    if (decoded) return decoded;
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  const raw = (plain?.[1] ?? plain?.[2])?.trim();
  if (!raw) return null;
  return /%[0-9a-f]{2}/i.test(raw) ? (percentDecode(raw, 'utf-8') ?? raw) : rawBytesName(raw);
}

/** A header value is read by Node as latin1: bytes ≥ 0x80 are UTF-8 or GBK bytes of the name. */
function rawBytesName(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

function percentDecode(text: string, charset: string): string | null {
  try {
    if (/^utf-?8$/i.test(charset)) return decodeURIComponent(text);
    const bytes = Buffer.from(text.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return iconv.encodingExists(charset) ? iconv.decode(bytes, charset) : null;
  } catch {
    return null;
  }
}

function lastSegment(url: URL): string | null {
  const segment = url.pathname.split('/').filter(Boolean).pop();
  if (!segment) return null;
  return percentDecode(segment, 'utf-8') ?? segment;
}
