""""Which approach might suit me?" in headless Chromium: answer as Sam from the seed article and
get interpersonal therapy with a reason naming the spiralling arguments, change the first message
and carry it to a practitioner's Get in touch form; answer with risk words and get crisis help
first. axe-core passes on the questions and on the answer."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import (WAIT_SECONDS, assert_no_axe_violations, click_and_wait_for_new_page, click_button_and_wait,
                      heading_says, url_ends_with, wait_for)


def answer(driver, base_url, happening, choices, format_label="Online"):
    driver.delete_all_cookies()
    driver.get(base_url + "/which-approach")
    heading_says(driver, "Which approach might suit me?")
    driver.find_element(By.ID, "happening").send_keys(happening)
    for input_id in choices:
        driver.find_element(By.CSS_SELECTOR, f"label[for='{input_id}']").click()
    Select(driver.find_element(By.ID, "format")).select_by_visible_text(format_label)
    click_button_and_wait(driver, "//form[contains(@class,'guide-form')]//button[@type='submit']")
    heading_says(driver, "Approaches that may suit you")


def test_sam_gets_interpersonal_therapy_and_takes_an_edited_draft_to_a_practitioner(driver, base_url):
    answer(driver, base_url, "Our arguments spiral within minutes, then we don't talk for days.",
           ["who-partner", "change-arguments", "focus-present", "together-just_me", "help-therapy"])
    first = wait_for(driver, ".guide-suggestion")
    assert "Interpersonal therapy (IPT)" in first.find_element(By.TAG_NAME, "h2").text
    reasons = [item.text for item in first.find_elements(By.CSS_SELECTOR, ".guide-reasons li")]
    assert any(reason.startswith("Because you said your arguments spiral quickly") for reason in reasons), reasons
    assert any("“Our arguments spiral within minutes, then we don't talk for days”" in reason for reason in reasons), reasons
    assert "guide, not a diagnosis" in driver.find_element(By.TAG_NAME, "main").text
    assert not driver.find_elements(By.ID, "help-now"), "no risk words: no crisis block"
    assert "/which-approach" == driver.current_url.replace(base_url, ""), "the answers are never in the address"
    assert_no_axe_violations(driver)

    # Change the first message here; the script carries it to every Get in touch form.
    draft = driver.find_element(By.ID, "draft")
    draft.send_keys("\n\nP.S. Evenings suit me best.")
    WebDriverWait(driver, WAIT_SECONDS).until(
        lambda d: "Evenings suit me best" in first.find_element(By.CSS_SELECTOR, "input[name='draft']").get_attribute("value"),
        "the changed message did not reach the Get in touch forms")
    button = first.find_element(By.CSS_SELECTOR, ".guide-practitioners form button")
    action = button.find_element(By.XPATH, "./ancestor::form").get_attribute("action")
    assert action.endswith("/get-in-touch") and "/practitioners/" in action
    # Centred, so the sticky "Exit this page" bar cannot be over it.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    click_and_wait_for_new_page(driver, button)
    url_ends_with(driver, "/get-in-touch")
    message = wait_for(driver, "textarea#message").get_attribute("value")
    assert "Our arguments spiral within minutes" in message and "Evenings suit me best" in message, message
    assert driver.find_element(By.ID, "topic-relationship-problems").is_selected()
    assert driver.find_element(By.ID, "format-online").is_selected()


def test_risk_words_bring_crisis_help_first(driver, base_url):
    answer(driver, base_url, "I'm frightened of my partner and I don't feel safe at home.",
           ["who-partner", "change-avoiding", "together-just_me"], format_label="No preference")
    help_now = wait_for(driver, "#help-now")
    assert "0808 2000 247" in help_now.text and "116 123" in help_now.text and "999" in help_now.text
    assert "option 2" in help_now.text
    first_suggestion = driver.find_element(By.CSS_SELECTOR, ".guide-suggestion")
    # DOCUMENT_POSITION_FOLLOWING (4): the suggestion comes after the crisis help.
    assert driver.execute_script("return arguments[0].compareDocumentPosition(arguments[1]) & 4", help_now, first_suggestion)
    assert driver.find_element(By.CSS_SELECTOR, "[data-exit-this-page] a").is_displayed()
    assert_no_axe_violations(driver)
