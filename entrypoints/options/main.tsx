/** Options page: thin; each area's section is a component with its data and actions passed in. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { feedsClient } from '@/lib/feeds/client';
import { KNOWN_PORTALS } from '@/lib/portal-patterns';
import { FeedsOptions } from '@/components/options/FeedsOptions';
import { KeysSection } from '@/components/options/KeysSection';
import { RecordingOptions } from './recording';

const language = browser.i18n.getUILanguage();
const formatTime = (ms: number) => new Date(ms).toLocaleString(language, { dateStyle: 'short', timeStyle: 'short' });

function download(fileName: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

render(
  <main>
    <h1>{t('optionsTitle')}</h1>
    <FeedsOptions t={t} api={feedsClient} knownPortals={KNOWN_PORTALS} formatTime={formatTime} download={download} />
    <KeysSection area={browser.storage.sync} t={t} />
    <RecordingOptions />
  </main>,
  document.getElementById('app')!,
);
