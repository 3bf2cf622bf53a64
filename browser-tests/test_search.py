"""A person's search: home page form, results, a filter, a profile; place mistakes; empty results."""

import re
from urllib.parse import urlencode

from selenium.webdriver.common.by import By

from conftest import assert_no_axe_violations, click_and_wait_for_new_page

DISTANCE = re.compile(r"\d+(\.\d)? miles away|Under a mile away")
FREE_FIRST = "Free first conversation"


def text_of(element):
    """Visible text with non-breaking and thin spaces made plain."""
    return element.text.replace("\u00a0", " ").replace("\u202f", " ")


def literal(text):
    return f'"{text}"' if '"' not in text else f"'{text}'"


def search(driver, base_url, path, **params):
    driver.get(base_url + path + ("?" + urlencode(params) if params else ""))


def field_labelled(driver, field_id, label):
    labels = driver.find_elements(By.CSS_SELECTOR, f"label[for={field_id}]")
    assert labels and label in labels[0].text, f"{driver.current_url}: no field #{field_id} labelled {label!r}"
    return driver.find_element(By.ID, field_id)


def button_named(container, text):
    buttons = container.find_elements(
        By.XPATH, f".//button[normalize-space()={literal(text)}]"
                  f" | .//input[@type='submit' and @value={literal(text)}]")
    assert buttons, f"{container.parent.current_url}: no {text!r} button"
    return buttons[0]


def result_count(driver):
    counts = driver.find_elements(By.CLASS_NAME, "result-count")
    assert counts, f"{driver.current_url} has no element with class 'result-count'"
    match = re.search(r"\d[\d,]*", text_of(counts[0]))
    assert match, f"the result count {text_of(counts[0])!r} has no number in it"
    return int(match.group().replace(",", ""))


def cards(driver):
    return driver.find_elements(By.CSS_SELECTOR, "li.card")


def links_containing(driver, text):
    return driver.find_elements(By.XPATH, f"//main//a[contains(normalize-space(), {literal(text)})]")


def test_search_from_home_page_filter_and_open_a_profile(driver, base_url):
    # 1. The home page form, as a person fills it in.
    driver.get(base_url + "/")
    field_labelled(driver, "q", "What do you need help with?").send_keys("relationships")
    field_labelled(driver, "near", "Where?").send_keys("Birmingham")
    form = driver.find_element(By.ID, "q").find_element(By.XPATH, "./ancestor::form")
    click_and_wait_for_new_page(driver, button_named(form, "Find a therapist"))

    # 2. Results near Birmingham, each with a profile link and a distance.
    headings = driver.find_elements(By.TAG_NAME, "h1")
    assert headings and headings[0].text.strip(), f"{driver.current_url} has no <h1>"
    total = result_count(driver)
    assert total > 0, f"'relationships' near Birmingham found nobody ({driver.current_url})"
    found = cards(driver)
    assert found, f"the count says {total} but there are no li.card results"
    for card in found:
        links = card.find_elements(By.CSS_SELECTOR, "h3 a")
        assert links, f"a result card has no 'h3 a' link: {text_of(card)[:80]!r}"
        assert "/practitioners/" in links[0].get_attribute("href"), \
            f"the card link goes to {links[0].get_attribute('href')}, not a /practitioners/ profile"
        assert DISTANCE.search(text_of(card)), \
            f"the card for {links[0].text!r} shows no distance ('N miles away'): {text_of(card)!r}"

    # 3. Narrow down: free first conversation only.
    filters = driver.find_elements(By.ID, "filters")
    assert filters, f"{driver.current_url} has no filter form with id 'filters'"
    for name in ["q", "near", "format", "free_first"]:
        assert filters[0].find_elements(By.NAME, name), f"the filter form has no field named {name!r}"
    checkbox = filters[0].find_element(By.CSS_SELECTOR, "input[type=checkbox][name=free_first]")
    assert checkbox.get_attribute("value") == "true", "the free_first checkbox's value is not 'true'"
    if not checkbox.is_selected():
        checkbox.click()
    click_and_wait_for_new_page(driver, button_named(filters[0], "Update results"))
    assert "free_first=true" in driver.current_url, f"the filter is not in the URL: {driver.current_url}"
    narrowed = result_count(driver)
    assert narrowed <= total, f"a filter found more ({narrowed}) than the search without it ({total})"
    chips = driver.find_elements(By.CLASS_NAME, "active-filters")
    assert chips, "no element with class 'active-filters' shows the filter in use"
    assert chips[0].find_elements(By.XPATH, f".//a[contains(normalize-space(), {literal(FREE_FIRST)})]"), \
        f"the active filters have no link {FREE_FIRST!r} (to remove it): {text_of(chips[0])!r}"
    assert narrowed > 0, f"nobody near Birmingham offers a free first conversation ({driver.current_url})"
    found = cards(driver)
    assert found, f"the count says {narrowed} but there are no li.card results"
    for card in found:
        assert FREE_FIRST in text_of(card), f"a card without the {FREE_FIRST!r} badge: {text_of(card)[:80]!r}"

    # 4. The first profile.
    link = found[0].find_element(By.CSS_SELECTOR, "h3 a")
    name = link.text.strip()
    click_and_wait_for_new_page(driver, link)
    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert name in heading, f"the profile's h1 {heading!r} does not name {name!r}"
    contact = driver.find_elements(By.XPATH, "//a[contains(normalize-space(), 'Get in touch')]"
                                             " | //button[contains(normalize-space(), 'Get in touch')]")
    assert contact, f"{driver.current_url} has no 'Get in touch' link or button"


def test_misspelt_place_suggests_the_right_one(driver, base_url):
    search(driver, base_url, "/therapists", near="Harrogat")
    main = text_of(driver.find_element(By.TAG_NAME, "main"))
    assert "Did you mean" in main, f"near=Harrogat does not ask 'Did you mean …': {main[:200]!r}"
    assert links_containing(driver, "Harrogate"), "near=Harrogat offers no link to Harrogate"


def test_ambiguous_place_asks_which_one(driver, base_url):
    search(driver, base_url, "/therapists", near="Newport")
    for place in ["Newport, Wales", "Newport, Isle of Wight"]:
        assert links_containing(driver, place), f"near=Newport does not offer {place!r} as a link"


def test_results_page_is_accessible(driver, base_url):
    search(driver, base_url, "/therapists", q="relationships", near="Birmingham")
    assert cards(driver), f"{driver.current_url} shows no results to check"
    assert_no_axe_violations(driver)


def test_empty_results_help_the_person_and_are_accessible(driver, base_url):
    search(driver, base_url, "/therapists", q="zzzzqqq")
    assert not cards(driver), f"q=zzzzqqq unexpectedly found {len(cards(driver))} cards"
    main = text_of(driver.find_element(By.TAG_NAME, "main"))
    assert "Try" in main, f"the empty results say nothing to try next: {main[:300]!r}"
    assert_no_axe_violations(driver)
