// Switches between the three screens. Links, not buttons: the Preview screen has its own "Preview"
// button, and the two must not share a role and a name.
import type { Screen } from '../hash-route';

export type { Screen };

const SCREENS: ReadonlyArray<{ screen: Screen; label: string }> = [
  { screen: 'setup', label: 'Setup' },
  { screen: 'activity', label: 'Activity' },
  { screen: 'preview', label: 'Preview' },
];

export function NavTabs({ current, onSelect }: { current: Screen; onSelect(screen: Screen): void }) {
  return (
    <nav aria-label="Screens" className="nav">
      {SCREENS.map(({ screen, label }) => (
        <a key={screen} href={`#/${screen}`} className="nav-button" aria-current={current === screen ? 'page' : undefined}
          onClick={(event) => {
            // The app writes the address itself (hash-route.ts), one history entry per move.
            event.preventDefault();
            onSelect(screen);
          }}>
          {label}
        </a>
      ))}
    </nav>
  );
}
