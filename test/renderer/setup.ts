// Adds DOM matchers (toBeInTheDocument, toHaveAccessibleName…) to component tests.
import '@testing-library/jest-dom/vitest';
import { createElement } from 'react';

// jsdom has no canvas; the chart's text summary and table carry the data the tests check.
vi.mock('react-chartjs-2', () => ({
  Bar: (props: { 'aria-label'?: string }) => createElement('canvas', { role: 'img', 'aria-label': props['aria-label'] }),
}));
