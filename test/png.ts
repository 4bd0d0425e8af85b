import { inflateSync } from 'node:zlib';

/** What a test needs to know of a PNG: that it is one, how large, and whether anything is drawn. */
export interface PngInfo {
  width: number;
  height: number;
  /**
   * Share of the image data's bytes (after PNG's row filters) that are neither 0 nor 255: about 0
   * for a blank or one-colour image, which filters to runs of 0 and 255.
   */
  inked: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Reads a PNG's chunks (IHDR first, as the format requires; the IDAT data inflated) and throws
 * on anything that is not a well-formed 8-bit RGB or RGBA PNG.
 */
export function readPng(bytes: Buffer): PngInfo {
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: wrong signature');
  let at = 8;
  let header: { width: number; height: number; channels: number } | null = null;
  const data: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (header === null && type !== 'IHDR') throw new Error(`PNG chunk ${type} before IHDR`);
    if (type === 'IHDR') {
      const depth = body[8];
      const colour = body[9];
      if (depth !== 8 || (colour !== 2 && colour !== 6)) throw new Error(`unexpected PNG depth ${depth} / colour type ${colour}`);
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), channels: colour === 6 ? 4 : 3 };
    }
    if (type === 'IDAT') data.push(body);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (header === null) throw new Error('PNG without IHDR');
  const pixels = inflateSync(Buffer.concat(data));
  const stride = header.width * header.channels + 1;
  if (pixels.length !== stride * header.height) throw new Error(`PNG data of ${pixels.length} bytes for ${header.width}×${header.height}`);
  let inked = 0;
  for (let y = 0; y < header.height; y++) {
    for (let x = 1; x < stride; x++) if (pixels[y * stride + x] !== 0xff && pixels[y * stride + x] !== 0) inked++;
  }
  return { width: header.width, height: header.height, inked: inked / (header.height * (stride - 1)) };
}
