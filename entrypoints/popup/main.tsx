import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { feedsClient } from '@/lib/feeds/client';
import { NewSection } from '@/components/popup/NewSection';

function Popup() {
  return (
    <main>
      <h1>{t('popupTitle')}</h1>
      <NewSection t={t} api={feedsClient} />
      <button type="button" onClick={() => browser.tabs.create({ url: browser.runtime.getURL('/library.html') })}>
        {t('openLibrary')}
      </button>
      <button type="button" onClick={() => browser.runtime.openOptionsPage()}>
        {t('openOptions')}
      </button>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
