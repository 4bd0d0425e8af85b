/**
 * Makes a scanned-looking PDF (pages that are pictures, no text layer) from JPEG page images, for
 * the tests of the scan and OCR path:
 *
 *   pdftoppm -r 150 -gray -jpeg -jpegopt quality=40 -f 1 -l 3 report.pdf page   # poppler-utils
 *   npm exec tsx test/bench/make-scan-pdf.ts -- OUT.pdf page-1.jpg page-3.jpg
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** A JPEG's pixel size and colour components, from its start-of-frame marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number; components: number } {
  for (let i = 2; i < jpeg.length; ) {
    if (jpeg[i] !== 0xff) throw new Error('not a JPEG');
    const marker = jpeg[i + 1];
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7), components: jpeg[i + 9] };
    }
    i += 2 + length;
  }
  throw new Error('no frame in JPEG');
}

export function scanPdf(images: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    size += buf.length;
  };
  const object = (n: number, body: (Buffer | string)[]) => {
    offsets[n] = size;
    push(`${n} 0 obj\n`);
    for (const b of body) push(b);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const pageIds = images.map((_, i) => 3 + i * 3);
  object(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  object(2, [`<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${images.length} >>`]);
  images.forEach((jpeg, i) => {
    const { width, height, components } = jpegSize(jpeg);
    const colours = components === 1 ? '/DeviceGray' : components === 4 ? '/DeviceCMYK' : '/DeviceRGB';
    const [page, image, content] = [3 + i * 3, 4 + i * 3, 5 + i * 3];
    const draw = `q 595 0 0 842 0 0 cm /Im0 Do Q`;
    object(page, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${content} 0 R >>`]);
    object(image, [`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${colours} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, jpeg, '\nendstream']);
    object(content, [`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`]);
  });
  const count = 2 + images.length * 3;
  const xref = size;
  push(`xref\n0 ${count + 1}\n0000000000 65535 f \n`);
  for (let n = 1; n <= count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

const [out, ...images] = process.argv.slice(2).filter((a) => a !== '--');
if (!out || images.length === 0) {
  console.error('usage: tsx test/bench/make-scan-pdf.ts OUT.pdf PAGE.jpg…');
  process.exit(2);
}
writeFileSync(out, scanPdf(images.map((f) => readFileSync(f))));
console.log(`wrote ${out}`);
