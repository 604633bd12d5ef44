// PLACEHOLDER (renderer agent replaces): React entry.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>Mailjet Segment Connector</h1>);
