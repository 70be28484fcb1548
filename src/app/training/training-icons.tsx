import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="bp-icon" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

/** Icons of the training panel (16 px, currentColor, decorative). */
export const trainingIcons = {
  stop: (
    <Icon>
      <rect x="4" y="4" width="8" height="8" rx="1.2" />
    </Icon>
  ),
  download: (
    <Icon>
      <path d="M8 2.5v8M4.8 7.5L8 10.7l3.2-3.2M3 13.5h10" />
    </Icon>
  ),
  file: (
    <Icon>
      <path d="M4 1.8h5l3 3v9.4H4z" />
      <path d="M9 1.8v3h3" />
    </Icon>
  ),
  chevron: (
    <Icon>
      <path d="M6 4l4 4-4 4" />
    </Icon>
  ),
};
