import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { resolveTheme } from './lib/theme';
import { bindServerState } from './store/instances';
import './styles/index.css';

// Follow the system until the saved appearance arrives, so the first paint is already in the right theme.
document.documentElement.dataset.theme = resolveTheme('system', window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);

bindServerState();

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
