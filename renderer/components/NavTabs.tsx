// Switches between the three screens. Links, not buttons: the Preview screen has its own "Preview"
// button, and the two must not share a role and a name.
export type Screen = 'setup' | 'activity' | 'preview';

const SCREENS: ReadonlyArray<{ screen: Screen; label: string }> = [
  { screen: 'setup', label: 'Setup' },
  { screen: 'activity', label: 'Activity' },
  { screen: 'preview', label: 'Preview' },
];

export function NavTabs({ current, onSelect }: { current: Screen; onSelect(screen: Screen): void }) {
  return (
    <nav aria-label="Screens" className="nav">
      {SCREENS.map(({ screen, label }) => (
        <a key={screen} href={`#${screen}`} className="nav-button" aria-current={current === screen ? 'page' : undefined}
          onClick={(event) => {
            // The screen lives in state, so the address (and a console token read from it) stays as it is.
            event.preventDefault();
            onSelect(screen);
          }}>
          {label}
        </a>
      ))}
    </nav>
  );
}
