import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api } from './api/client';
import { resolveTheme } from './lib/theme';
import { bindServerState } from './store/instances';
import { bindOpenChanges } from './store/open-changes-store';
import { openChanges } from './store/open-changes';
import './styles/index.css';

// Follow the system until the saved appearance arrives, so the first paint is already in the right theme.
document.documentElement.dataset.theme = resolveTheme('system', window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);

bindServerState();
bindOpenChanges(openChanges, api.on);

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
