"""Getting in touch, in headless Chromium against the built server and a local SMTP server:
a person writes to a practitioner, both emails arrive with no message in them, the
practitioner reads and replies, and the person reads the reply, answers and deletes it all."""

import email
import os
import re
import time
import uuid
from email import policy
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from conftest import (assert_no_axe_violations, click_button_and_wait, click_link_and_wait, heading_says,
                      skip_or_fail, url_ends_with, wait_for, wait_for_url)
from test_accounts import fill, log_in

# Printed when demo data loads, and named in the README.
DEMO_PRACTITIONER = ("demo.practitioner@rapport.test", "try the practitioner side")


def mails_to(address):
    maildir = os.environ.get("RAPPORT_TEST_MAILDIR")
    if not maildir:
        skip_or_fail("RAPPORT_TEST_MAILDIR is not set: run scripts/test, which starts a local SMTP server")
    found = []
    folder = Path(maildir, "new")
    for path in sorted(folder.glob("*")) if folder.exists() else []:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if message["To"] == address:
            found.append((path.name, str(message["Subject"]), message.get_body(preferencelist=("plain",)).get_content()))
    return found


def wait_for_new_mail(address, subject_part, seen, timeout=45):
    """The first email to `address` about `subject_part` whose file is not in `seen`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for name, subject, body in mails_to(address):
            if name not in seen and subject_part in subject:
                seen.add(name)
                return body
        time.sleep(0.5)
    pytest.fail(f"no new email to {address} about '{subject_part}' within {timeout} s")


def seen_now(address):
    return {name for name, _, _ in mails_to(address)}


def demo_profile_path(driver, base_url):
    """The demo practitioner's public profile, read from their dashboard."""
    driver.delete_all_cookies()
    log_in(driver, base_url, *DEMO_PRACTITIONER)
    driver.get(f"{base_url}/dashboard")
    link = wait_for(driver, "a[href^='/practitioners/']")
    path = link.get_attribute("href").replace(base_url, "")
    driver.delete_all_cookies()
    return path


def write(driver, message, sender, consent=True):
    fill(driver, "message", message)
    fill(driver, "name", "Robin")
    fill(driver, "email", sender)
    box = driver.find_element(By.ID, "consent")
    if box.is_selected() != consent:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
    click_button_and_wait(driver, "form.stacked-form button[type=submit]")


