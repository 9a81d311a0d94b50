// A real OpenID provider for the single sign-on tests: oidc-provider (npm), on loopback,
// with the client and the accounts that tests/oidc/provider.py writes to a JSON file.
//
//   node tests/oidc/provider.mjs CONFIG.json
//
// CONFIG: {"tools": the npm prefix holding oidc-provider, "issuer": "http://127.0.0.1:PORT",
// "port": PORT, "client": {client_id, client_secret, redirect_uris},
// "accounts": {subject: {"password": ..., "claims": {"email": ..., ...}, "amr": [...]}},
// "scopeClaims": {"profile": [claim names the profile scope releases]}}.
//
// People sign in on a small form of its own (e-mail and password), and consent is given
// for them: the intranet is the company's own application.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const entry = join(config.tools, 'node_modules', 'oidc-provider', 'lib', 'index.js');
const { default: Provider } = await import(pathToFileURL(entry).href);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'tests', alg: 'RS256', use: 'sig' };
const accounts = config.accounts;

const provider = new Provider(config.issuer, {
  clients: [config.client],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['a key for the test provider only'] },
  claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], ...config.scopeClaims },
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, subject) {
    const account = accounts[subject];
    return account && { accountId: subject, claims: async () => ({ sub: subject, ...account.claims }) };
  },
  async loadExistingGrant(ctx) {
    const { client, session, params } = ctx.oidc;
    const known = session.grantIdFor(client.clientId);
    if (known) {
      return ctx.oidc.provider.Grant.find(known);
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(params.scope);
    await grant.save();
    return grant;
  },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(response, status, uid, problem) {
  response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  response.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Test Company sign-in</title></head><body><main><h1>Test Company sign-in</h1>
${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<p><label for="email">E-mail</label> <input id="email" name="email" type="email" required></p>
<p><label for="password">Password</label> <input id="password" name="password" type="password" required></p>
<p><button type="submit">Sign in</button></p></form></main></body></html>`);
}

async function formOf(request) {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
  }
  return new URLSearchParams(body);
}

async function interaction(request, response) {
  const { uid, prompt } = await provider.interactionDetails(request, response);
  if (prompt.name !== 'login') {
    throw new Error(`no ${prompt.name} prompt in this provider`);
  }
  if (request.method !== 'POST') {
    return loginPage(response, 200, uid, '');
  }
  const form = await formOf(request);
  const subject = Object.keys(accounts).find((id) => accounts[id].claims.email === form.get('email')
    && accounts[id].password === form.get('password'));
  if (!subject) {
    return loginPage(response, 401, uid, 'Wrong e-mail or password.');
  }
  return provider.interactionFinished(request, response,
    { login: { accountId: subject, amr: accounts[subject].amr } },
    { mergeWithLastSubmission: false });
}

const handle = provider.callback();
createServer((request, response) => {
  if (!request.url.startsWith('/interaction/')) {
    return handle(request, response);
  }
  return interaction(request, response).catch((error) => {
    response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`The test provider refused this: ${error.message}`);
  });
}).listen(config.port, '127.0.0.1');
