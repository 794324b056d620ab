/** `send()` for extension contexts: messages go to the background over runtime messaging. */
import { browser } from 'wxt/browser';
import { makeSender } from './messages';

export const send = makeSender((message) => browser.runtime.sendMessage(message));
