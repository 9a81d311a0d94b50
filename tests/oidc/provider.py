"""A real OpenID provider for the single sign-on tests: oidc-provider (npm) run by
provider.mjs under Node, on a free loopback port, with one client and a few accounts."""

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.servers import free_port, stop

VERSION = "9.13.3"  # the one deploy/run-tests installs
SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID, CLIENT_SECRET = "intranet", "a client secret for the tests only"
PROVIDER_NAME = "Test Company"
PASSWORD = "provider pass 1"
EMPLOYEE_ID_CLAIM, DEPARTMENT_CLAIM = "employeeNumber", "department"
# Who can sign in at the provider: subject -> claims. The profile scope releases the names,
# the employee number and the department, as a company's directory would.
ACCOUNTS = {
    "u-chloe": {"email": "chloe.martin@example.com", "given_name": "Chloé",
                "family_name": "Martin", "preferred_username": "chloe.martin",
                EMPLOYEE_ID_CLAIM: "E-1001", DEPARTMENT_CLAIM: "Research"},
    "u-ana": {"email": "ana@example.com", "given_name": "Ana", "family_name": "Lima",
              EMPLOYEE_ID_CLAIM: "E-2002", DEPARTMENT_CLAIM: "Finance"},
    "u-ben": {"email": "ben.new-address@example.com", "given_name": "Ben",
              EMPLOYEE_ID_CLAIM: "E-3003"},
    "u-dan": {"email": "dan@example.com", "given_name": "Dan", EMPLOYEE_ID_CLAIM: "E-4004"},
}
# How each signed in at the provider (the ID token's `amr`): Dan gave a code there too.
METHODS = {"u-dan": ["pwd", "otp"]}
PROFILE_CLAIMS = ["name", "given_name", "family_name", "preferred_username",
                  EMPLOYEE_ID_CLAIM, DEPARTMENT_CLAIM]


def environment(issuer: str) -> dict[str, str]:
    """The intranet's environment for the provider at `issuer` (docs/operations.md)."""
    return {"OIDC_ISSUER": issuer, "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET, "OIDC_PROVIDER_NAME": PROVIDER_NAME,
            "OIDC_EMPLOYEE_ID_CLAIM": EMPLOYEE_ID_CLAIM,
            "OIDC_DEPARTMENT_CLAIM": DEPARTMENT_CLAIM}


def tools() -> Path:
    """Where deploy/run-tests installs the tests' npm packages, outside the clone."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "intranet-test-tools"


def missing() -> str | None:
    """What is missing to run the provider, with the command that installs it."""
    install = (f"`npm install --prefix {tools()} --save-exact oidc-provider@{VERSION}` "
               "(deploy/run-tests does it)")
    if not shutil.which("node"):
        return "Node.js is needed for the test OpenID provider: `apt-get install npm`"
    package = tools() / "node_modules" / "oidc-provider" / "package.json"
    if not package.is_file():
        return f"the test OpenID provider needs oidc-provider {VERSION}: {install}"
    found = json.loads(package.read_text())["version"]
    if found != VERSION:
        return f"oidc-provider {found} is installed, the tests pin {VERSION}: {install}"
    return None


@dataclass
class Provider:
    process: subprocess.Popen
    issuer: str
    log: Path



    def sign_in(self, authorization_url: str, email: str, password: str = PASSWORD) -> str:
        """Sign in at the provider as a browser does, from the address the intranet sent
        the browser to; returns the address the provider sends it back to."""
        browser = requests.Session()
        answer = browser.get(authorization_url, timeout=10)
        assert answer.status_code == 200, answer.text[:500]
        action = FormAction.of(answer.text)
        answer = browser.post(urljoin(answer.url, action), data={
            "email": email, "password": password}, allow_redirects=False, timeout=10)
        while answer.is_redirect:
            location = urljoin(answer.url, answer.headers["Location"])
            if not location.startswith(self.issuer):
                return location
            answer = browser.get(location, allow_redirects=False, timeout=10)
        raise AssertionError(f"the provider did not send the browser back: "
                             f"{answer.status_code} {answer.text[:500]}")


class FormAction(HTMLParser):
    """The action of the first form of a page."""

    action: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "form" and self.action is None:
            self.action = dict(attrs).get("action")

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        assert parser.action, "the provider's page has no form"
        return parser.action


def start_provider(redirect_uri: str, *, port: int | None = None) -> Provider:
    """The provider on `port` (a free one by default), its client sending people back to
    `redirect_uri`; stop it with `stop(provider.process)`."""
    port = port or free_port()
    issuer = f"http://127.0.0.1:{port}"
    folder = Path(tempfile.mkdtemp(prefix="intranet-oidc-"))
    config = folder / "config.json"
    config.write_text(json.dumps({
        "tools": str(tools()), "issuer": issuer, "port": port,
        "client": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                   "redirect_uris": [redirect_uri]},
        "accounts": {subject: {"password": PASSWORD, "claims": claims,
                               "amr": METHODS.get(subject, ["pwd"])}
                     for subject, claims in ACCOUNTS.items()},
        "scopeClaims": {"profile": PROFILE_CLAIMS},
    }))
    log = folder / "provider.log"
    with log.open("w") as output:
        process = subprocess.Popen(["node", str(SCRIPT), str(config)], stdout=output,
                                   stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration",
                                        timeout=2):
                return Provider(process, issuer, log)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(process)
                raise RuntimeError("the test OpenID provider did not start: "
                                   + log.read_text()[-2000:]) from None
            time.sleep(0.2)
