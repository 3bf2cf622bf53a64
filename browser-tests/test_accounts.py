"""A person registers, confirms their email from the message that reached the local SMTP
server, logs in, sees their signed-in devices, changes their password (which signs out their
other devices) and logs out, all in headless Chromium."""

import email
import os
import re
import time
import uuid
from email import policy
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import (WAIT_SECONDS, assert_no_axe_violations, click_and_wait_for_new_page,
                      click_button_and_wait, click_link_and_wait, heading_says, skip_or_fail,
                      url_ends_with, wait_for)

PASSWORD = "a long enough passphrase for tests"
NEW_PASSWORD = "another long passphrase for tests"


def wait_for_email(to, subject_part, timeout=40):
    maildir = os.environ.get("RAPPORT_TEST_MAILDIR")
    if not maildir:
        skip_or_fail("RAPPORT_TEST_MAILDIR is not set: run scripts/test, which starts a local SMTP server")
    deadline = time.time() + timeout
    while time.time() < deadline:
        for path in sorted(Path(maildir, "new").glob("*")) if Path(maildir, "new").exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if message["To"] == to and subject_part in str(message["Subject"]):
                return message.get_body(preferencelist=("plain",)).get_content()
        time.sleep(0.5)
    pytest.fail(f"no email to {to} about '{subject_part}' arrived within {timeout} s")


def fill(driver, field_id, value):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)


def log_in(driver, base_url, address, password):
    driver.get(f"{base_url}/login")
    fill(driver, "email", address)
    fill(driver, "password", password)
    click_and_wait_for_new_page(
        driver, driver.find_element(By.CSS_SELECTOR, "form.stacked-form button[type=submit]"))


def test_register_confirm_log_in_change_password_and_log_out(driver, base_url):
    address = f"person-{uuid.uuid4().hex[:8]}@example.org"
    driver.delete_all_cookies()
    driver.get(f"{base_url}/")
    click_link_and_wait(driver, "Log in / register")
    heading_says(driver, "Log in")
    click_link_and_wait(driver, "Create an account")
    heading_says(driver, "Create an account")
    fill(driver, "email", address)
    fill(driver, "password", PASSWORD)
    click_button_and_wait(driver, "form.stacked-form button[type=submit]")
    heading_says(driver, "Check your email")

    body = wait_for_email(address, "confirm")
    link = re.search(r"https?://\S+/account/confirm-email\?token=\S+", body)
    assert link, f"no confirmation link in: {body}"
    driver.get(link.group(0))
    heading_says(driver, "confirmed")

    log_in(driver, base_url, address, PASSWORD)
    url_ends_with(driver, "/account")
    devices = wait_for(driver, ".device-list").text
    assert "(this device)" in devices and "Chrome on Linux" in devices
    assert_no_axe_violations(driver)
    click_link_and_wait(driver, "Set up two-step login")
    heading_says(driver, "Two-step login")
    assert "authenticator app" in wait_for(driver, "main").text
    assert_no_axe_violations(driver)
    driver.get(f"{base_url}/account")

    # A second browser session (cookies apart) signs in too, then is signed out by the change.
    other_cookie = driver.get_cookie("rapport_session")
    driver.delete_all_cookies()
    log_in(driver, base_url, address, PASSWORD)
    url_ends_with(driver, "/account")
    second_cookie = driver.get_cookie("rapport_session")
    assert second_cookie["value"] != other_cookie["value"], "a new session id at every login"
    assert second_cookie["httpOnly"] and second_cookie.get("sameSite") == "Lax"
    assert wait_for(driver, ".device-list").text.count("Chrome on Linux") == 2

    fill(driver, "current_password", PASSWORD)
    fill(driver, "new_password", NEW_PASSWORD)
    click_button_and_wait(driver, "//button[text()='Change password']")
    url_ends_with(driver, "done=password-changed")
    assert "every other device has been signed out" in wait_for(driver, ".notice").text
    assert wait_for(driver, ".device-list").text.count("Chrome on Linux") == 1
    assert "has just been changed" in wait_for_email(address, "password was changed")

    # The first session's cookie no longer works.
    current = driver.get_cookie("rapport_session")
    driver.delete_cookie("rapport_session")
    driver.add_cookie({"name": "rapport_session", "value": other_cookie["value"], "path": "/"})
    driver.get(f"{base_url}/account")
    assert "/login" in driver.current_url
    driver.delete_cookie("rapport_session")
    driver.add_cookie({"name": "rapport_session", "value": current["value"], "path": "/"})
    driver.get(f"{base_url}/account")
    assert driver.current_url.endswith("/account")

    click_button_and_wait(driver, "//button[text()='Log out']")
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.get_cookie("rapport_session") is None)
    driver.get(f"{base_url}/account")
    assert "/login" in driver.current_url
    log_in(driver, base_url, address, NEW_PASSWORD)
    url_ends_with(driver, "/account")
    driver.delete_all_cookies()
