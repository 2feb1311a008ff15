import { escapeHtml } from './escapeHtml';
import express, { Request, Response, Router } from 'express';
import type Provider from 'oidc-provider';
import { KeycloakRealm } from './KeycloakRealm';

/** Keycloak's message for a refused login (it never says which of the two was wrong). */
const INVALID_LOGIN_MESSAGE = 'Invalid username or password.';

/**
 * The login page of the realm's interactions (`/realms/<realm>/login-actions/authenticate/<uid>`): a
 * username-or-email and password form. A right password finishes the interaction's login and sends
 * the browser back to the authorization endpoint; a wrong one shows the form again with Keycloak's
 * message and status 200, as Keycloak does.
 */
export function loginRoutes(realm: KeycloakRealm, provider: Provider): Router {
  const router = Router();
  const path = `/realms/${realm.name}/login-actions/authenticate/:uid`;

  router.get(path, async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== req.params.uid) {
      throw new Error('interaction mismatch');
    }
    renderLogin(res, realm, req.originalUrl, { username: '' });
  });

  router.post(
    path,
    express.urlencoded({ extended: false }),
    async (req, res) => {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== req.params.uid || details.prompt.name !== 'login') {
        throw new Error('interaction mismatch');
      }
      const username = String(req.body?.username ?? '');
      const password = String(req.body?.password ?? '');
      const user = realm.findLogin(username);
      if (!user || user.password !== password) {
        renderLogin(res, realm, req.originalUrl, {
          username,
          error: INVALID_LOGIN_MESSAGE,
        });
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.id } },
        { mergeWithLastSubmission: false },
      );
    },
  );

  // An expired or unknown interaction (the session cookie is gone): Keycloak's "page has expired".
  router.use(
    `/realms/${realm.name}/login-actions`,
    (error: Error, _req: Request, res: Response, _next: unknown) => {
      res
        .status(400)
        .type('html')
        .send(page(realm, `<p class="error">${escapeHtml(error.message)}</p>`));
    },
  );
  return router;
}

function renderLogin(
  res: Response,
  realm: KeycloakRealm,
  action: string,
  form: { username: string; error?: string },
) {
  const error = form.error
    ? `<p class="error" role="alert">${escapeHtml(form.error)}</p>`
    : '';
  res
    .status(200)
    .type('html')
    .send(
      page(
        realm,
        `<h1>Sign in to your account</h1>
${error}
<form method="post" action="${escapeHtml(action)}">
  <label for="username">Username or email</label>
  <input id="username" name="username" type="text" autocomplete="username" autofocus value="${escapeHtml(
    form.username,
  )}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password">
  <button type="submit" id="kc-login">Sign In</button>
</form>`,
      ),
    );
}

function page(realm: KeycloakRealm, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sign in to ${escapeHtml(realm.name)}</title>
<style>
  body { font-family: sans-serif; background: #f0f0f0; }
  main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 2rem; }
  label, input, button { display: block; width: 100%; margin-top: .5rem; }
  .error { color: #c00; }
</style>
</head>
<body><main><p>Runtime sandbox Keycloak, realm ${escapeHtml(
    realm.name,
  )}</p>${body}</main></body>
</html>`;
}
