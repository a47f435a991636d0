import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { describeUnless } from '../helpers/gates.js';
import { gql } from '../helpers/graphql-client.js';

/** Debian's package; `.ci/run` installs it when missing. */
const CHROMIUM = '/usr/bin/chromium';
/** Headless, and nothing of Chromium's own reaching for the network (this machine has none). */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The page's result pane, once it holds something. */
async function resultText(page: Page, contains: string, timeout = 15_000): Promise<string> {
  const result = page.locator('.graphiql-response');
  await expect.poll(async () => (await result.innerText()).includes(contains), { timeout }).toBe(true);
  return result.innerText();
}

/** Replaces the query editor's text, as a user typing it would. */
async function typeQuery(page: Page, query: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // CodeMirror closes brackets as one types: insert the text whole instead.
  await page.keyboard.insertText(query);
}

describeUnless(existsSync(CHROMIUM) ? undefined : `no ${CHROMIUM}`, 'the explorer in a real browser, offline', () => {
  let dataDir: string;
  let app: App;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const sockets: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vas-explorer-'));
    // As `npm start` runs it: a generated dev secret, the demo fleet, printed tokens.
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ACK_TIMEOUT_MS: '1500' });
    app = await startApp({ ...config, store: { kind: 'memory' } }, { logger: pino({ level: 'silent' }) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => sockets.push(socket.url()));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loads GraphiQL from the subgraph alone, with the demo token prefilled', async () => {
    const response = await page.goto(app.url);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toMatch(/default-src 'self'/);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    const origin = new URL(app.url).origin;
    const elsewhere = requests.filter(
      (url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'),
    );
    expect(elsewhere).toEqual([]);
    const headers = await page.locator('.graphiql-editor-tool .graphiql-editor').last().innerText();
    expect(headers).toContain(`Bearer ${app.devTokens!.user}`);
  });

  it('gives the demo token only to a page asked for by a loopback name (no DNS rebinding)', async () => {
    const { request } = await import('undici');
    const read = async (host: string) => {
      const response = await request(app.url, { headers: { accept: 'text/html', host } });
      return response.body.text();
    };
    const { port } = new URL(app.url);
    expect(await read(`127.0.0.1:${port}`)).toContain(app.devTokens!.user);
    expect(await read(`localhost:${port}`)).toContain(app.devTokens!.user);
    expect(await read(`attacker.example:${port}`)).not.toContain(app.devTokens!.user);
  });

  it('runs a query from the page', async () => {
    await typeQuery(page, '{ locks { edges { node { id name } } } }');
    await page.locator('.graphiql-execute-button').click();
    expect(await resultText(page, 'Demo front door')).toContain('"locks"');
  });

  it('runs a subscription from the page, over graphql-ws, and shows what arrives', async () => {
    const token = app.devTokens!.user;
    const vehicles = await gql(app.url, '{ vehicles { edges { node { id provider } } } }', {}, { token });
    const mobway = (vehicles.data!.vehicles.edges as { node: { id: string; provider: string } }[]).find(
      (e) => e.node.provider === 'MOBWAY',
    )!.node.id;
    // The Mobway simulator completes a command after about a second: the page sees PENDING, then SUCCESS.
    const execution = (
      await gql(
        app.url,
        'mutation($id: ID!) { lockVehicle(input: { vehicleId: $id }) { id status } }',
        { id: mobway },
        { token },
      )
    ).data!.lockVehicle;
    expect(execution.status).toBe('PENDING');
    await typeQuery(page, `subscription { commandExecutionUpdated(id: "${execution.id}") { id status version } }`);
    await page.locator('.graphiql-execute-button').click();
    expect(await resultText(page, 'SUCCESS', 20_000)).toContain(execution.id);
    expect(sockets).toEqual([app.wsUrl]);
  });
});
