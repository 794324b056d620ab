import { render } from 'preact';
import { t } from '@/lib/i18n';

render(
  <main>
    <h1>{t('libraryTitle')}</h1>
  </main>,
  document.getElementById('app')!,
);
