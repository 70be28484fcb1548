import { useId, useState, type KeyboardEvent } from 'react';

export interface CommitFieldProps {
  label: string;
  /** The committed value, as text. */
  value: string;
  /** The reason `text` cannot be committed, or null. */
  validate(text: string): string | null;
  /** Called with valid text that differs from `value`, on Enter or when the field loses focus. */
  commit(text: string): void;
  hint?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  maxLength?: number;
  name?: string;
}

/**
 * A text field that edits a document value: the error shows beside it while typing
 * (aria-invalid, aria-describedby), a valid value is committed on Enter or blur (one
 * undo step), an invalid one never is, and Escape brings back the committed value.
 */
export function CommitField({ label, value, validate, commit, hint, placeholder, inputMode = 'text', maxLength, name }: CommitFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // A new committed value (undo, another edit) replaces the draft.
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  const error = validate(draft);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;

  const tryCommit = () => {
    if (draft !== value && validate(draft) === null) commit(draft);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      tryCommit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(value);
    }
  };

  return (
    <div className={`bp-field${error ? ' bp-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={draft}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={tryCommit}
        onKeyDown={onKeyDown}
      />
      {hint && (
        <span id={`${id}-hint`} className="bp-field__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} className="bp-field__error">
          {error}
        </span>
      )}
    </div>
  );
}
