"""The supervisors' dashboard in a real browser: the charts are drawn (Chart.js instances on the
canvases) from the page's figures, in Chinese."""

from test_browser import login
from test_browser import SCREENSHOTS
from test_browser import site_url  # noqa: F401
from test_dashboard import build_cases

import pytest
import transaction


pytestmark = pytest.mark.browser

CANVASES = ("chart-on-time", "chart-processing", "chart-histogram", "chart-levels")


@pytest.fixture
def known_cases(functional):
    cases = build_cases(functional["portal"])
    transaction.commit()
    return cases


def chart(page, canvas_id):
    """What Chart.js holds for a canvas: type, labels and the datasets' labels and data."""
    return page.evaluate(
        """(id) => {
            const chart = Chart.getChart(document.getElementById(id));
            if (!chart) return null;
            return {type: chart.config.type, labels: chart.data.labels,
                    datasets: chart.data.datasets.map(d => ({label: d.label, data: d.data}))};
        }""",
        canvas_id,
    )


def test_supervisor_sees_the_dashboard_charts(page, site_url, known_cases):  # noqa: F811
    # without animation the charts are final when drawn (dashboard.js honours reduced motion)
    page.emulate_media(reduced_motion="reduce")
    login(page, site_url, "zhouqiang")
    page.goto(f"{site_url}/@@supervision-dashboard")
    page.wait_for_function(
        "ids => typeof Chart !== 'undefined' && ids.every(id => Chart.getChart(document.getElementById(id)))",
        arg=list(CANVASES),
    )
    on_time = chart(page, "chart-on-time")
    assert on_time["labels"] == ["邵阳市市场监督管理局", "邵阳市行政审批服务局"]
    assert on_time["datasets"][0]["label"] == "按时办结率（%）"
    assert on_time["datasets"][0]["data"] == [100, 50]
    assert on_time["datasets"][1]["label"] == "零超时目标 100%" and set(on_time["datasets"][1]["data"]) == {100}
    levels = chart(page, "chart-levels")
    assert levels["labels"] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert levels["datasets"][0]["data"] == [1, 1, 1, 0, 1]
    processing = chart(page, "chart-processing")
    assert processing["labels"] == ["测试事项：食品经营许可", "测试事项：药品经营许可"]
    assert [d["label"] for d in processing["datasets"]] == ["最短–最长", "中间一半（四分位）", "中位数", "承诺时限"]
    assert sum(chart(page, "chart-histogram")["datasets"][0]["data"]) == 3
    # the canvases really have pixels drawn (not a blank 0×0 box)
    for canvas_id in CANVASES:
        box = page.locator(f"#{canvas_id}").bounding_box()
        assert box["width"] > 200 and box["height"] > 200

    body = page.inner_text("#supervision-dashboard")
    assert "已超期" in page.inner_text("#dashboard-rectification-list")
    for label in ("监督看板", "各单位按时办结率（零超时目标）", "超时案件", "即将到期案件", "各事项办理用时",
                  "好差评统计", "未完成整改", "告知书未写明救济途径", "导出 Excel", "全部单位"):
        assert label in body, label
    # counted on the real today: C is overdue, and D too once its 06-03 has passed
    overdue = page.inner_text("#dashboard-overdue")
    assert known_cases["c"].receipt_number in overdue
    assert known_cases["a"].receipt_number not in overdue
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-zh.png"), full_page=True)

    # the filter form narrows every figure to one agency
    page.select_option("#filter-agency", "scjg")
    page.click("#dashboard-filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => typeof Chart !== 'undefined' && Chart.getChart(document.getElementById('chart-on-time'))")
    assert "agency=scjg" in page.url
    assert chart(page, "chart-on-time")["labels"] == ["邵阳市市场监督管理局"]
    assert "agency=scjg" in page.get_attribute("#dashboard-export", "href")
