import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBytes } from '../ingest/formats/load.js';
import { isPublicAddress } from './addresses.js';
import { attachmentLinks } from './attachments.js';
import { fetchFile } from './fetch-file.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Route>();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local = { allowPrivateAddresses: true } as const;
const GBK_PAGE = '<html><body><p>牡丹江市教育局2020年政府信息公开工作年度报告</p></body></html>';

routes.set('/report.txt', (_, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('一、总体情况'));
routes.set('/hop', (_, res) => res.writeHead(302, { location: '/report.txt' }).end());
routes.set('/to-loopback', (_, res) => res.writeHead(302, { location: 'http://127.0.0.2:9/secret' }).end());
routes.set('/to-ipv6-loopback', (_, res) => res.writeHead(302, { location: 'http://[::1]:9/secret' }).end());
routes.set('/to-metadata', (_, res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
routes.set('/to-file', (_, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
routes.set('/loop', (_, res) => res.writeHead(302, { location: '/loop' }).end());
routes.set('/big', (_, res) => {
  res.writeHead(200, { 'content-type': 'application/pdf' });
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  let sent = 0;
  const pump = () => {
    while (sent < 4 * 1024 * 1024) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
routes.set('/big-declared', (_, res) => res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).write('x'));
routes.set('/stall', (_, res) => res.writeHead(200).write('开始了……'));
routes.set('/gbk', (_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=GBK' }).end(iconv.encode(GBK_PAGE, 'gbk')));
routes.set('/big5', (_, res) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=big5' }).end(iconv.encode('<html><body><p>臺灣政府資訊公開</p></body></html>', 'big5')),
);
routes.set('/download', (_, res) =>
  res
    .writeHead(200, { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('2023年报.pdf')}` })
    .end('%PDF-1.4'),
);
routes.set('/raw-name', (_, res) =>
  res.writeHead(200, { 'content-disposition': `attachment; filename="${iconv.encode('年报.doc', 'gbk').toString('latin1')}"` }).end('x'),
);

describe('fetching a report from a link', () => {
  it('follows a redirect on the public rules (here allowed to 127.0.0.1) and names the file from the path', async () => {
    const got = await fetchFile(`${base}/hop`, local);
    expect(got).toMatchObject({ ok: true, value: { name: 'report.txt', url: `${base}/report.txt`, mediaType: 'text/plain' } });
    if (got.ok) expect(got.value.bytes.toString()).toBe('一、总体情况');
  });

  it('refuses a link to 127.0.0.1 unless the test setting allows it', async () => {
    const got = await fetchFile(`${base}/report.txt`);
    expect(got).toEqual({ ok: false, error: '链接指向本机或内网地址（127.0.0.1），不能下载' });
  });

  it('refuses a name that resolves to the machine itself', async () => {
    const got = await fetchFile(`http://localhost:${new URL(base).port}/report.txt`);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error).toMatch(/本机或内网地址/);
  });

  it('refuses a redirect to a private or metadata address, even when the first hop was allowed', async () => {
    // The test server's own address is let through; every other private address is judged as in production.
    const onlyTheTestServer = { allowPrivateAddresses: ['127.0.0.1'] };
    for (const [path, address] of [
      ['/to-loopback', '127.0.0.2'],
      ['/to-ipv6-loopback', '::1'],
      ['/to-metadata', '169.254.169.254'],
    ] as const) {
      const got = await fetchFile(`${base}${path}`, onlyTheTestServer);
      expect(got).toEqual({ ok: false, error: `链接指向本机或内网地址（${address}），不能下载` });
    }
  });

  it('refuses a redirect to another scheme', async () => {
    const got = await fetchFile(`${base}/to-file`, local);
    expect(got).toEqual({ ok: false, error: '只能下载 http 或 https 链接，不支持 file' });
  });

  it('stops after five redirects', async () => {
    const got = await fetchFile(`${base}/loop`, local);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error).toMatch(/^跳转次数过多（超过 5 次）/);
  });

  it('stops downloading past the size limit, whether the size was declared or not', async () => {
    const streamed = await fetchFile(`${base}/big`, { ...local, maxBytes: 1024 * 1024 });
    expect(streamed).toEqual({ ok: false, error: '文件过大，超过 1.0 MB 的上限，已停止下载' });
    const declared = await fetchFile(`${base}/big-declared`, local);
    expect(declared).toEqual({ ok: false, error: '文件过大，超过 20.0 MB 的上限，已停止下载' });
  });

  it('gives up on a server that stops sending', async () => {
    const got = await fetchFile(`${base}/stall`, { ...local, timeoutMs: 300 });
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error).toMatch(/^下载超时（300 毫秒内没有下载完）/);
  });

  it('reads a GBK page whose charset only the Content-Type names', async () => {
    const got = await fetchFile(`${base}/gbk`, local);
    expect(got.ok && got.value.charset).toBe('gbk');
    if (!got.ok) return;
    const loaded = await loadBytes(got.value.bytes, got.value.name, { charset: got.value.charset ?? undefined });
    expect(loaded.ok && loaded.value.text).toContain('牡丹江市教育局2020年政府信息公开工作年度报告');
  });

  it('reads a page in a charset other than GBK when the Content-Type names it', async () => {
    const got = await fetchFile(`${base}/big5`, local);
    if (!got.ok) throw new Error(got.error);
    const loaded = await loadBytes(got.value.bytes, got.value.name, { charset: got.value.charset ?? undefined });
    expect(loaded.ok && loaded.value.text).toContain('臺灣政府資訊公開');
  });

  it('names the file as Content-Disposition does, in UTF-8 or in raw GBK bytes', async () => {
    const utf8 = await fetchFile(`${base}/download`, local);
    expect(utf8.ok && utf8.value.name).toBe('2023年报.pdf');
    const raw = await fetchFile(`${base}/raw-name`, local);
    expect(raw.ok && raw.value.name).toBe('年报.doc');
  });

  it('refuses what is not http(s) and what is not a link', async () => {
    expect(await fetchFile('ftp://example.gov.cn/a.pdf')).toEqual({ ok: false, error: '只能下载 http 或 https 链接，不支持 ftp' });
    expect((await fetchFile('not a link')).ok).toBe(false);
  });
});

describe('which addresses are public', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'ff02::1'])(
    '%s is not',
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
  it.each(['202.108.22.5', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2400:da00::6666'])('%s is', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe('attachments of a notice page', () => {
  it('lists the documents a page links to, resolved, each once', () => {
    const page = Buffer.from(
      `<html><body><p>详见附件：</p>
      <a href="/files/2023年报.pdf">2023年政府信息公开工作年度报告</a>
      <a href="download?id=7">报告全文.docx</a>
      <a href="/files/2023年报.pdf#page=2">同一份</a>
      <a href="javascript:void(0)">打印.pdf</a>
      <a href="/index.html">首页</a></body></html>`,
    );
    expect(attachmentLinks(page, 'http://www.example.gov.cn/art/1.html')).toEqual([
      { url: 'http://www.example.gov.cn/files/2023%E5%B9%B4%E6%8A%A5.pdf', label: '2023年政府信息公开工作年度报告' },
      { url: 'http://www.example.gov.cn/art/download?id=7', label: '报告全文.docx' },
    ]);
  });
});
