"""Shared fixtures and helpers for Rapport's browser tests.

scripts/test starts the server with demo data and sets RAPPORT_BASE_URL; to run
these by hand against a server you started yourself:

    RAPPORT_BASE_URL=http://127.0.0.1:8080 .venv/bin/pytest -q browser-tests
"""

import os
import re
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCREENSHOTS = Path(__file__).parent / "screenshots"
IN_CI = os.environ.get("CI") == "true"
# How long any wait for the next page or element may take: generous, because a debug build on
# two busy cores can be slow (password hashing, a first search); a wait that succeeds ends at once.
WAIT_SECONDS = 20

# Every page the browser tests visit: (test id, path). The practitioner profile
# has no fixed path: open_page reaches it from the first profile link on /therapists.
PROFILE = "practitioner-profile"
PAGES = [
    ("home", "/"),
    ("urgent-help", "/urgent-help"),
    ("need-help-with", "/need-help-with"),
    ("need-help-with-topic", "/need-help-with/interpersonal-relationships"),
    ("approaches", "/approaches"),
    ("approach", "/approaches/interpersonal-therapy"),
    ("privacy", "/privacy"),
    ("therapists", "/therapists"),
    ("coaches", "/coaches"),
    ("search-results", "/therapists?near=Birmingham&radius_miles=25&topic=relationship-problems"),
    ("search-question", "/find?near=Newport"),
    ("login", "/login"),
    ("register", "/register"),
    ("forgot-password", "/forgot-password"),
    ("join", "/join"),
    ("therapist-benefits", "/therapist-benefits"),
    ("not-found", "/this-page-does-not-exist"),
    ("need-help-with-filtered", "/need-help-with?q=family"),
    ("sensitive-topic", "/need-help-with/domestic-abuse"),
    ("coaching-approach", "/approaches/relationship-coaching"),
    ("about", "/about"),
    ("how-rapport-works", "/how-rapport-works"),
    ("terms", "/terms"),
    ("accessibility", "/accessibility"),
    ("contact", "/contact"),
    ("articles", "/articles"),
    ("articles-filtered", "/articles?topic=relationship-problems"),
    ("article", "/articles/interpersonal-therapy-for-relationship-difficulties"),
    ("which-approach", "/which-approach"),
    ("which-approach-rules", "/which-approach/how-it-works"),
    (PROFILE, None),
]
PAGE_PARAMS = [pytest.param(path, id=name) for name, path in PAGES]


def skip_or_fail(message):
    """Outside CI a missing prerequisite skips; under CI=true it fails."""
    if IN_CI:
        pytest.fail(message + " (CI=true: this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("RAPPORT_BASE_URL", "").rstrip("/")
    if not url:
        skip_or_fail("RAPPORT_BASE_URL is not set: run scripts/test, or start the server "
                     "and set RAPPORT_BASE_URL=http://127.0.0.1:PORT")
    return url


@pytest.fixture(scope="session")
def driver():
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        skip_or_fail(f"Chromium is missing: need {CHROMIUM} and {CHROMEDRIVER} "
                     "(apt-get install chromium chromium-driver)")
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()


def open_page(driver, base_url, path):
    """Load a page from PAGES; path None means the first practitioner profile.

    driver.get returns once the new document has loaded (the page load strategy is
    "normal"), so what follows it may look at the page straight away; after a click,
    use click_and_wait_for_new_page and the waits below instead.
    """
    if path is not None:
        driver.get(base_url + path)
        return
    driver.get(base_url + "/therapists")
    links = driver.find_elements(
        By.CSS_SELECTOR, f'a[href^="/practitioners/"], a[href^="{base_url}/practitioners/"]')
    assert links, "/therapists has no link to a /practitioners/ profile"
    click_and_wait_for_new_page(driver, links[0])
    wait_for_url(driver, lambda url: "/practitioners/" in url)


def click_and_wait_for_new_page(driver, element, timeout=WAIT_SECONDS):
    """Clicks `element` and waits until the browser has loaded the next document.

    A marker set on the old page's window is gone once a new document has loaded,
    whatever its address (a refused form answers at the same one). Waiting for an old
    element to go stale instead races Chrome: while the page is being replaced it can
    answer "Node with given id does not belong to the document", which Selenium
    raises as a plain WebDriverException rather than a stale element. Waiting for the
    next page's heading alone is not enough either when it is the same as this page's
    (a form shown again with its problems, two-step set-up then its recovery codes).
    """
    driver.execute_script("window.rapportPageBeforeClick = true")
    element.click()
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(
            "return window.rapportPageBeforeClick === undefined"
            " && document.readyState === 'complete'"),
        f"no new page loaded within {timeout} s of clicking")


def wait_for(driver, css, timeout=WAIT_SECONDS):
    """Waits until an element matching the CSS selector `css` is in the page; returns it."""
    return WebDriverWait(driver, timeout).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, css)),
        f"nothing matching {css!r} appeared within {timeout} s")


def wait_for_url(driver, condition, timeout=WAIT_SECONDS):
    """Waits until `condition(current_url)` is true; returns the URL."""
    WebDriverWait(driver, timeout).until(
        lambda d: condition(d.current_url), f"the address did not change as expected within {timeout} s")
    return driver.current_url


def url_ends_with(driver, suffix, timeout=WAIT_SECONDS):
    """Waits until the address ends with `suffix`."""
    return wait_for_url(driver, lambda url: url.endswith(suffix), timeout)


def heading_says(driver, text, timeout=WAIT_SECONDS):
    """Waits until the page's h1 contains `text`. After a click, call it only once
    click_and_wait_for_new_page has returned: the old page's h1 may say the same."""
    WebDriverWait(driver, timeout).until(
        EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), text),
        f"no h1 containing {text!r} within {timeout} s")


def click_link_and_wait(driver, link_text, timeout=WAIT_SECONDS):
    """Follows the link whose text is exactly `link_text` to the next page."""
    click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, link_text), timeout)


def click_button_and_wait(driver, xpath_or_css, timeout=WAIT_SECONDS):
    """Presses the button found by an XPath (starting with '/') or CSS selector and waits
    for the next page."""
    by = By.XPATH if xpath_or_css.startswith("/") else By.CSS_SELECTOR
    click_and_wait_for_new_page(driver, driver.find_element(by, xpath_or_css), timeout)


def assert_no_axe_violations(driver):
    """Run axe-core on the current page and fail with a readable list of violations."""
    axe = Axe(driver)
    axe.inject()
    violations = axe.run()["violations"]
    if not violations:
        return
    version = driver.execute_script("return axe.version")
    lines = [f"{len(violations)} axe-core {version} violation(s) on {driver.current_url}:"]
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        more = len(violation["nodes"]) - len(targets)
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    at: {' ; '.join(targets)}" + (f" and {more} more" if more > 0 else ""))
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        browser = item.funcargs.get("driver")
        if browser is not None:
            SCREENSHOTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name).strip("_")
            path = SCREENSHOTS / f"{name}.png"
            try:
                browser.save_screenshot(str(path))
                report.sections.append(("screenshot", str(path)))
            except Exception as error:  # the browser may be what broke
                report.sections.append(("screenshot", f"not saved: {error}"))
