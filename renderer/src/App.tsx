import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { NoticeList } from './components/NoticeList';
import { AboutPage } from './pages/AboutPage';
import { useAppStore } from './store/app-store';

export function App() {
  const load = useAppStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="app">
      <AppHeader />
      <main className="app-main">
        <NoticeList />
        <AboutPage />
      </main>
    </div>
  );
}
