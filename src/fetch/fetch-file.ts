/**
 * Fetching a report from a link, carefully: the link comes from a chat, and the fetch runs inside
 * the deployment, so it must reach only the public internet (no 127.0.0.1, no 10.0.0.0/8, no cloud
 * metadata), be it by the link itself, a redirect or a name that resolves to such an address.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { MAX_FILE_BYTES } from '../ingest/formats/load.js';
import type { Result } from '../ingest/report.js';
import { isPublicAddress } from './addresses.js';
import { fileNameOf } from './file-name.js';

export interface FetchOptions {
  /** Larger bodies are cut off and refused. Default: the loaders' limit, 20 MB. */
  maxBytes?: number;
  /** For the whole fetch, redirects included. Default 20 s. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /**
   * TESTS ONLY: lets the fetch reach loopback and private addresses (true: all of them; a list:
   * just these), so that tests can serve pages from 127.0.0.1. Never set from configuration.
   */
  allowPrivateAddresses?: boolean | readonly string[];
}

/** A file fetched from a link. */
export interface FetchedFile {
  /** Where it came from, after redirects. */
  url: string;
  /** From Content-Disposition, else the URL's path (may lack an extension). */
  name: string;
  bytes: Buffer;
  /** The Content-Type's media type, lower case, when sent. */
  mediaType: string | null;
  /** The Content-Type's charset, when sent. */
  charset: string | null;
}

const DEFAULTS = { maxBytes: MAX_FILE_BYTES, timeoutMs: 20_000, maxRedirects: 5 };

/** A refusal to connect, carried through the socket's error event. */
class BlockedAddress extends Error {
  constructor(readonly address: string) {
    super(`blocked address ${address}`);
  }
}

/**
 * Fetches `link` (http or https), following at most 5 redirects by hand, each checked like the
 * link itself; the connection goes to the address that was checked (a custom DNS lookup), so a
 * name cannot resolve to a public address for the check and a private one for the connection.
 * Expected failures are one line a person can act on. Never throws.
 *
 * @example
 * const got = await fetchFile('https://www.example.gov.cn/2023年报.pdf');
 * if (!got.ok) console.log(got.error); // "链接指向本机或内网地址（127.0.0.1），不能下载"
 */
export async function fetchFile(link: string, options: FetchOptions = {}): Promise<Result<FetchedFile, string>> {
  const opts = { ...DEFAULTS, ...options };
  const allowed = reachable(opts.allowPrivateAddresses);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), opts.timeoutMs);
  try {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return { ok: false, error: `不是有效的链接：${clipUrl(link)}` };
    }
    for (let hop = 0; hop <= opts.maxRedirects; hop++) {
      const refused = checkUrl(url, allowed);
      if (refused) return { ok: false, error: refused };
      const got = await get(url, opts, allowed, deadline.signal);
      if (!got.ok) return got;
      if (got.value.kind === 'redirect') {
        url = got.value.to;
        continue;
      }
      return { ok: true, value: got.value.file };
    }
    return { ok: false, error: `跳转次数过多（超过 ${opts.maxRedirects} 次），已停止：${clipUrl(link)}` };
  } finally {
    clearTimeout(timer);
  }
}

type Reachable = (address: string) => boolean;

function reachable(allowPrivate: FetchOptions['allowPrivateAddresses']): Reachable {
  if (allowPrivate === true) return () => true;
  const extra = new Set(Array.isArray(allowPrivate) ? allowPrivate : []);
  return (address) => extra.has(address) || isPublicAddress(address);
}

/** Why a URL may not be fetched, or null. Names resolve later, in `guardedLookup`. */
function checkUrl(url: URL, allowed: Reachable): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `只能下载 http 或 https 链接，不支持 ${url.protocol.replace(/:$/, '')}`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !allowed(host)) return blockedMessage(host);
  return null;
}

const blockedMessage = (address: string) => `链接指向本机或内网地址（${address}），不能下载`;

