"""Free first conversations in headless Chromium, against the built server and a local SMTP
server: the demo practitioner sets weekly hours; a person chooses a time on the profile and
books it; both get an .ics invitation (read with icalendar, as a calendar would); the person
moves it, then cancels it; and the reminders in the outbox follow every change."""

import email
import os
import re
import sqlite3
import uuid
from email import policy
from pathlib import Path

import icalendar
from selenium.webdriver.common.by import By

from conftest import (assert_no_axe_violations, click_and_wait_for_new_page, click_button_and_wait,
                      heading_says, skip_or_fail, url_ends_with, wait_for, wait_for_url)
from test_accounts import fill, log_in
from test_enquiries import DEMO_PRACTITIONER, demo_profile_path, seen_now
from test_practitioners import check

WEEKLY_HOURS = "09:00-12:00, 17:00-20:00"


def invite_to(address, subject_part, seen, timeout=45):
    """The calendar invitation in the first new email to `address` about `subject_part`."""
    import time
    deadline = time.time() + timeout
    folder = Path(os.environ["RAPPORT_TEST_MAILDIR"], "new")
    while time.time() < deadline:
        for path in sorted(folder.glob("*")):
            if path.name in seen:
                continue
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if message["To"] == address and subject_part in str(message["Subject"]):
                seen.add(path.name)
                body = message.get_body(preferencelist=("plain",)).get_content()
                parts = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
                assert len(parts) == 1, "one calendar invitation"
                return body, parts[0], icalendar.Calendar.from_ical(parts[0].get_content())
        time.sleep(0.5)
    raise AssertionError(f"no new email to {address} about '{subject_part}' within {timeout} s")


def event_of(calendar):
    events = [part for part in calendar.walk("VEVENT")]
    assert len(events) == 1
    return events[0]


def reminders_for(booking_id):
    """The reminder emails waiting in the server's outbox for one booking: (send after, subject)."""
    path = os.environ.get("RAPPORT_TEST_SQLITE")
    if not path:
        skip_or_fail("RAPPORT_TEST_SQLITE is not set: run scripts/test, which names the server's database")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as database:
        rows = database.execute(
            "SELECT send_after_epoch, subject FROM mail_outbox WHERE reference = ? AND sent_epoch IS NULL",
            (f"booking-reminder:{booking_id}",)).fetchall()
    return sorted(rows)


def expected_reminders(start, now):
    due = [start - 24 * 3600, start - 3600]
    return sorted(t for t in due for _ in range(2) if t > now)


