"""The written pages, in headless Chromium: a topic and an approach read as a person would, the
A to Z narrowing as you type, the place box, and "Exit this page" on a sensitive topic."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import assert_no_axe_violations, click_button_and_wait, heading_says, wait_for, wait_for_url
from test_accounts import fill


def test_a_topic_page_explains_cites_and_leads_to_practitioners_near_you(driver, base_url):
    driver.get(f"{base_url}/need-help-with/interpersonal-relationships")
    heading_says(driver, "Interpersonal relationships")
    article = wait_for(driver, "article.content-page")
    assert len(article.text.split()) > 600
    assert "Page last reviewed" in article.text and "Next review due" in article.text
    assert len(driver.find_elements(By.CSS_SELECTOR, "ul.sources li")) >= 2
    assert driver.find_elements(By.CSS_SELECTOR, "article a[href='/approaches/interpersonal-therapy']")
    assert "If you need help now" in driver.find_element(By.TAG_NAME, "main").text
    fill(driver, "near", "Leeds")
    click_button_and_wait(driver, "//button[normalize-space()='Search near you']")
    wait_for_url(driver, lambda url: "/find?" in url and "topic=interpersonal-relationships" in url and "near=Leeds" in url)
    assert_no_axe_violations(driver)


def test_an_approach_page_says_what_sessions_are_like_and_how_long(driver, base_url):
    driver.get(f"{base_url}/approaches/interpersonal-therapy")
    heading_says(driver, "Interpersonal therapy")
    text = wait_for(driver, "article.content-page").text
    assert "12 to 16" in text and "grief" in text.lower()
    assert_no_axe_violations(driver)


def test_the_a_to_z_narrows_as_you_type(driver, base_url):
    driver.get(f"{base_url}/need-help-with")
    heading_says(driver, "Need help with")
    box = driver.find_element(By.ID, "topic-filter")
    box.send_keys("lonel")
    visible = lambda: [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".entry-list li a") if a.is_displayed()]

    WebDriverWait(driver, 10).until(lambda d: visible() == ["Loneliness"], "the list did not narrow to Loneliness")
    box.clear()
    box.send_keys("zzzzzz")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".filter-empty").is_displayed())


def test_exit_this_page_on_a_sensitive_topic_leaves_at_once(driver, base_url):
    driver.get(f"{base_url}/need-help-with/domestic-abuse")
    heading_says(driver, "Domestic abuse")
    button = wait_for(driver, ".exit-this-page a")
    button.click()
    wait_for_url(driver, lambda url: "domestic-abuse" not in url)
