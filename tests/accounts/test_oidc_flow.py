"""Unified identity end to end: a real OIDC client library (authlib) against the running server.

discovery → authorize (sign in at govhall) → token exchange with PKCE → ID token verified with
the JWKS → userinfo; single sign-on into a second system; RP-initiated logout; and the
rejections: forged, expired and other-audience tokens, missing PKCE, wrong verifier.
"""

from __future__ import annotations

import base64
import html
import json
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import BadSignatureError, ExpiredTokenError, InvalidClaimError
from joserfc.jwk import KeySet, RSAKey
from oauth2_provider.models import AccessToken

from govhall.accounts.constants import OidcAudience, RealNameLevel, Role
from govhall.accounts.facade import oidc_client_create, realname_demo_level, role_grant
from govhall.core.contracts import Actor
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

CALLBACK = "http://127.0.0.1:8765/callback"
LOGGED_OUT = "http://127.0.0.1:8765/logged-out"
SCOPES = "openid profile realname"


@dataclass
class Client:
    client_id: str
    client_secret: str


def _system_admin():
    admin = factories.staff()
    role_grant(actor=factories.SYSTEM, user=admin, department=factories.department(), role=Role.SYSTEM_ADMIN)
    return admin


def _register_client(admin, *, audience=OidcAudience.ALL, name="不动产登记系统", confidential=True) -> Client:
    dept = factories.department()
    issued = oidc_client_create(
        actor=Actor(user_id=admin.pk, role="staff"),
        name=name,
        department_id=dept.pk,
        audience=audience,
        redirect_uris=CALLBACK,
        post_logout_redirect_uris=LOGGED_OUT,
        confidential=confidential,
    )
    return Client(issued.client_id, issued.client_secret)


def _csrf(browser: requests.Session, url: str) -> str:
    page = browser.get(url)
    assert page.status_code == 200, page.text[:300]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def _follow_to_callback(browser: requests.Session, response: requests.Response) -> str:
    """Follow same-site redirects until the one that leaves for the client's callback (which
    must carry a code, not an error)."""
    for _ in range(10):
        if response.status_code == 200:  # right after signing in: a page that moves on by itself
            assert "no-store" in response.headers["Cache-Control"]
            match = re.search(r'<meta http-equiv="refresh" content="0;url=([^"]+)">', response.text)
            location = html.unescape(match.group(1))
            assert location.startswith(CALLBACK)
            assert "code" in parse_qs(urlsplit(location).query), location
            return location
        assert response.status_code in (301, 302), (response.status_code, response.text[:500])
        location = response.headers["Location"]
        if location.startswith(CALLBACK):
            assert "code" in parse_qs(urlsplit(location).query), location
            return location
        response = browser.get(_absolute(response.url, location), allow_redirects=False)
    raise AssertionError("too many redirects")


def _absolute(base: str, location: str) -> str:
    if location.startswith("http"):
        return location
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}{location}"


def _citizen_sign_in(browser: requests.Session, base: str, next_path: str, identifier: str) -> requests.Response:
    login_url = f"{base}/login/?next={requests.utils.quote(next_path, safe='')}"
    token = _csrf(browser, login_url)
    return browser.post(
        login_url,
        data={
            "csrfmiddlewaretoken": token,
            "identifier": identifier,
            "password": factories.PASSWORD,
            "next": next_path,
        },
        allow_redirects=False,
    )


@pytest.fixture
def server(live_server):
    base = live_server.url
    meta = requests.get(f"{base}/o/.well-known/openid-configuration", timeout=10).json()
    jwks = requests.get(meta["jwks_uri"], timeout=10).json()
    return base, meta, jwks


def _authorize(base, meta, client: Client, browser, *, identifier=None, scope=SCOPES):
    """Run the browser part; returns (session, callback URL, code_verifier, nonce)."""
    session = OAuth2Session(
        client.client_id,
        client.client_secret or None,
        scope=scope,
        redirect_uri=CALLBACK,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic" if client.client_secret else "none",
    )
    verifier = generate_token(48)
    nonce = generate_token(16)
    url, _state = session.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    first = browser.get(url, allow_redirects=False)
    if identifier is None:  # already signed in at govhall: straight back to the client
        assert first.status_code == 302 and first.headers["Location"].startswith(CALLBACK)
        return session, _follow_to_callback(browser, first), verifier, nonce
    assert first.status_code == 302
    chooser = _absolute(first.url, first.headers["Location"])
    assert urlsplit(chooser).path == "/o/login/"
    next_path = parse_qs(urlsplit(chooser).query)["next"][0]
    assert next_path.startswith("/o/authorize/")
    assert browser.get(chooser).status_code == 200
    callback = _follow_to_callback(browser, _citizen_sign_in(browser, base, next_path, identifier))
    return session, callback, verifier, nonce


