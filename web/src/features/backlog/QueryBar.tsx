import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

import { applySuggestion, complete, type CompletionSource } from './queryCompletion';
import type { QueryProblem } from './queryError';

interface Props {
  value: string;
  onChange: (text: string) => void;
  onApply: (text: string) => void;
  source: CompletionSource;
  problem: QueryProblem | null;
  /** The query the problem is about (the text may have changed since). */
  problemQuery: string;
}

/**
 * The query input: a combobox that suggests fields, operators, values and keywords as one
 * types (arrows choose, Enter or Tab takes one, Escape closes), and under it the server's
 * message for a malformed query with a caret under the position it names.
 */
export function QueryBar({ value, onChange, onApply, source, problem, problemQuery }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const errorId = useId();
  const [caret, setCaret] = useState(value.length);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const completion = useMemo(() => complete(value, caret, source), [value, caret, source]);
  const suggestions = open ? completion.suggestions : [];

  function update(text: string, at: number) {
    onChange(text);
    setCaret(at);
    setActive(0);
  }

  function take(index: number) {
    const s = completion.suggestions[index];
    if (!s) return;
    const next = applySuggestion(value, caret, completion.from, s);
    update(next.text, next.caret);
    setOpen(true);
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.setSelectionRange(next.caret, next.caret);
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && suggestions.length > 0) {
      e.preventDefault();
      setActive((a) => (a + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp' && suggestions.length > 0) {
      e.preventDefault();
      setActive((a) => (a - 1 + suggestions.length) % suggestions.length);
    } else if ((e.key === 'Tab' || e.key === 'Enter') && suggestions.length > 0 && !e.shiftKey) {
      e.preventDefault();
      take(active);
    } else if (e.key === 'Escape') {
      setOpen(false);
    } else if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      setOpen(true);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setOpen(false);
    onApply(value);
  }

  const showProblem = problem !== null;
  const position = problem?.position ?? null;

  return (
    <form className="query-bar" aria-label="Filter the backlog" onSubmit={onSubmit}>
      <div className="query-row">
        <label htmlFor={`${listId}-input`}>Query</label>
        <div className="combobox">
          <input
            id={`${listId}-input`}
            ref={inputRef}
            className="mono query-input"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={suggestions.length > 0}
            aria-controls={listId}
            aria-activedescendant={suggestions.length > 0 ? `${listId}-${active}` : undefined}
            aria-invalid={showProblem || undefined}
            aria-describedby={showProblem ? errorId : undefined}
            placeholder='type = story AND status != done ORDER BY rank'
            spellCheck={false}
            autoComplete="off"
            value={value}
            onChange={(e) => {
              update(e.target.value, e.target.selectionStart ?? e.target.value.length);
              setOpen(true);
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? value.length)}
            onKeyDown={onKeyDown}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
          />
          {suggestions.length > 0 && (
            <ul className="suggestions" role="listbox" id={listId} aria-label="Suggestions">
              {suggestions.map((s, i) => (
                <li
                  key={`${s.kind}-${s.text}`}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : undefined}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    take(i);
                  }}
                >
                  <span className="mono">{s.text}</span> <span className="muted suggestion-kind">{s.kind}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <button type="submit" className="primary">
          Apply
        </button>
        {value !== '' && (
          <button
            type="button"
            onClick={() => {
              update('', 0);
              onApply('');
            }}
          >
            Clear
          </button>
        )}
      </div>
      {showProblem && (
        <div className="query-error" id={errorId} role="alert">
          <p>
            {problem.message}
            {position !== null && <> (at character {position + 1})</>}
          </p>
          {position !== null && (
            <pre className="query-caret" aria-hidden="true" data-testid="query-caret">
              {problemQuery}
              {'\n'}
              {' '.repeat(Math.min(position, problemQuery.length))}^
            </pre>
          )}
          {problem.expected.length > 0 && <p className="muted">Expected: {problem.expected.join(', ')}</p>}
        </div>
      )}
    </form>
  );
}
