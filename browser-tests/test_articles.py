"""Articles in headless Chromium: a verified practitioner writes, previews and sends one; an
admin returns it with a note; the practitioner fixes it; the admin approves it; a reader finds
it everywhere it should be and goes from it to the author's Get in touch form."""

import uuid

import feedparser
import requests
from selenium.webdriver.common.by import By

from conftest import (assert_no_axe_violations, click_and_wait_for_new_page, click_button_and_wait,
                      click_link_and_wait, heading_says, url_ends_with, wait_for, wait_for_url)
from test_accounts import fill, log_in
from test_enquiries import DEMO_PRACTITIONER, seen_now, wait_for_new_mail
from test_practitioners import check, log_in_as_admin

PARAGRAPH = ("When you and the person closest to you keep having the same row, it is rarely about "
             "the thing you are arguing over. More often it is about feeling heard, and about what "
             "each of you needs at the end of a long day. A small change in how you start can change "
             "how the talk ends.")


def body_text(marker):
    return "## Where it starts\n\n" + "\n\n".join([PARAGRAPH] * 6) + f"\n\n{marker} {PARAGRAPH}"


def test_an_article_is_written_returned_fixed_approved_and_leads_to_its_author(driver, base_url):
    suffix = uuid.uuid4().hex[:6]
    title = f"Why the same row comes back {suffix}"
    marker = f"Kestrel-{suffix}"
    seen = seen_now(DEMO_PRACTITIONER[0])

    # 1. The demo practitioner writes, previews and sends it.
    driver.delete_all_cookies()
    log_in(driver, base_url, *DEMO_PRACTITIONER)
    driver.get(f"{base_url}/dashboard")
    click_link_and_wait(driver, "Your articles")
    heading_says(driver, "Your articles")
    click_link_and_wait(driver, "Write a new article")
    heading_says(driver, "Write an article")
    fill(driver, "title", title)
    fill(driver, "summary", "What may be going on when one argument keeps coming back, and what can help.")
    fill(driver, "markdown", body_text(marker))
    check(driver, "topic-relationship-problems")
    click_button_and_wait(driver, "//button[text()='Save and preview']")
    preview = wait_for(driver, "#preview")
    assert marker in preview.text, "the preview shows the words, rendered on the server"
    assert "words" in driver.find_element(By.ID, "markdown-hint").text
    assert_no_axe_violations(driver)
    check(driver, "own_work")
    click_button_and_wait(driver, "//button[text()='Send for review']")
    url_ends_with(driver, "done=submitted")
    page = wait_for(driver, "main").text
    assert "Your article is with our reviewers" in page and title in page

    # 2. An admin returns it with a note.
    note = f"Please say when couples counselling may suit better ({suffix})."
    log_in_as_admin(driver, base_url)
    driver.get(f"{base_url}/admin")
    click_link_and_wait(driver, title)
    heading_says(driver, f"Review: {title}")
    assert marker in wait_for(driver, ".admin-preview").text
    fill(driver, "note", note)
    click_button_and_wait(driver, "//button[text()='Return with this note']")
    heading_says(driver, "Admin")
    assert note in wait_for_new_mail(DEMO_PRACTITIONER[0], "few changes", seen)
    assert requests.get(f"{base_url}/articles", timeout=30).text.count(title) == 0, "a returned article is not public"

    # 3. The practitioner fixes it and sends it again.
    driver.delete_all_cookies()
    log_in(driver, base_url, *DEMO_PRACTITIONER)
    driver.get(f"{base_url}/dashboard/articles")
    assert note in wait_for(driver, "main").text
    click_link_and_wait(driver, title)
    heading_says(driver, "Edit your article")
    box = driver.find_element(By.ID, "markdown")
    box.send_keys("\n\nIf you both want to work on it together, couples counselling may suit you better.")
    check(driver, "own_work")
    click_button_and_wait(driver, "//button[text()='Send for review']")
    url_ends_with(driver, "done=submitted")

    # 4. The admin approves it.
    log_in_as_admin(driver, base_url)
    driver.get(f"{base_url}/admin")
    click_link_and_wait(driver, title)
    heading_says(driver, f"Review: {title}")
    if driver.find_elements(By.ID, "override_warnings"):
        check(driver, "override_warnings")
    click_button_and_wait(driver, "//button[text()='Approve and publish']")
    heading_says(driver, "Admin")

    # 5. It is on /articles, the topic page, the author's profile and both feeds.
    driver.delete_all_cookies()
    driver.get(f"{base_url}/articles")
    heading_says(driver, "Articles")
    assert_no_axe_violations(driver)
    link = driver.find_element(By.LINK_TEXT, title)
    article_path = link.get_attribute("href").replace(base_url, "")
    driver.get(f"{base_url}/need-help-with/relationship-problems")
    assert wait_for(driver, f"a[href='{article_path}']")
    for feed_path in ("/articles/feed.xml", "/need-help-with/relationship-problems/feed.xml"):
        feed = feedparser.parse(requests.get(base_url + feed_path, timeout=30).content)
        assert not feed.bozo, f"{feed_path} is not well-formed: {feed.get('bozo_exception')}"
        assert feed.version == "atom10", f"{feed_path} is {feed.version}"
        entry = next(e for e in feed.entries if e.title == title)
        assert marker in entry.content[0].value and entry.author and entry.summary and entry.updated

    # 6. A reader goes from the article to the author's profile and Get in touch form.
    driver.get(base_url + article_path)
    heading_says(driver, title)
    assert_no_axe_violations(driver)
    assert wait_for(driver, ".crisis-box")
    profile = driver.find_element(By.CSS_SELECTOR, ".author-name a").get_attribute("href")
    click_and_wait_for_new_page(driver, driver.find_element(By.CSS_SELECTOR, ".author-card a.button"))
    wait_for_url(driver, lambda url: url.endswith("/get-in-touch"))
    assert wait_for(driver, "form textarea#message")
    driver.get(profile)
    assert wait_for(driver, f"#articles-heading ~ ul a[href='{article_path}']")
