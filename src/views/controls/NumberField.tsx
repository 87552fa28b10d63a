// A labelled number input for the network, link and node panels. The text stays as typed;
// the form reads it with parseNumberField when applied, and a reason it cannot be read is
// shown beside the field (and announced), with the field marked invalid. Decimals are fine.

export interface NumberFieldProps {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  /** Why the last applied text could not be read, or null. */
  error: string | null;
  /** Accessible name when the visible label is not enough. */
  ariaLabel?: string;
  onBlur?: () => void;
}

export function NumberField({ label, testId, value, onChange, error, ariaLabel, onBlur }: NumberFieldProps) {
  const errorId = `${testId}-error`;
  return (
    <label className="number-field">
      {label}
      <input
        data-testid={testId}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-label={ariaLabel}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      {error && (
        <span className="field-error" id={errorId} role="alert" data-testid={errorId}>
          {error}
        </span>
      )}
    </label>
  );
}
