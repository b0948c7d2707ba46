import { inflateSync } from 'node:zlib';

/**
 * The text a PDF shows, from its content streams: each Flate stream inflated, then the strings of
 * its TJ/Tj operators (pdfkit writes standard-font text as hex WinAnsi strings) joined per operator.
 */
export function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  // pdfkit ends a stream's data with exactly "\n": taking a "\r" as part of the delimiter would cut
  // a compressed stream whose last byte is 0x0d (one in 256) and lose that page's text.
  const streams = [...raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((match) => {
    const body = Buffer.from(match[1] ?? '', 'latin1');
    try {
      return inflateSync(body).toString('latin1');
    } catch {
      return body.toString('latin1');
    }
  });
  const lines: string[] = [];
  for (const content of streams) {
    for (const [, operands] of content.matchAll(/\[(.*?)\]\s*TJ/g)) {
      const hex = [...(operands ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map(([, h]) => h ?? '').join('');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}
