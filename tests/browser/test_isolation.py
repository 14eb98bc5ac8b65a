"""One story never stalls the others: a build that never ends is stopped at its time limit, shown as a problem on
its own page, remembered, and meanwhile another session reads the shipped story from the same server."""

import psutil
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, open_page
from tests.browser.server import streamlit_server

LIMIT_S = 20


def test_a_stalling_story_does_not_stall_another_reader(browser):
    env = {"STORY_BUILD_SECONDS": str(LIMIT_S)}
    with streamlit_server("tests/browser/apps/two_stories.py", env=env) as (base, proc):
        stalled = browser.new_context(viewport=DESKTOP)
        try:
            page_a = stalled.new_page()
            page_a.goto(base + "/?story=stall")
            expect(page_a.locator("[data-testid=stApp][data-test-script-state=running]")).to_be_attached()
            # While A's build burns a CPU, B opens the shipped story and reads it to the end.
            ctx_b, page_b, watch = open_page(browser, base, DESKTOP)
            expect(page_b.locator("[data-chapter]")).to_have_count(9)
            page_b.locator("[data-goto=west]").click()
            expect(page_b.locator("[data-chapter=west][aria-current=step]")).to_be_attached()
            assert page_a.get_by_text("took longer than").count() == 0, "B was served only after A's limit"
            assert watch.real_console_errors() == []
            ctx_b.close()

            expect(
                page_a.get_by_text(f"the story took longer than {LIMIT_S} s to build, the limit for any story")
            ).to_be_visible(timeout=(LIMIT_S + 20) * 1000)
            burning = [p for p in psutil.Process(proc.pid).children(recursive=True) if "page.worker" in p.cmdline()]
            assert burning == [], "the stalled build's worker was not stopped"

            # Remembered: a new reader of the stalled story gets the sentence at once, not after another limit.
            page_c = stalled.new_page()
            page_c.goto(base + "/?story=stall")
            expect(page_c.get_by_text("took longer than")).to_be_visible(timeout=LIMIT_S * 1000 // 2)
        finally:
            stalled.close()
