import type { ReactNode } from 'react';

/** Small stroke icons (16 px, currentColor); decorative, hidden from assistive technology. */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="bp-icon" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

export const icons = {
  newDoc: (
    <Icon>
      <path d="M9.5 2H4a1 1 0 00-1 1v10a1 1 0 001 1h8a1 1 0 001-1V5.5z" />
      <path d="M9.5 2v3.5H13M8 8v4M6 10h4" />
    </Icon>
  ),
  tidy: (
    <Icon>
      <rect x="2" y="3" width="4" height="3" rx="0.8" />
      <rect x="10" y="3" width="4" height="3" rx="0.8" />
      <rect x="6" y="10" width="4" height="3" rx="0.8" />
      <path d="M6 4.5h4M12 6v2H8v2" />
    </Icon>
  ),
  undo: (
    <Icon>
      <path d="M5.5 3.5L2.5 6.5l3 3" />
      <path d="M2.5 6.5h7a4 4 0 010 8h-2" />
    </Icon>
  ),
  redo: (
    <Icon>
      <path d="M10.5 3.5l3 3-3 3" />
      <path d="M13.5 6.5h-7a4 4 0 000 8h2" />
    </Icon>
  ),
  import: (
    <Icon>
      <path d="M8 2v8M5 7l3 3 3-3" />
      <path d="M2.5 11v2.5h11V11" />
    </Icon>
  ),
  export: (
    <Icon>
      <path d="M8 10V2M5 5l3-3 3 3" />
      <path d="M2.5 11v2.5h11V11" />
    </Icon>
  ),
  examples: (
    <Icon>
      <path d="M2.5 3h4a1.5 1.5 0 011.5 1.5V14a1.5 1.5 0 00-1.5-1.5h-4z" />
      <path d="M13.5 3h-4A1.5 1.5 0 008 4.5V14a1.5 1.5 0 011.5-1.5h4z" />
    </Icon>
  ),
  share: (
    <Icon>
      <path d="M6.5 9.5a3 3 0 004.2.3l2-2a3 3 0 00-4.2-4.3l-.8.8" />
      <path d="M9.5 6.5a3 3 0 00-4.2-.3l-2 2a3 3 0 004.2 4.3l.8-.8" />
    </Icon>
  ),
  mlp: (
    <Icon>
      <circle cx="3" cy="5" r="1.3" />
      <circle cx="3" cy="11" r="1.3" />
      <circle cx="8" cy="3.5" r="1.3" />
      <circle cx="8" cy="8" r="1.3" />
      <circle cx="8" cy="12.5" r="1.3" />
      <circle cx="13" cy="8" r="1.3" />
      <path d="M4.2 5.3l2.6-1.5M4.2 5.6l2.6 2M4.2 10.4l2.6-2M4.2 10.7l2.6 1.5M9.2 4l2.6 3.4M9.3 8h2.4M9.2 12l2.6-3.4" strokeWidth="1" />
    </Icon>
  ),
  forward: (
    <Icon>
      <path d="M2.5 8h10M9 4.5L12.5 8 9 11.5" />
    </Icon>
  ),
  backward: (
    <Icon>
      <path d="M13.5 8h-10M7 4.5L3.5 8 7 11.5" />
    </Icon>
  ),
  step: (
    <Icon>
      <path d="M3 12.5h3.5V9H10V5.5h3" />
    </Icon>
  ),
  train: (
    <Icon>
      <path d="M4.5 3v10l8-5z" />
    </Icon>
  ),
  pause: (
    <Icon>
      <path d="M5.5 3.5v9M10.5 3.5v9" />
    </Icon>
  ),
  reset: (
    <Icon>
      <path d="M2.8 8a5.2 5.2 0 109-3.6" />
      <path d="M12.3 1.8v3h-3" />
    </Icon>
  ),
  sun: (
    <Icon>
      <circle cx="8" cy="8" r="2.8" />
      <path d="M8 1.5v1.3M8 13.2v1.3M1.5 8h1.3M13.2 8h1.3M3.4 3.4l.9.9M11.7 11.7l.9.9M3.4 12.6l.9-.9M11.7 4.3l.9-.9" />
    </Icon>
  ),
  moon: (
    <Icon>
      <path d="M13 9.5A5.5 5.5 0 016.5 3a5.5 5.5 0 106.5 6.5z" />
    </Icon>
  ),
  trash: (
    <Icon>
      <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
    </Icon>
  ),
};
