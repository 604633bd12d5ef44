// Entry point: picks the transport (Electron preload or the console's HTTP API) and mounts the UI.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { selectConnector } from './connector-transport';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');

createRoot(root).render(
  <StrictMode>
    <App connector={selectConnector(window)} />
  </StrictMode>,
);