def test_a_person_books_moves_and_cancels_a_free_first_conversation(driver, base_url):
    person = f"robin.{uuid.uuid4().hex[:6]}@example.org"
    practitioner_seen = seen_now(DEMO_PRACTITIONER[0])
    person_seen = set()

    # 1. The practitioner publishes weekly hours.
    profile = demo_profile_path(driver, base_url)
    log_in(driver, base_url, *DEMO_PRACTITIONER)
    driver.get(f"{base_url}/dashboard")
    click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, "Your free first conversations"))
    heading_says(driver, "Free first conversations")
    check(driver, "offers-yes")
    check(driver, "minutes-15")
    check(driver, "how-phone")
    for day in range(1, 8):
        fill(driver, f"hours-{day}", WEEKLY_HOURS)
    fill(driver, "notice_hours", "15")
    check(driver, "approval-instant")
    assert_no_axe_violations(driver)
    click_button_and_wait(driver, "//button[text()='Save']")
    url_ends_with(driver, "done=saved")
    assert driver.find_element(By.ID, "hours-2").get_attribute("value") == WEEKLY_HOURS

    # 2. A person chooses the first time on the profile: it is held while they fill in the form.
    driver.delete_all_cookies()
    driver.get(base_url + profile)
    first = wait_for(driver, ".next-times__list a")
    label = first.find_element(By.TAG_NAME, "time").text
    assert re.search(r"\(UK time, (GMT|BST)\)$", label), label
    # Someone whose browser is elsewhere sees their own time too.
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})
    driver.get(base_url + profile)
    assert "your time" in wait_for(driver, ".next-times__list .local-time").text
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Europe/London"})
    driver.get(base_url + profile)
    first = wait_for(driver, ".next-times__list a")
    assert not driver.find_elements(By.CSS_SELECTOR, ".local-time")
    click_and_wait_for_new_page(driver, first)
    held = wait_for(driver, "#slot-held")
    assert label in held.text
    chosen = driver.find_element(By.CSS_SELECTOR, "input[name='slot']:checked")
    chosen_label = driver.find_element(By.CSS_SELECTOR, f"label[for='{chosen.get_attribute('id')}']").text
    assert re.search(r"\d\d:\d\d \(UK time, (GMT|BST)\)", chosen_label), chosen_label
    assert_no_axe_violations(driver)
    # Words of its own each run: one text goes to at most three practitioners a day.
    fill(driver, "message", f"We keep having the same argument and I'd like to talk it through first ({person}).")
    fill(driver, "name", "Robin")
    fill(driver, "email", person)
    fill(driver, "phone", "07700 900123")
    check(driver, "consent")
    click_button_and_wait(driver, "//button[text()='Send my message']")
    wait_for_url(driver, lambda url: "/first-conversations/" in url and url.endswith("done=booked"))
    page_url = driver.current_url.split("?")[0]
    assert "Booked." in wait_for(driver, "#booking-status").text
    assert_no_axe_violations(driver)

    # 3. Both get an invitation a calendar understands, with no message in it.
    body, part, calendar = invite_to(person, "is booked", person_seen)
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert calendar.walk("VTIMEZONE") and str(calendar.walk("VTIMEZONE")[0]["TZID"]) == "Europe/London"
    event = event_of(calendar)
    uid = str(event["UID"])
    booking_id = uid.split("@")[0]
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) in ("Europe/London", "tzfile('Europe/London')") or "London" in str(start.tzinfo)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert int(event["SEQUENCE"]) == 0 and "DTSTAMP" in event and "ORGANIZER" in event and "ATTENDEE" in event
    assert str(event["SUMMARY"]).startswith("Free first conversation with ")
    assert "same argument" not in body and "same argument" not in part.get_content()
    assert page_url.replace(base_url, "") in body, "the email holds the private link"
    _, _, theirs = invite_to(DEMO_PRACTITIONER[0], "Free first conversation booked", practitioner_seen)
    assert str(event_of(theirs)["UID"]) == uid

    # 4. The reminders wait in the outbox for 24 hours and 1 hour before, for both sides.
    now = int(__import__("time").time())
    first_start = int(start.timestamp())
    assert [due for due, _ in reminders_for(booking_id)] == expected_reminders(first_start, now)

    # 5. The person moves it: same UID, SEQUENCE 1, and reminders for the new time only.
    driver.get(page_url)
    options = driver.find_elements(By.CSS_SELECTOR, "input[name='slot']")
    assert options, "other times are offered"
    check(driver, options[-1].get_attribute("id"))
    click_button_and_wait(driver, "//button[text()='Move it to this time']")
    url_ends_with(driver, "done=moved")
    _, _, moved = invite_to(person, "has moved", person_seen)
    moved_event = event_of(moved)
    assert str(moved_event["UID"]) == uid and int(moved_event["SEQUENCE"]) == 1
    new_start = int(moved_event.decoded("DTSTART").timestamp())
    assert new_start != first_start
    assert [due for due, _ in reminders_for(booking_id)] == expected_reminders(new_start, now)

    # 6. The person cancels: METHOD:CANCEL, no reminders left, and the link can't move it again.
    click_button_and_wait(driver, "//button[text()='Cancel the conversation']")
    url_ends_with(driver, "done=cancelled")
    assert "You cancelled it." in wait_for(driver, "#booking-status").text
    assert not driver.find_elements(By.XPATH, "//button[text()='Move it to this time']")
    _, part, cancelled = invite_to(person, "is cancelled", person_seen)
    assert part.get_param("method") == "CANCEL" and str(cancelled["METHOD"]) == "CANCEL"
    assert int(event_of(cancelled)["SEQUENCE"]) == 2 and str(event_of(cancelled)["UID"]) == uid
    invite_to(DEMO_PRACTITIONER[0], "Free first conversation cancelled", practitioner_seen)
    assert reminders_for(booking_id) == []
