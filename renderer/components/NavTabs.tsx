// Switches between the three screens; plain buttons so Tab and Enter are all a keyboard user needs.
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
        <button key={screen} type="button" className="nav-button" aria-current={current === screen ? 'page' : undefined}
          onClick={() => onSelect(screen)}>
          {label}
        </button>
      ))}
    </nav>
  );
}
