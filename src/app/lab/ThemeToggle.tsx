// Light, dark, or follow the system (prefers-color-scheme). The choice is kept in
// localStorage and applied as data-theme on <html>, which lab.css keys its colours on.

import { useEffect, useState } from 'react';

type Theme = 'auto' | 'light' | 'dark';
const KEY = 'dslab-theme';
const NEXT: Record<Theme, Theme> = { auto: 'dark', dark: 'light', light: 'auto' };

function stored(): Theme {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(stored);
  useEffect(() => {
    if (theme === 'auto') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', theme);
    try {
      window.localStorage.setItem(KEY, theme);
    } catch {
      // Storage may be off (private mode): the theme still applies for this visit.
    }
  }, [theme]);
  return (
    <button
      type="button"
      className="theme-toggle"
      data-testid="theme-toggle"
      aria-label={`Theme: ${theme}. Change theme`}
      onClick={() => setTheme(NEXT[theme])}
    >
      {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'} <span className="theme-name">{theme}</span>
    </button>
  );
}
