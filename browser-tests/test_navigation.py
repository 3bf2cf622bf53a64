"""Header navigation, the urgent-help route, the demo banner and the home search form."""

import pytest
from selenium.webdriver.common.by import By

from conftest import PAGE_PARAMS, click_and_wait_for_new_page, open_page

URGENT_HELP = "Need urgent help?"
CRISIS_NUMBERS = ["999", "111", "116 123", "85258", "0808 808 8000"]


def text_of(element):
    """Visible text with non-breaking and thin spaces made plain (e.g. '116\u00a0123')."""
    return element.text.replace("\u00a0", " ").replace("\u202f", " ")


def xpath_literal(text):
    return f'"{text}"' if '"' not in text else f"'{text}'"


def page_header(driver):
    headers = driver.find_elements(By.XPATH, "//header[not(ancestor::main)]")
    assert headers, f"{driver.current_url} has no page <header> outside <main>"
    return headers[0]


def link_named(container, text):
    """The visible link whose whole text is `text` (whitespace normalised), or None."""
    for link in container.find_elements(By.XPATH, f".//a[normalize-space()={xpath_literal(text)}]"):
        if link.is_displayed():
            return link
    return None


def test_header_navigation_has_main_sections(driver, base_url):
    open_page(driver, base_url, "/")
    header = page_header(driver)
    for text in ["Find a therapist", "Find a coach", "Need help with"]:
        assert link_named(header, text), f"the header has no visible link {text!r}"


@pytest.mark.parametrize("path", PAGE_PARAMS)
def test_header_links_to_urgent_help(driver, base_url, path):
    open_page(driver, base_url, path)
    link = link_named(page_header(driver), URGENT_HELP)
    assert link, f"{driver.current_url}: no visible {URGENT_HELP!r} link in the header"
    assert link.get_attribute("href") == base_url + "/urgent-help"


def test_urgent_help_link_leads_to_crisis_numbers(driver, base_url):
    open_page(driver, base_url, "/")
    link = link_named(page_header(driver), URGENT_HELP)
    assert link, f"the home page header has no visible {URGENT_HELP!r} link"
    click_and_wait_for_new_page(driver, link)
    assert driver.current_url == base_url + "/urgent-help"
    text = text_of(driver.find_element(By.TAG_NAME, "main"))
    missing = [number for number in CRISIS_NUMBERS if number not in text]
    assert not missing, f"/urgent-help does not show {missing}"


@pytest.mark.parametrize("path", PAGE_PARAMS)
def test_demo_banner_is_shown(driver, base_url, path):
    open_page(driver, base_url, path)
    # The innermost element holding both words: the banner itself.
    banners = driver.find_elements(
        By.XPATH, "//body//*[contains(., 'Demo') and contains(., 'fictional')]"
                  "[not(.//*[contains(., 'Demo') and contains(., 'fictional')])]")
    assert banners, f"{driver.current_url} has no demo banner mentioning 'Demo' and 'fictional'"
    assert banners[0].is_displayed(), "the demo banner is hidden"


def home_search_form(driver):
    labels = driver.find_elements(
        By.XPATH, "//form//label[contains(normalize-space(), 'What do you need help with?')]")
    assert labels, "the home page has no form with a 'What do you need help with?' label"
    return labels[0].find_element(By.XPATH, "./ancestor::form"), labels[0]


def field_for(form, label):
    field_id = label.get_attribute("for")
    assert field_id, f"the label {label.text!r} has no for= attribute"
    return form.find_element(By.ID, field_id)


def button_named(form, text):
    literal = xpath_literal(text)
    buttons = form.find_elements(
        By.XPATH, f".//button[normalize-space()={literal}] | .//input[@type='submit' and @value={literal}]")
    assert buttons, f"the search form has no {text!r} button"
    return buttons[0]


def test_home_search_form_has_fields_and_buttons(driver, base_url):
    open_page(driver, base_url, "/")
    form, label = home_search_form(driver)
    assert field_for(form, label).is_displayed()
    where = form.find_elements(By.XPATH, ".//label[starts-with(normalize-space(), 'Where?')]")
    assert where, "the search form has no 'Where?' label"
    assert field_for(form, where[0]).is_displayed()
    for text in ["Find a therapist", "Find a coach"]:
        assert button_named(form, text).is_displayed()


def test_home_search_submits_to_a_results_page(driver, base_url):
    open_page(driver, base_url, "/")
    form, label = home_search_form(driver)
    field_for(form, label).send_keys("relationships")
    click_and_wait_for_new_page(driver, button_named(form, "Find a therapist"))
    assert driver.current_url.rstrip("/") != base_url, "the search stayed on the home page"
    headings = driver.find_elements(By.TAG_NAME, "h1")
    assert headings and headings[0].text.strip(), f"{driver.current_url} has no <h1>"
