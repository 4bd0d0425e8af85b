/** subset-font ships no types: the part of its API this project uses. */
declare module 'subset-font' {
  export interface SubsetOptions {
    /** 'sfnt' keeps TrueType/OpenType (what resvg reads); the default keeps the input's format. */
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    /** OpenType layout features to keep; [] keeps none. */
    keepFeatures?: string[];
    noHinting?: boolean;
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetOptions): Promise<Buffer>;
}