type Hop = { kind: 'redirect'; to: URL } | { kind: 'file'; file: FetchedFile };

function get(url: URL, opts: typeof DEFAULTS & FetchOptions, allowed: Reachable, signal: AbortSignal): Promise<Result<Hop, string>> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Result<Hop, string>) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const req = client.request(
      url,
      {
        method: 'GET',
        signal,
        agent: false, // a fresh connection, and so a fresh checked lookup, for every hop
        lookup: guardedLookup(allowed),
        headers: { 'user-agent': 'Mozilla/5.0 (compatible; gov-report-bot)', accept: '*/*', 'accept-encoding': 'identity' },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          try {
            done({ ok: true, value: { kind: 'redirect', to: new URL(res.headers.location, url) } });
          } catch {
            done({ ok: false, error: `网站跳转到了无效的地址：${clipUrl(res.headers.location)}` });
          }
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          done({ ok: false, error: `网站返回 HTTP ${status}，没有下载到文件：${clipUrl(url.href)}` });
          return;
        }
        readBody(res, opts.maxBytes, req.destroy.bind(req)).then((body) => {
          if (!body.ok) return done(signal.aborted ? { ok: false, error: timedOut(url, opts.timeoutMs) } : body);
          done({ ok: true, value: { kind: 'file', file: describe(url, res, body.value) } });
        });
      },
    );
    req.on('error', (err) => done({ ok: false, error: describeFailure(err, url, signal, opts.timeoutMs) }));
    req.end();
  });
}

function readBody(res: IncomingMessage, maxBytes: number, abort: () => void): Promise<Result<Buffer, string>> {
  const tooLarge = (): Result<Buffer, string> => ({ ok: false, error: `文件过大，超过 ${formatMb(maxBytes)} 的上限，已停止下载` });
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    return Promise.resolve(tooLarge());
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        abort();
        resolve(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve({ ok: true, value: Buffer.concat(chunks) }));
    // An abort (timeout, size) ends here too; the request's own error handler says which.
    res.on('error', () => resolve({ ok: false, error: '下载中断' }));
    res.on('aborted', () => resolve({ ok: false, error: '下载中断' }));
  });
}

function describe(url: URL, res: IncomingMessage, bytes: Buffer): FetchedFile {
  const contentType = res.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() || null;
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? null;
  return { url: url.href, name: fileNameOf(url, res.headers['content-disposition']), bytes, mediaType, charset };
}

/**
 * DNS lookup that refuses names resolving to any non-public address; the socket connects to the
 * address returned here, so what was checked is what is reached.
 */
function guardedLookup(allowed: Reachable): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const bad = addresses.find((a) => !allowed(a.address));
      if (bad) return callback(new BlockedAddress(bad.address) as NodeJS.ErrnoException, '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

function describeFailure(err: unknown, url: URL, signal: AbortSignal, timeoutMs: number): string {
  if (err instanceof BlockedAddress) return blockedMessage(err.address);
  if (signal.aborted) return timedOut(url, timeoutMs);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `找不到网站 ${url.hostname}：请检查链接`;
  if (code === 'ECONNREFUSED') return `无法连接 ${url.host}：网站拒绝连接`;
  if (code === 'ECONNRESET') return `下载中断：网站断开了连接`;
  if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) return `网站 ${url.hostname} 的 HTTPS 证书无效，不能下载`;
  return `下载失败（${err instanceof Error ? err.message.split('\n')[0] : String(err)}）：${clipUrl(url.href)}`;
}

function timedOut(url: URL, timeoutMs: number): string {
  const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} 秒` : `${timeoutMs} 毫秒`;
  return `下载超时（${seconds}内没有下载完），请稍后再试：${clipUrl(url.href)}`;
}

function clipUrl(link: string): string {
  return link.length <= 120 ? link : `${link.slice(0, 119)}…`;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
