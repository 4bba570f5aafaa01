"""The Chinese UI in a real browser: Playwright drives Debian's Chromium against the functional server."""

from pathlib import Path

import datetime
import pytest


pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"


@pytest.fixture
def site_url(functional):
    return f"http://{functional['host']}:{functional['port']}/plone"


def login(page, site_url, userid, password="shaoyang-demo"):
    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", userid)
    page.fill("#__ac_password", password)
    page.click("#login-form button[type=submit], #login-form input[type=submit]")
    page.wait_for_load_state("networkidle")


def test_demo_user_sees_chinese_labels(page, site_url):
    login(page, site_url, "zhouqiang")
    page.goto(f"{site_url}/@@licensing-overview")
    body = page.inner_text("body")
    # The add-on's own catalog (shaoyang.licensing, zh_CN) ...
    assert "行政许可档案概况" in body
    assert "我的岗位角色" in body
    assert "监督员" in body
    assert "市直单位" in body and "邵阳市市场监督管理局" in body
    assert "事项清单" in body and "案卷库" in body
    # ... and Plone's (plone.app.locales) in the same page.
    assert "网站地图" in body and "高级搜索" in body
    assert page.evaluate("document.documentElement.lang") == "zh-cn"
    # The navigation offers the overview to staff and the dashboard to supervisors, in Chinese.
    assert page.locator("#portal-globalnav a", has_text="档案概况").count() == 1
    assert page.locator("#portal-globalnav a", has_text="督查看板").count() == 1
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "overview-zh.png"), full_page=True)


def test_site_is_themed_on_127_0_0_1(page, functional):
    """make start serves on 127.0.0.1, which Plone leaves unthemed by default."""
    page.goto(f"http://127.0.0.1:{functional['port']}/plone")
    assert page.locator("link[rel=stylesheet][href*=barceloneta]").count() >= 1


def test_wrong_password_is_refused_in_chinese(page, site_url):
    login(page, site_url, "zhouqiang", "wrong-password")
    assert "@@licensing-overview" not in page.url
    assert "登录" in page.inner_text("body")


def test_anonymous_is_sent_to_login(page, site_url):
    page.goto(f"{site_url}/@@licensing-overview")
    assert page.locator("#__ac_name").count() == 1
    page.goto(site_url)
    assert page.locator("#portal-globalnav a", has_text="档案概况").count() == 0


@pytest.fixture
def test_item(functional):
    import transaction

    from helpers import make_item

    item = make_item(functional["portal"])
    transaction.commit()
    return item


def test_receiver_files_a_case_and_application_in_the_ui(page, site_url, test_item):
    """A window receiver files a case with the Chinese forms; a bad ID number is refused in
    Chinese and nothing typed is lost; the corrected application is saved."""
    login(page, site_url, "zhangwei")
    page.goto(f"{site_url}/cases/++add++CaseFile")
    page.select_option("#form-widgets-item_code", "XK09901000")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    assert "/cases/xzsp-" in page.url
    case_url = page.url.split("/view")[0].rstrip("/")
    body = page.inner_text("body")
    assert "受理编号" in body and "XZSP-" in body

    page.goto(f"{case_url}/++add++Application")
    page.select_option("#form-widgets-applicant_type", "person")
    page.fill("#form-widgets-applicant_name", "李明")
    page.fill("#form-widgets-id_number", "110105194912310021")
    page.fill("#form-widgets-phone", "13812345678")
    page.fill("#form-widgets-received_date", "2026-01-05")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    assert "公民身份号码校验位错误" in page.inner_text("body")
    assert page.input_value("#form-widgets-applicant_name") == "李明"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "application-error-zh.png"), full_page=True)

    page.fill("#form-widgets-id_number", "11010519491231002x")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("body")
    assert "11010519491231002X" in body
    assert "申请（李明）" in body


def test_receiver_rejects_an_application_with_the_step_form(page, site_url, test_item):
    """A step with parameters asks for them (R4.4-style reasons) and refuses without them."""
    login(page, site_url, "zhangwei")
    page.goto(f"{site_url}/cases/++add++CaseFile")
    page.select_option("#form-widgets-item_code", "XK09901000")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    case_url = page.url.split("/view")[0].rstrip("/")
    # the workflow menu offers the step, in Chinese
    page.goto(case_url)
    assert page.locator("a[href*='case-transition?transition=reject_application']").count() == 1
    page.goto(f"{case_url}/@@case-transition?transition=reject_application")
    assert "不予受理" in page.inner_text("h1")
    page.click("#form-buttons-apply")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SCREENSHOTS / "case-step-form-errors.png"), full_page=True)
    assert "请更正下列错误" in page.inner_text("body")
    page.fill("#form-widgets-reason", "该事项不属于本机关职权范围")
    page.fill("#form-widgets-competent_body", "邵阳市生态环境局")
    page.click("#form-buttons-apply")
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/").endswith(case_url.split("/")[-1])
    assert "不予受理" in page.inner_text("body")  # the state shown in the toolbar
    page.screenshot(path=str(SCREENSHOTS / "case-rejected-zh.png"), full_page=True)