def _decode(id_token: str, jwks: dict, *, issuer: str, client_id: str, nonce: str, now: int | None = None):
    """Verify an ID token as a relying party must (joserfc, authlib's JOSE library): RS256
    signature against the published JWKS, then iss, aud, exp and nonce."""
    token = jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=["RS256"])
    jwt.JWTClaimsRegistry(
        now=now,
        leeway=0,
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": client_id},
        nonce={"essential": True, "value": nonce},
        exp={"essential": True},
        sub={"essential": True},
    ).validate(token.claims)
    return token.claims


def test_discovery_advertises_code_flow_with_pkce_rs256_and_the_realname_claims(server):
    base, meta, jwks = server
    assert meta["issuer"] == f"{base}/o"
    assert meta["authorization_endpoint"] == f"{base}/o/authorize/"
    assert meta["response_types_supported"] == ["code"]
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert meta["id_token_signing_alg_values_supported"][0] == "RS256"
    assert {"openid", "profile", "realname"} <= set(meta["scopes_supported"])
    assert {"acr", "govhall_realname_level", "name"} <= set(meta["claims_supported"])
    assert meta["end_session_endpoint"] == f"{base}/o/logout/"
    assert [key["kty"] for key in jwks["keys"]] == ["RSA"]
    assert "d" not in jwks["keys"][0]  # the public half only


def test_authlib_client_signs_in_through_govhall_and_receives_verified_claims(server):
    base, meta, jwks = server
    client = _register_client(_system_admin())
    user, id_number = factories.citizen(name="林晓")
    realname_demo_level(user=user, level=RealNameLevel.VERIFIED)
    browser = requests.Session()

    session, callback, verifier, nonce = _authorize(base, meta, client, browser, identifier=id_number)
    token = session.fetch_token(meta["token_endpoint"], authorization_response=callback, code_verifier=verifier)

    claims = _decode(token["id_token"], jwks, issuer=meta["issuer"], client_id=client.client_id, nonce=nonce)
    assert claims["sub"] == str(user.pk)
    assert claims["acr"] == "urn:govhall:loa:2"
    assert claims["govhall_realname_level"] == 2
    assert claims["govhall_user_kind"] == "citizen"
    assert claims["name"] == "林晓"  # the realname scope was granted
    assert id_number not in json.dumps(dict(claims))  # never the clear ID number
    assert claims["govhall_id_number_masked"].endswith(id_number[-4:])

    stored = AccessToken.objects.get()
    assert stored.token == "" and token["access_token"] not in stored.token_checksum  # only a checksum at rest

    info = session.get(meta["userinfo_endpoint"]).json()
    assert info["sub"] == str(user.pk)
    assert info["govhall_realname_level"] == 2
    assert info["name"] == "林晓"


def test_profile_scope_alone_gives_a_masked_name_and_no_realname_claims(server):
    base, meta, jwks = server
    client = _register_client(_system_admin())
    _user, id_number = factories.citizen(name="欧阳娜娜")
    session, callback, verifier, nonce = _authorize(
        base, meta, client, requests.Session(), identifier=id_number, scope="openid profile"
    )
    token = session.fetch_token(meta["token_endpoint"], authorization_response=callback, code_verifier=verifier)
    claims = _decode(token["id_token"], jwks, issuer=meta["issuer"], client_id=client.client_id, nonce=nonce)
    assert claims["name"] == "欧***"
    assert claims["govhall_realname_level"] == 1
    assert "govhall_id_number_masked" not in claims
    assert "govhall_id_number_masked" not in session.get(meta["userinfo_endpoint"]).json()


