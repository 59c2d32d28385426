"""Single sign-on in a real browser: the demo departmental system (a public OIDC client at
http://127.0.0.1:8765/callback, intercepted here) sends 张三 to govhall, she signs in once with
her ID number, comes back with a code, and the code buys verified claims. A second visit needs no
sign-in. Runs under the platform's real Content-Security-Policy."""

from __future__ import annotations

import re

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.jwk import KeySet
from playwright.sync_api import Page, expect

from e2e.conftest import Server
from govhall.demo.management.commands.demo import DEMO_OIDC_CALLBACK, citizen_id_number
from govhall.demo.region import CITIZENS, DEMO_PASSWORD

ZHANG_SAN = next(c for c in CITIZENS if c.name == "张三")


def _demo_client_id(server: Server) -> str:
    out = server.govhall(
        "shell",
        "-c",
        "from govhall.accounts.facade import oidc_client_list; print('CLIENT', oidc_client_list()[0].client_id)",
    )
    return re.search(r"CLIENT (\S+)", out).group(1)


def _authorize_url(meta: dict, client_id: str) -> tuple[OAuth2Session, str, str, str]:
    session = OAuth2Session(
        client_id,
        scope="openid profile realname",
        redirect_uri=DEMO_OIDC_CALLBACK,
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
    )
    verifier, nonce = generate_token(48), generate_token(16)
    url, _state = session.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    return session, url, verifier, nonce


def test_sign_in_once_at_govhall_and_come_back_with_verified_claims(page: Page, server: Server, snapshot) -> None:
    meta = requests.get(f"{server.base_url}/o/.well-known/openid-configuration", timeout=10).json()
    client_id = _demo_client_id(server)
    csp_violations: list[str] = []
    page.on("console", lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.route(f"{DEMO_OIDC_CALLBACK.rsplit('/', 1)[0]}/**", lambda route: route.fulfill(status=200, body="ok"))

    session, url, verifier, nonce = _authorize_url(meta, client_id)
    page.goto(url)
    expect(page.get_by_role("heading", name="统一身份认证")).to_be_visible()
    snapshot("-chooser")
    page.get_by_test_id("oidc-citizen-login").click()
    page.get_by_label("身份证号码或手机号码").fill(citizen_id_number(ZHANG_SAN))
    page.get_by_label("密码", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:8765/callback\?"))
    assert csp_violations == []

    token = session.fetch_token(meta["token_endpoint"], authorization_response=page.url, code_verifier=verifier)
    keys = KeySet.import_key_set(requests.get(meta["jwks_uri"], timeout=10).json())
    claims = jwt.decode(token["id_token"], keys, algorithms=["RS256"]).claims
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": meta["issuer"]},
        aud={"essential": True, "value": client_id},
        nonce={"essential": True, "value": nonce},
    ).validate(claims)
    assert claims["acr"] == "urn:govhall:loa:2"  # the demo gives 张三 a verified real-name level
    assert claims["name"] == "张三"
    assert citizen_id_number(ZHANG_SAN) not in str(claims)

    # a second visit with the browser's cookies: already signed in at govhall, so the answer is a
    # plain redirect back with a new code (Playwright cannot route a redirect's target, hence the
    # request API instead of a navigation)
    _session2, url2, _verifier2, _nonce2 = _authorize_url(meta, client_id)
    again = page.context.request.get(url2, max_redirects=0)
    assert again.status == 302
    assert re.match(r"^http://127\.0\.0\.1:8765/callback\?code=", again.headers["location"])