def test_supervisor_reads_the_case_timeline(page, site_url, test_item):
    import requests

    base = site_url
    created = requests.post(f"{base}/cases", json={"@type": "CaseFile", "item_code": "XK09901000"},
                            headers={"Accept": "application/json"}, auth=("zhangwei", "shaoyang-demo"), timeout=30)
    case_url = created.json()["@id"]
    requests.post(f"{case_url}/@workflow/reject_application", json={"reason": "不属于本机关职权范围", "competent_body": "邵阳市生态环境局"},
                  headers={"Accept": "application/json"}, auth=("zhangwei", "shaoyang-demo"), timeout=30)
    login(page, site_url, "zhouqiang")
    page.goto(case_url)
    page.click("text=办理日志")
    page.wait_for_load_state("networkidle")
    body = page.inner_text("#case-journal")
    assert "日志完整，哈希链校验通过" in body
    assert "不予受理" in body and "张伟" in body and "立卷登记" in body
    assert "受理期限" in body or "受理" in body
    page.screenshot(path=str(SCREENSHOTS / "case-journal-zh.png"), full_page=True)


def take_step(page, case_url, transition, **fields):
    page.goto(f"{case_url}/@@case-transition?transition={transition}")
    for name, value in fields.items():
        page.fill(f"#form-widgets-{name}", value)
    page.click("#form-buttons-apply")
    page.wait_for_load_state("networkidle")


def add_opinion(page, case_url, step_id, text):
    page.goto(f"{case_url}/++add++ReviewOpinion")
    page.select_option("#form-widgets-step", step_id)
    page.select_option("#form-widgets-opinion", "agree")
    page.fill("#form-widgets-text", text)
    page.fill("#form-widgets-opinion_date", datetime.date.today().isoformat())
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")


def test_whole_chain_in_the_chinese_ui(browser, functional, site_url, test_item):
    """Receiver → reviewer → checker → approver → deliverer → archivist, each in their own
    browser session, through the forms and the step menu."""

    def session(userid):
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(30_000)
        login(page, site_url, userid)
        return context, page

    today = datetime.date.today().isoformat()
    ctx, page = session("zhangwei")
    page.goto(f"{site_url}/cases/++add++CaseFile")
    page.select_option("#form-widgets-item_code", "XK09901000")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    case_url = page.url.split("/view")[0].rstrip("/")
    page.goto(f"{case_url}/++add++Application")
    page.select_option("#form-widgets-applicant_type", "organisation")
    page.fill("#form-widgets-applicant_name", "邵阳市湘味食品有限公司")
    page.fill("#form-widgets-credit_code", "91350100M000100Y43")
    page.fill("#form-widgets-phone", "0739-5321234")
    page.fill("#form-widgets-received_date", today)
    page.fill("#form-widgets-submitted_materials", "食品经营许可申请书\n营业执照")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    take_step(page, case_url, "accept")
    assert "已受理。" in page.inner_text("body")
    ctx.close()

    ctx, page = session("liuna")
    take_step(page, case_url, "start_review")
    add_opinion(page, case_url, "first_review", "材料齐全，符合法定条件，拟同意。")
    ctx.close()

    ctx, page = session("wangfang")
    add_opinion(page, case_url, "check", "经复核，同意承办人意见。")
    take_step(page, case_url, "submit_for_decision")
    assert "已提请决定。" in page.inner_text("body")
    ctx.close()

    ctx, page = session("chenjun")
    page.goto(f"{case_url}/++add++Decision")
    page.select_option("#form-widgets-outcome", "grant")
    page.fill("#form-widgets-decision_date", today)
    page.fill("#form-widgets-certificate_name", "食品经营许可证")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    take_step(page, case_url, "decide")
    assert "已作出决定。" in page.inner_text("body")
    ctx.close()

    ctx, page = session("zhangwei")
    page.goto(f"{case_url}/++add++Delivery")
    page.select_option("#form-widgets-method", "window")
    page.fill("#form-widgets-delivery_date", today)
    page.fill("#form-widgets-recipient", "王经理")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    take_step(page, case_url, "deliver")
    assert "已送达。" in page.inner_text("body")
    ctx.close()

    ctx, page = session("sunli")
    take_step(page, case_url, "close")
    take_step(page, case_url, "archive")
    assert "已归档。" in page.inner_text("body")
    page.goto(f"{case_url}/@@case-journal")
    journal_text = page.inner_text("#case-journal")
    for who in ("张伟", "刘娜", "王芳", "陈军", "孙丽"):
        assert who in journal_text
    assert "日志完整" in journal_text
    page.screenshot(path=str(SCREENSHOTS / "case-archived-journal-zh.png"), full_page=True)
    ctx.close()