def test_a_person_writes_the_practitioner_replies_and_the_person_answers_then_deletes(driver, base_url):
    profile = demo_profile_path(driver, base_url)
    sender = f"sender-{uuid.uuid4().hex[:8]}@example.org"
    marker = f"Quokka{uuid.uuid4().hex[:6]}"
    practitioner_seen = seen_now(DEMO_PRACTITIONER[0])

    driver.get(base_url + profile)
    click_link_and_wait(driver, "Get in touch")
    heading_says(driver, "Get in touch with")
    assert driver.find_elements(By.CSS_SELECTOR, ".exit-this-page a[href^='https://www.bbc.co.uk']")
    assert "If you need help now" in wait_for(driver, "main").text
    assert_no_axe_violations(driver)

    # The consent box left unticked: the problem is named and nothing typed is lost.
    write(driver, f"We argue about the same thing every week. {marker}", sender, consent=False)
    wait_for(driver, ".error-summary")
    assert "There is a problem" in driver.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert marker in driver.find_element(By.ID, "message").get_attribute("value")
    assert driver.find_element(By.ID, "email").get_attribute("value") == sender
    assert driver.title.startswith("Error:")

    box = driver.find_element(By.ID, "consent")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    click_button_and_wait(driver, "form.stacked-form button[type=submit]")
    heading_says(driver, "Your message has been sent")
    assert_no_axe_violations(driver)

    # Both emails: a link each, and nothing of the message.
    confirmation = wait_for_new_mail(sender, "has been sent", set())
    notice = wait_for_new_mail(DEMO_PRACTITIONER[0], "new enquiry", practitioner_seen)
    assert marker not in confirmation and marker not in notice and "argue" not in notice
    private_link = re.search(r"https?://\S+/enquiries/\S+", confirmation).group(0)
    inbox_link = re.search(r"https?://\S+/dashboard/enquiries/\S+", notice).group(0)

    # The practitioner logs in, reads the enquiry and replies.
    log_in(driver, base_url, *DEMO_PRACTITIONER)
    driver.get(inbox_link)
    assert marker in wait_for(driver, "main").text
    assert_no_axe_violations(driver)
    click_link_and_wait(driver, "\"I have space: let's arrange a first conversation\"")
    reply = wait_for(driver, "#reply")
    assert "I have space" in reply.get_attribute("value")
    click_button_and_wait(driver, "//button[normalize-space()='Send reply']")
    assert "Your reply has been sent" in wait_for(driver, ".notice").text
    driver.delete_all_cookies()

    # The person opens their private link, sees the reply, answers it, and deletes everything.
    reply_mail = wait_for_new_mail(sender, "has replied", {"x"})
    assert "I have space" not in reply_mail
    driver.get(private_link)
    assert "I have space" in wait_for(driver, "main").text
    assert_no_axe_violations(driver)
    answer = driver.find_element(By.CSS_SELECTOR, "textarea[name=message]")
    answer.send_keys("Tuesday evening would suit me, thank you.")
    click_button_and_wait(driver, "//button[normalize-space()='Send']")
    assert "Tuesday evening would suit me" in wait_for(driver, "main").text
    click_button_and_wait(driver, "//button[contains(., 'Delete my message')]")
    heading_says(driver, "Your message has been deleted")
    driver.get(private_link)
    heading_says(driver, "We can't find that message")


def test_words_that_suggest_danger_put_crisis_help_first(driver, base_url):
    profile = demo_profile_path(driver, base_url)
    driver.get(base_url + profile + "/get-in-touch")
    heading_says(driver, "Get in touch with")
    write(driver, "Most days I think everyone would be better off without me.", f"s-{uuid.uuid4().hex[:8]}@example.org")
    heading_says(driver, "Your message has been sent")
    first = wait_for(driver, "main > :first-child")
    assert "Please get help now" in first.text and "116 123" in first.text


def test_one_message_goes_to_three_practitioners_ticked_on_a_results_page(driver, base_url):
    driver.delete_all_cookies()
    driver.get(f"{base_url}/therapists?format=online")
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=to]")
    assert len(boxes) >= 3
    names = []
    for box in boxes[:3]:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
        names.append(box.get_attribute("value"))
    click_button_and_wait(driver, "//button[contains(., 'Write one message')]")
    heading_says(driver, "Get in touch with")
    assert [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, "input[name='to[]']")] == names
    write(driver, f"One message for three of you {uuid.uuid4().hex[:6]}.", f"three-{uuid.uuid4().hex[:8]}@example.org")
    heading_says(driver, "Your message has been sent")
    lead = driver.find_element(By.CSS_SELECTOR, "p.lead").text
    assert lead.count(",") + lead.count(" and ") >= 2


def test_exit_this_page_leaves_at_once_by_click_and_by_shift_three_times(driver, base_url):
    profile = demo_profile_path(driver, base_url)
    driver.get(base_url + profile + "/get-in-touch")
    heading_says(driver, "Get in touch with")
    hint = driver.find_element(By.CSS_SELECTOR, ".exit-this-page__hint")
    assert hint.is_displayed(), "the Shift hint shows once the script runs"
    # Leaving for a site this machine cannot reach: the page is replaced, so the address changes.
    driver.execute_script(
        "['keyup','keyup','keyup'].forEach(t => document.dispatchEvent(new KeyboardEvent(t, {key: 'Shift'})))")
    wait_for_url(driver, lambda url: "bbc.co.uk" in url or "/get-in-touch" not in url)
