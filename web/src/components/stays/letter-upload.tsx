import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../use-action.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { dischargeApi } from './discharge-api.ts';

/** The file's bytes in base64, as the API takes documents (the data URL's prefix dropped). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** The hospital's own PDF letter, uploaded as is (the server checks it is a PDF; its content is not read). */
export function LetterUpload({
  patientId,
  stayId,
  onSent,
}: {
  patientId: string;
  stayId: string;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [notPdf, setNotPdf] = useState(false);
  const send = useAction();
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (file === null || !(file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf'))) {
      setNotPdf(true);
      return;
    }
    setNotPdf(false);
    void send
      .run(async () =>
        dischargeApi.sendLetter(patientId, stayId, { kind: 'pdf', contentBase64: await base64Of(file) }),
      )
      .then((done) => done && onSent());
  };
  return (
    <form className="form" onSubmit={submit} data-testid="letter-upload">
      <div className="field">
        <label htmlFor={id}>{t('discharge.letter.uploadLabel')}</label>
        <input
          id={id}
          type="file"
          accept="application/pdf,.pdf"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        {notPdf && <p className="field-error">{t('discharge.letter.notPdf')}</p>}
      </div>
      {send.error !== null && <ProblemMessage error={send.error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={send.busy}>
          {t('discharge.letter.upload')}
        </button>
      </div>
    </form>
  );
}