def test_signed_in_once_means_signed_in_at_a_second_system_then_logout_ends_both(server):
    base, meta, jwks = server
    admin = _system_admin()
    first, second = _register_client(admin, name="公积金系统"), _register_client(admin, name="社保系统")
    _user, id_number = factories.citizen()
    browser = requests.Session()
    session1, callback1, verifier1, _nonce = _authorize(base, meta, first, browser, identifier=id_number)
    token1 = session1.fetch_token(meta["token_endpoint"], authorization_response=callback1, code_verifier=verifier1)

    session2, callback2, verifier2, nonce2 = _authorize(base, meta, second, browser)  # no sign-in page this time
    token2 = session2.fetch_token(meta["token_endpoint"], authorization_response=callback2, code_verifier=verifier2)
    assert _decode(token2["id_token"], jwks, issuer=meta["issuer"], client_id=second.client_id, nonce=nonce2)["sub"]

    out = browser.get(
        meta["end_session_endpoint"],
        params={"id_token_hint": token1["id_token"], "post_logout_redirect_uri": LOGGED_OUT, "state": "s1"},
        allow_redirects=False,
    )
    assert out.status_code == 302 and out.headers["Location"] == f"{LOGGED_OUT}?state=s1"
    assert browser.get(f"{base}/me/", allow_redirects=False).status_code == 302  # govhall session ended
    assert session1.get(meta["userinfo_endpoint"]).status_code == 401  # tokens revoked
    again = browser.get(session2.create_authorization_url(meta["authorization_endpoint"], code_verifier="x" * 48)[0])
    assert urlsplit(again.url).path == "/o/login/"  # signing in is needed again


def test_staff_sign_in_goes_through_totp_and_comes_back(server):
    base, meta, jwks = server
    client = _register_client(_system_admin(), audience=OidcAudience.STAFF, name="审批内网系统")
    staff = factories.staff()
    browser = requests.Session()
    session = OAuth2Session(
        client.client_id,
        client.client_secret,
        scope="openid profile",
        redirect_uri=CALLBACK,
        code_challenge_method="S256",
    )
    verifier, nonce = generate_token(48), generate_token(16)
    url, _ = session.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    next_path = parse_qs(urlsplit(browser.get(url, allow_redirects=False).headers["Location"]).query)["next"][0]
    login_url = f"{base}/workbench/login/?next={requests.utils.quote(next_path, safe='')}"
    step1 = browser.post(
        login_url,
        data={
            "csrfmiddlewaretoken": _csrf(browser, login_url),
            "username": staff.username,
            "password": factories.PASSWORD,
            "next": next_path,
        },
        allow_redirects=False,
    )
    totp_url = _absolute(step1.url, step1.headers["Location"])
    assert urlsplit(totp_url).path == "/workbench/login/totp/"
    step2 = browser.post(
        totp_url,
        data={"csrfmiddlewaretoken": _csrf(browser, totp_url), "code": factories.totp_code(staff)},
        allow_redirects=False,
    )
    callback = _follow_to_callback(browser, step2)
    token = session.fetch_token(meta["token_endpoint"], authorization_response=callback, code_verifier=verifier)
    claims = _decode(token["id_token"], jwks, issuer=meta["issuer"], client_id=client.client_id, nonce=nonce)
    assert claims["govhall_user_kind"] == "staff"
    assert claims["acr"] == "urn:govhall:loa:0"


def test_a_citizen_cannot_enter_a_staff_only_system(server):
    base, meta, _jwks = server
    client = _register_client(_system_admin(), audience=OidcAudience.STAFF)
    _user, id_number = factories.citizen()
    browser = requests.Session()
    _citizen_sign_in(browser, base, "/me/", id_number)
    session = OAuth2Session(
        client.client_id, client.client_secret, scope="openid", redirect_uri=CALLBACK, code_challenge_method="S256"
    )
    url, _ = session.create_authorization_url(meta["authorization_endpoint"], code_verifier="v" * 48)
    page = browser.get(url, allow_redirects=False)
    assert page.status_code == 403
    assert 'data-testid="oidc-wrong-audience"' in page.text


# --- rejections -------------------------------------------------------------------------------


