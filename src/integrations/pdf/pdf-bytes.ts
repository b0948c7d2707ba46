import PDFDocument from 'pdfkit';

/**
 * Renders an A4 PDF with pdfkit's standard fonts (WinAnsi covers French) and collects its bytes.
 * `compress: false` keeps the text readable (tests).
 */
export function pdfBytes(
  options: { readonly info: PDFKit.DocumentInfo; readonly compress?: boolean | undefined },
  write: (doc: PDFKit.PDFDocument) => void,
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: options.compress ?? true,
    info: { Creator: 'Relais', ...options.info },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  write(doc);
  doc.end();
  return done;
}
