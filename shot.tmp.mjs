import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '/work/wt/class/scripts/chromium.js';
const b = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const [url, w, h, out, act] = process.argv.slice(2);
const p = await b.newPage({ viewport: { width: +w, height: +h } });
p.on('pageerror', (e) => console.log('ERR', e.message));
p.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await p.goto(url);
await p.evaluate(() => window.reglab.ready);
if (act === 'wait') await p.waitForFunction(() => window.reglab.state().status === 'done', null, { timeout: 120000 });
if (act === 'panel') { await p.click('#class-link summary'); await p.check('#class-embed'); await p.locator('#class-link').scrollIntoViewIfNeeded(); }
console.log(JSON.stringify(await p.evaluate(() => ({ st: window.reglab.state().statusText, sw: document.documentElement.scrollWidth, url: location.hash }))));
await p.screenshot({ path: out, fullPage: act === 'panel' ? false : false });
await b.close();
