import qrcode from 'qrcode-generator';

/**
 * A QR code of `text` for a terminal (half-block characters, two modules per line), so a phone's
 * camera opens the URL without typing the token. Error correction L keeps it small enough to scan.
 */
export function terminalQrCode(text: string): string {
  const qr = qrcode(0, 'L');
  qr.addData(text);
  qr.make();
  return qr.createASCII(1, 2);
}
