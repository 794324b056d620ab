/** The background's answers to the feed messages (options page, popup, tests). */
import type { Handlers } from '../messages';
import type { FeedService } from './service';

export function feedHandlers(service: () => FeedService): Handlers {
  return {
    'feeds/state': async () => service().view(),
    'feeds/saveSettings': async ({ settings }) => service().save(settings),
    'feeds/addPortal': async ({ address, name }) => service().addPortal(String(address ?? ''), typeof name === 'string' ? name : undefined),
    'feeds/removePortal': async ({ base }) => (await service().removePortal(String(base)), { ok: true }),
    'feeds/pollNow': async () => {
      const report = await service().poll(true);
      const failed = report.results.filter((r) => r.outcome.kind === 'failed').length;
      const added = report.results.reduce((n, r) => n + (r.outcome.kind === 'updated' ? r.outcome.added.length : 0), 0);
      return { checked: report.results.length, failed, added };
    },
    'feeds/markSeen': async (target) => service().markSeen(target ?? {}),
    'feeds/listNew': async () => service().newGroups(),
    'feeds/calendar': async () => service().calendar(),
  };
}
