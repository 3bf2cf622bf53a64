"""Joining as a therapist or coach, an admin's review, and a member's shortlist, in headless
Chromium: every step through the real pages, with emails read from the local SMTP server."""

import base64
import hashlib
import hmac
import json
import os
import re
import struct
import time
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import (assert_no_axe_violations, click_and_wait_for_new_page, click_button_and_wait,
                      click_link_and_wait, heading_says, skip_or_fail, url_ends_with, wait_for,
                      wait_for_url)
from test_accounts import PASSWORD, fill, log_in, wait_for_email

# Made by scripts/test with `rapport create-admin`; two-step login is set up by the first test
# that logs in as the admin, and the key kept here for the others, with the 30-second step of
# the last code sent: the server takes each step's code only once.
ADMIN = {"secret": None, "last_step": None}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def totp(secret, at=None):
    """RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, as Rapport's authenticator setup says."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return str((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000).zfill(6)


def fresh_totp(secret):
    """A code from a 30-second step not used yet (waiting for the next step if need be)."""
    if ADMIN["last_step"] is not None:
        next_step_starts = (ADMIN["last_step"] + 1) * 30
        if time.time() < next_step_starts:
            time.sleep(next_step_starts - time.time() + 0.2)
    now = time.time()
    ADMIN["last_step"] = int(now // 30)
    return totp(secret, now)


def log_in_as_admin(driver, base_url):
    address = os.environ.get("RAPPORT_TEST_ADMIN_EMAIL")
    password = os.environ.get("RAPPORT_TEST_ADMIN_PASSWORD")
    if not (address and password):
        skip_or_fail("RAPPORT_TEST_ADMIN_EMAIL and RAPPORT_TEST_ADMIN_PASSWORD are not set: run scripts/test")
    driver.delete_all_cookies()
    log_in(driver, base_url, address, password)
    if ADMIN["secret"] is None:
        # First login: an admin must set up two-step login before anything else.
        heading_says(driver, "Two-step login")
        ADMIN["secret"] = wait_for(driver, "code.secret").text.replace(" ", "")
        fill(driver, "code", fresh_totp(ADMIN["secret"]))
        # The next page has the same heading: wait for the new page, then for its codes.
        click_button_and_wait(driver, "form.stacked-form button[type=submit]")
        heading_says(driver, "Two-step login")
        assert wait_for(driver, ".recovery-codes code"), "recovery codes are shown once"
    else:
        url_ends_with(driver, "/login/code")
        fill(driver, "code", fresh_totp(ADMIN["secret"]))
        click_button_and_wait(driver, "form.stacked-form button[type=submit]")
        url_ends_with(driver, "/account")


def register_and_confirm(driver, base_url, prefix, start="/register"):
    """A new account through the real pages, confirmed from the email; returns its address.
    Starting from the join page, the confirmation page leads back to joining."""
    address = f"{prefix}-{uuid.uuid4().hex[:8]}@example.org"
    driver.delete_all_cookies()
    if start == "/join":
        driver.get(f"{base_url}/")
        click_link_and_wait(driver, "Join as a therapist or coach")
        heading_says(driver, "Join Rapport")
        click_link_and_wait(driver, "Create an account to start")
    else:
        driver.get(f"{base_url}/register")
    heading_says(driver, "Create an account")
    fill(driver, "email", address)
    fill(driver, "password", PASSWORD)
    click_button_and_wait(driver, "form.stacked-form button[type=submit]")
    heading_says(driver, "Check your email")
    link = re.search(r"https?://\S+/account/confirm-email\?token=\S+", wait_for_email(address, "confirm"))
    driver.get(link.group(0))
    heading_says(driver, "confirmed")
    if start == "/join":
        click_link_and_wait(driver, "Continue where you were")
        heading_says(driver, "Log in")
        fill(driver, "email", address)
        fill(driver, "password", PASSWORD)
        click_button_and_wait(driver, "form.stacked-form button[type=submit]")
        heading_says(driver, "Join Rapport")
    else:
        log_in(driver, base_url, address, PASSWORD)
        url_ends_with(driver, "/account")
    return address


def check(driver, element_id):
    box = driver.find_element(By.ID, element_id)
    if not box.is_selected():
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()


def join(driver, base_url, tmp_path, name, kind):
    """From the join page through every step of joining, to 'send for review'."""
    if "/join" not in driver.current_url:
        driver.get(f"{base_url}/")
        click_link_and_wait(driver, "Join as a therapist or coach")
        heading_says(driver, "Join Rapport")
    driver.find_element(By.ID, f"kind-{kind}").click()
    click_button_and_wait(driver, "//button[text()='Start my profile']")
    heading_says(driver, "Your profile")
    assert_no_axe_violations(driver)

    fill(driver, "display_name", name)
    fill(driver, "headline", "Helping couples find their way back to each other")
    fill(driver, "about", "I work with couples and families whose relationships have become painful. "
                          "We go at your pace, and you decide what we talk about.")
    approach = "relationship-coaching" if kind == "coach" else "interpersonal-therapy"
    check(driver, f"approach-{approach}")
    check(driver, "format-online")
    check(driver, "format-in_person")
    fill(driver, "places", "Harrogat")
    fill(driver, "fee_min", "45")
    fill(driver, "fee_max", "65")
    fill(driver, "free_first_minutes", "20")
    check(driver, "works-couples")
    # A mistyped town and no topics: the page explains both and keeps everything typed. It has
    # the same heading as the page before, so wait for the new page, then for its summary.
    click_button_and_wait(driver, "//button[text()='Save and continue']")
    heading_says(driver, "Your profile")
    summary = wait_for(driver, ".error-summary").text
    assert "things you help with" in summary and "Did you mean Harrogate?" in summary
    assert driver.find_element(By.ID, "display_name").get_attribute("value") == name
    assert driver.find_element(By.ID, "works-couples").is_selected()

    fill(driver, "places", "Harrogate")
    check(driver, "topic-relationship-problems")
    check(driver, "topic-communication-problems")
    click_button_and_wait(driver, "//button[text()='Save and continue']")
    heading_says(driver, "Your credentials")
    assert_no_axe_violations(driver)

    if kind == "coach":
        assert "membership body is optional" in wait_for(driver, "main").text
    else:
        fill(driver, "professional_body", "BACP")
        fill(driver, "registration_number", "00123456")
    fill(driver, "qualifications", "Diploma in Relationship Counselling")
    check(driver, "insurance-box")
    certificate = tmp_path / "certificate.pdf"
    certificate.write_bytes(PDF)
    driver.find_element(By.ID, "document").send_keys(str(certificate))
    click_button_and_wait(driver, "//button[text()='Save and continue']")
    heading_says(driver, "Send your profile for review")
    click_link_and_wait(driver, "your profile as people will see it")
    heading_says(driver, name)
    assert "A preview" in wait_for(driver, ".notice").text
    driver.back()  # returns once the page before has loaded again
    heading_says(driver, "Send your profile for review")
    click_button_and_wait(driver, "//button[text()='Send for review']")
    heading_says(driver, "Your dashboard")
    assert "with our reviewers" in wait_for(driver, ".notice").text


def open_review(driver, base_url, name):
    driver.get(f"{base_url}/admin")
    heading_says(driver, "Admin")
    click_link_and_wait(driver, name)
    heading_says(driver, f"Review: {name}")
    assert_no_axe_violations(driver)


def test_a_therapist_joins_an_admin_verifies_and_they_appear_in_search(driver, base_url, tmp_path):
    name = f"Tess Okonjo {uuid.uuid4().hex[:4].upper()}"
    register_and_confirm(driver, base_url, "therapist", start="/join")
    join(driver, base_url, tmp_path, name, "therapist")

    log_in_as_admin(driver, base_url)
    open_review(driver, base_url, name)
    main = wait_for(driver, "main").text
    assert "BACP" in main and "00123456" in main and "certificate.pdf" in main
    click_button_and_wait(driver, "//button[text()='Approve and publish']")
    heading_says(driver, "Admin")
    driver.get(f"{base_url}/admin/audit-log")
    heading_says(driver, "Audit log")
    assert "approved practitioner" in wait_for(driver, "main").text

    driver.delete_all_cookies()
    driver.get(f"{base_url}/therapists?q={name.split()[-1]}&near=Harrogate")
    click_and_wait_for_new_page(driver, driver.find_element(By.PARTIAL_LINK_TEXT, name))
    heading_says(driver, name)
    assert driver.find_element(By.LINK_TEXT, "Get in touch").is_displayed()


def test_a_coach_is_turned_down_with_a_reason_that_arrives_by_email(driver, base_url, tmp_path):
    name = f"Cora Lind {uuid.uuid4().hex[:4].upper()}"
    address = register_and_confirm(driver, base_url, "coach")
    join(driver, base_url, tmp_path, name, "coach")

    log_in_as_admin(driver, base_url)
    open_review(driver, base_url, name)
    reason = "We could not find you on the ICF register; please check your membership number."
    fill(driver, "reject_reason", reason)
    click_button_and_wait(driver, "//button[text()='Reject with this reason']")
    heading_says(driver, "Admin")
    assert reason in wait_for_email(address, "About your Rapport profile")

    driver.delete_all_cookies()
    log_in(driver, base_url, address, PASSWORD)
    url_ends_with(driver, "/account")
    click_link_and_wait(driver, "Your dashboard")
    heading_says(driver, "Your dashboard")
    assert "ICF register" in wait_for(driver, "main").text


def test_a_member_shortlists_downloads_their_data_and_deletes_their_account(driver, base_url):
    address = register_and_confirm(driver, base_url, "member")
    driver.get(f"{base_url}/therapists?near=Leeds")
    click_and_wait_for_new_page(driver, driver.find_element(By.CSS_SELECTOR, "a[href^='/practitioners/']"))
    name = wait_for(driver, "h1#profile-name").text.split(" (")[0]
    click_button_and_wait(driver, "//button[text()='Save to my shortlist']")
    heading_says(driver, "Your shortlist")
    assert name in wait_for(driver, ".shortlist").text
    assert_no_axe_violations(driver)

    Select(driver.find_element(By.CSS_SELECTOR, ".shortlist select")).select_by_visible_text("Contacted")
    note = driver.find_element(By.CSS_SELECTOR, ".shortlist textarea")
    note.send_keys("Emailed on Monday; ask about evening sessions")
    click_button_and_wait(driver, "//button[text()='Save']")
    url_ends_with(driver, "done=saved")
    assert "evening sessions" in wait_for(driver, ".shortlist textarea").get_attribute("value")

    # "Download my data" is a file; read it the way the browser would fetch it.
    driver.get(f"{base_url}/account")
    heading_says(driver, "Your account")
    assert driver.find_element(By.LINK_TEXT, "Download my data").get_attribute("download") is not None
    exported = driver.execute_async_script(
        "const done = arguments[0];"
        "fetch('/account/data', {credentials: 'same-origin'}).then(r => r.text()).then(done);")
    data = json.loads(exported)
    assert data["account"]["email"] == address
    assert data["shortlist"][0]["practitioner"] == name
    assert data["shortlist"][0]["status"] == "Contacted"

    fill(driver, "current_password_delete", PASSWORD)
    click_button_and_wait(driver, "//button[contains(text(), 'Delete')]")
    url_ends_with(driver, "account=deleted")
    log_in(driver, base_url, address, PASSWORD)
    wait_for_url(driver, lambda url: "/login" in url)
    assert "isn't right" in wait_for(driver, "main").text or driver.find_elements(By.CLASS_NAME, "error-summary")
