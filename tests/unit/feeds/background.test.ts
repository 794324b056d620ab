import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ALARM_NAME } from '@/lib/feeds/service';

describe('background wiring', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('re-creates the alarm on update and startup, and survives an alarm and a page/seen message without portals', async () => {
    // fakeBrowser lacks permissions.*, scripting.* and runtime.getManifest: stub what the wiring touches.
    const permissions = { onAdded: { addListener: () => undefined }, contains: async () => false, remove: async () => true };
    Object.assign(fakeBrowser, { permissions });
    Object.assign(fakeBrowser.runtime, { getManifest: () => ({ content_scripts: [] }) });
    const { wireFeedListeners } = await import('@/lib/feeds/background');
    wireFeedListeners();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false } as never);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(ALARM_NAME)).toMatchObject({ periodInMinutes: 15 }), { timeout: 5000 });
    await fakeBrowser.alarms.clearAll();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(ALARM_NAME)).toMatchObject({ periodInMinutes: 15 }), { timeout: 5000 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: ALARM_NAME, scheduledTime: Date.now() });
    await fakeBrowser.runtime.onMessage.trigger({ type: 'page/seen', payload: { page: { kind: 'meetingItem', portal: 'https://a.fi', itemId: '1-1' } } }, {});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });
});
