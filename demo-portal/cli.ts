/**
 * `npm run demo:portal [-- --port 8787 --host 127.0.0.1]`: runs the demo portal until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startDemoPortal } from './server';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8787' }, host: { type: 'string', default: '127.0.0.1' }, conditional: { type: 'boolean', default: false } },
});
const portal = await startDemoPortal({ port: Number(values.port), host: values.host, conditional: values.conditional });
console.log(`Demo portal: ${portal.url}/`);
console.log(`  dynamic item: ${portal.url}/cgi/DREQUEST.PHP?page=meetingitem&id=2021587-11`);
console.log(`  static item:  ${portal.url}/kokous/2017409886-4.HTM`);
console.log(`  feed:         ${portal.url}/cgi/DREQUEST.PHP?page=rss/meetingitems&show=30`);
console.log(`  publish:      ${portal.url}/__demo/publish?organ=Kaupunginhallitus&title=Uusi%20asia`);
const stop = () => void portal.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
