"""The one REST base (rest/service.py): every refusal has the same shape, its type follows
from the status, field errors mark a validation error."""

from shaoyang.licensing import _
from shaoyang.licensing.rest.service import Refusal


def test_a_refusal_names_its_type_by_status():
    assert Refusal(403, "您无权查阅本案件").body() == {"error": {"type": "Forbidden", "message": "您无权查阅本案件"}}
    assert Refusal(404, "没有这条问责建议").body()["error"]["type"] == "NotFound"
    assert Refusal(429, "稍后").body()["error"]["type"] == "TooManyRequests"


def test_field_errors_make_a_validation_error():
    body = Refusal(400, "申请人名称不能为空", errors=[{"field": "applicant_name", "message": "不能为空"}]).body()
    assert body == {"error": {"type": "ValidationError", "message": "申请人名称不能为空",
                              "errors": [{"field": "applicant_name", "message": "不能为空"}]}}


def test_extra_keys_travel_with_the_error():
    body = Refusal(400, "不能公示：理由", reasons=["未经保密审查"]).body()
    assert body["error"]["reasons"] == ["未经保密审查"]
    assert body["error"]["type"] == "BadRequest"


def test_a_message_id_is_sent_as_its_chinese_text():
    body = Refusal(400, _("probe_refusal", default="请求内容应为 JSON 对象")).body()
    assert body["error"]["message"] == "请求内容应为 JSON 对象"
