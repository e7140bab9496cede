import { useId } from 'react';

/** A file's bytes as a `data:` URL (base64), which the API's uploads accept as they are. */
export function readFileAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/** A file chooser with its label, hint and error, wired for screen readers like the other fields. */
export function FileField({ label, hint, error, accept, onFile }: { label: string; hint?: string; error?: string; accept: string; onFile: (file: File | undefined) => void }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="field__hint" id={`${id}-hint`}>{hint}</p> : null}
      <input id={id} type="file" accept={accept} aria-describedby={described} aria-invalid={error ? true : undefined} onChange={(e) => onFile(e.target.files?.[0])} />
      {error ? <p className="field__error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}
