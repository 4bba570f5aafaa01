"""Generated notices (文书): 受理通知书, 补正材料通知书, 不予受理决定书, 准予/不予行政许可决定书,
听证告知书 and 送达回证, made with python-docx at the step that needs them (see docs/notices.md)."""
