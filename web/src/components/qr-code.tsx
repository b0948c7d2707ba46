import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `text` (an otpauth URI, for an authenticator app to scan), drawn as an SVG image. */
export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void qrSvg(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((svg) => {
      if (current) setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [text]);
  if (source === null) return null;
  return <img className="qr-code" src={source} alt={label} width={200} height={200} data-testid={testId} />;
}
