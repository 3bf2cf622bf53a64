"""Each page has the basic structure and passes axe-core with no violations."""

import pytest
import requests
from selenium.webdriver.common.by import By

from conftest import PAGE_PARAMS, assert_no_axe_violations, open_page

NOT_FOUND_PATH = "/this-page-does-not-exist"


def expected_status(path):
    return 404 if path == NOT_FOUND_PATH else 200


@pytest.mark.parametrize("path", PAGE_PARAMS)
def test_page_has_sound_structure_and_no_axe_violations(driver, base_url, path):
    open_page(driver, base_url, path)
    url = driver.current_url

    status = requests.get(url, timeout=10).status_code
    assert status == expected_status(path), f"GET {url} answered {status}"

    assert driver.title.strip(), f"{url} has an empty <title>"

    headings = driver.find_elements(By.TAG_NAME, "h1")
    assert headings, f"{url} has no <h1>"
    assert headings[0].text.strip(), f"{url} has an empty <h1>"

    assert len(driver.find_elements(By.TAG_NAME, "main")) == 1, f"{url} needs exactly one <main>"
    assert driver.find_elements(By.ID, "main"), f"{url}: nothing has id=main for the skip link"

    skip_links = driver.find_elements(By.CSS_SELECTOR, 'a[href="#main"]')
    assert skip_links, f'{url} has no skip link (<a href="#main">)'
    skip_text = skip_links[0].get_attribute("textContent").strip().lower()
    assert "skip" in skip_text, f"the skip link's text is {skip_text!r}"

    styled = driver.execute_script(
        "return [...document.styleSheets].some(s => { try { return s.cssRules.length > 0 }"
        " catch (e) { return false } })")
    assert styled, f"{url} loaded no stylesheet with rules"

    assert_no_axe_violations(driver)


def test_skip_link_is_the_first_thing_to_tab_to(driver, base_url):
    open_page(driver, base_url, "/")
    first_focusable = driver.execute_script(
        "return document.querySelector("
        "'a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])')")
    assert first_focusable is not None
    assert (first_focusable.get_attribute("href") or "").endswith("#main"), (
        "the first focusable element should be the skip link, not "
        + first_focusable.get_attribute("outerHTML")[:120])
