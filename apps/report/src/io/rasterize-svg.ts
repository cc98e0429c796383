import sharp from 'sharp';

/** Rasterises an SVG to PNG at 144 dpi (twice the SVG's CSS pixel size), for slides and documents. */
export async function svgToPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
}