@pytest.fixture
def issued(server):
    """A fresh sign-in: (meta, jwks, client, OAuth2Session with token, nonce)."""
    base, meta, jwks = server
    admin = _system_admin()
    client = _register_client(admin)
    other = _register_client(admin, name="另一个系统")
    _user, id_number = factories.citizen()
    session, callback, verifier, nonce = _authorize(base, meta, client, requests.Session(), identifier=id_number)
    session.fetch_token(meta["token_endpoint"], authorization_response=callback, code_verifier=verifier)
    return meta, jwks, client, other, session, nonce


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_forged_id_token_is_rejected(issued):
    meta, jwks, client, _other, session, nonce = issued
    id_token = session.token["id_token"]
    header, payload, signature = id_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    # 1. claims changed, signature kept
    tampered = ".".join([header, _b64({**claims, "govhall_realname_level": 3}), signature])
    with pytest.raises(BadSignatureError):
        _decode(tampered, jwks, issuer=meta["issuer"], client_id=client.client_id, nonce=nonce)
    # 2. signed by another key that claims our key id
    kid = jwks["keys"][0]["kid"]
    attacker = RSAKey.generate_key(2048, parameters={"kid": kid})
    forged = jwt.encode({"alg": "RS256", "kid": kid}, claims, attacker)
    with pytest.raises(BadSignatureError):
        _decode(forged, jwks, issuer=meta["issuer"], client_id=client.client_id, nonce=nonce)
    # the genuine token verifies (so the two failures above are about the signature)
    assert _decode(id_token, jwks, issuer=meta["issuer"], client_id=client.client_id, nonce=nonce)["sub"]
    # and the server refuses a forged token as a logout hint, changing nothing
    response = requests.get(meta["end_session_endpoint"], params={"id_token_hint": forged}, timeout=10)
    assert response.status_code == 400
    assert session.get(meta["userinfo_endpoint"]).status_code == 200


def test_an_expired_token_is_rejected(issued):
    meta, jwks, client, _other, session, nonce = issued
    claims = _decode(session.token["id_token"], jwks, issuer=meta["issuer"], client_id=client.client_id, nonce=nonce)
    assert claims["exp"] - claims["iat"] == 600
    with pytest.raises(ExpiredTokenError):
        _decode(
            session.token["id_token"],
            jwks,
            issuer=meta["issuer"],
            client_id=client.client_id,
            nonce=nonce,
            now=claims["exp"] + 1,
        )
    # an access token past its expiry no longer opens userinfo
    assert session.get(meta["userinfo_endpoint"]).status_code == 200
    AccessToken.objects.filter(application__client_id=client.client_id).update(expires="2020-01-01T00:00:00Z")
    assert session.get(meta["userinfo_endpoint"]).status_code == 401


def test_a_token_for_another_audience_is_rejected(issued):
    meta, jwks, _client, other, session, nonce = issued
    with pytest.raises(InvalidClaimError):
        _decode(session.token["id_token"], jwks, issuer=meta["issuer"], client_id=other.client_id, nonce=nonce)
    # the server refuses it as a logout hint of the other system too
    response = requests.get(
        meta["end_session_endpoint"],
        params={"id_token_hint": session.token["id_token"], "client_id": other.client_id},
        timeout=10,
    )
    assert response.status_code == 400


def test_authorization_without_pkce_is_refused(server):
    base, meta, _jwks = server
    client = _register_client(_system_admin())
    _user, id_number = factories.citizen()
    browser = requests.Session()
    _citizen_sign_in(browser, base, "/me/", id_number)
    response = browser.get(
        meta["authorization_endpoint"],
        params={"client_id": client.client_id, "response_type": "code", "scope": "openid", "redirect_uri": CALLBACK},
        allow_redirects=False,
    )
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == ["invalid_request"]
    assert "code" not in query


def test_a_code_with_the_wrong_verifier_or_used_twice_gets_no_token(server):
    base, meta, _jwks = server
    client = _register_client(_system_admin())
    _user, id_number = factories.citizen()
    _session, callback, verifier, _nonce = _authorize(base, meta, client, requests.Session(), identifier=id_number)
    code = parse_qs(urlsplit(callback).query)["code"][0]
    auth = (client.client_id, client.client_secret)
    wrong = requests.post(
        meta["token_endpoint"],
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": "w" * 48},
        auth=auth,
        timeout=10,
    )
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    wrong_secret = requests.post(
        meta["token_endpoint"],
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": verifier},
        auth=(client.client_id, secrets.token_urlsafe(32)),
        timeout=10,
    )
    assert wrong_secret.status_code == 401
    assert AccessToken.objects.count() == 0
