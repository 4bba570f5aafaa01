"""What the demo planner (demo/cases.py) draws from: how often each item is applied for and by
whom, and the wording of opinions, refusals, rejections, withdrawals, delivery notes and
evaluations. Plain data; the planner's rates and stage weights stay with the planner."""


# How often each item is applied for (default 2): food, doctors, teachers and jobs dominate.
ITEM_WEIGHTS = {
    "XK00001000": 3, "XK00002000": 14, "XK00003000": 4, "XK00004000": 3, "XK00005000": 2,
    "XK00006000": 2, "XK00007000": 7, "XK00011000": 6, "XK00012000": 1, "XK00013000": 5,
    "XK00014000": 1, "XK00015000": 1, "XK00016000": 4, "XK00018000": 4, "XK00019000": 2,
    "XK00020000": 2, "XK00021000": 2, "XK00023000": 2, "XK00026000": 3, "XK00027000": 4,
    "XK00028000": 0.3, "XK00030000": 1, "XK00033000": 1, "XK00034001": 0.5, "XK00035000": 2,
    "XK00037000": 1, "XK00038000": 1, "XK00040000": 7, "XK00041000": 0.3, "XK00042000": 0.3,
    "XK00043000": 2, "XK00044000": 1, "XK00045000": 2, "GG00001000": 3, "GG00002000": 2,
    "GG00003000": 8, "GG00004000": 5, "GG00005000": 5,
}
# Share of natural persons among the applicants of an item (default: organisations only).
PERSON_SHARE = {
    "XK00011000": 1.0, "XK00040000": 1.0, "XK00027000": 0.95, "GG00003000": 1.0,
    "GG00005000": 1.0, "GG00001000": 0.7, "GG00002000": 0.5, "GG00004000": 0.8,
    "XK00013000": 0.15, "XK00016000": 0.3,
}
# The kind of organisation that applies for an item (people.INDUSTRIES keys).
INDUSTRY = {
    "XK00001000": "food_production", "XK00002000": "food_trade", "XK00003000": "pharmacy",
    "XK00004000": "manufacturing", "XK00005000": "medical_device", "XK00006000": "clinic",
    "XK00007000": "public_venue", "XK00008000": "water", "XK00009000": "hospital",
    "XK00010000": "maternal", "XK00012000": "passenger_transport", "XK00013000": "freight",
    "XK00014000": "taxi", "XK00015000": "ride_hailing", "XK00016000": "freight",
    "XK00017000": "construction", "XK00018000": "construction", "XK00019000": "real_estate",
    "XK00020000": "construction", "XK00021000": "waste", "XK00022000": "gas",
    "XK00023000": "real_estate", "XK00024000": "real_estate", "XK00025000": "real_estate",
    "XK00026000": "real_estate", "XK00028000": "mining", "XK00029000": "construction",
    "XK00030000": "entertainment", "XK00031001": "performance", "XK00031002": "performance",
    "XK00032000": "travel", "XK00033000": "internet_cafe", "XK00034001": "manufacturing",
    "XK00034002": "manufacturing", "XK00035000": "manufacturing", "XK00036000": "hospital",
    "XK00037000": "labour", "XK00038000": "hr", "XK00039000": "manufacturing",
    "XK00041000": "school", "XK00042000": "slaughter", "XK00043000": "farm_supply",
    "XK00044000": "vet", "XK00045000": "farming",
}
INDUSTRY_BY_WORD = (
    ("食品生产", "food_production"), ("食品", "food_trade"), ("药品", "pharmacy"),
    ("医疗器械", "medical_device"), ("医疗", "clinic"), ("卫生", "public_venue"),
    ("运输", "freight"), ("建筑", "construction"), ("燃气", "gas"), ("学校", "school"),
)

ACCEPT_TEXTS = (
    "申请材料齐全，符合法定形式，同意受理。",
    "经核对，申请材料齐全、符合法定形式，予以受理。",
    "申请材料齐全，符合法定形式，当场受理，已出具受理通知书。",
    "材料经逐项核对齐全有效，符合法定形式，同意受理并转承办科室审查。",
)
ACCEPT_AFTER_CORRECTION = "申请人已按补正材料通知书补齐全部材料，材料齐全，符合法定形式，同意受理。"
CORRECTION_TEXT = "申请材料不齐全，已出具补正材料通知书，一次性告知申请人补正：{missing}。"
CHECK_GRANT_TEXTS = (
    "经审核，申请人符合“{item}”的法定条件和标准，审查要点均已逐项核实，同意准予许可。",
    "经审查，申请材料真实有效，已就“{point}”等审查要点逐项核实，符合要求，同意初审意见，拟准予许可。",
    "已核对申请材料及现场核查记录，申请人具备法定条件，同意准予许可，颁发{result}。",
)
CHECK_REFUSAL_TEXT = "经审核，{reason_short}，不符合法定条件，建议不予许可。"
APPROVAL_GRANT_TEXTS = ("同意审核意见，准予许可，颁发{result}。", "同意。准予行政许可。")
APPROVAL_REFUSAL_TEXT = "同意审核意见，不予许可，书面说明理由并告知申请人依法享有的救济权利。"
REFUSAL_REASONS = (
    "经现场核查，申请人的场所、设施条件与申请事项不相适应，且未在规定期限内完成整改",
    "申请人提交的“{material}”与实际情况不符，经核实存在虚假内容",
    "经审查，就审查要点“{point}”核实，申请人不符合要求，且在规定期限内未提供符合要求的证明材料",
    "申请人配备的专业技术人员数量和资质不符合规定要求",
    "申请人申请前一年内因同类违法行为受到行政处罚，依照有关规定暂不得取得该许可",
    "申请事项超出本机关的许可权限，应当向省级主管部门提出申请",
)
REJECTIONS = (
    ("申请事项属于省级发证权限，不属于本机关职权范围", "湖南省市场监督管理局"),
    ("申请事项属于生态环境主管部门的职权，不属于本机关职权范围", "邵阳市生态环境局"),
    ("申请人住所地及经营场所均在{county}，该事项由县级行政审批部门受理，不属于本机关职权范围", "{county}行政审批服务局"),
    ("申请事项属于交通运输主管部门的职权，不属于本机关职权范围", "邵阳市交通运输局"),
    ("申请事项属于自然资源主管部门的职权，不属于本机关职权范围", "邵阳市自然资源和规划局"),
)
REJECTION_OPINION = "经审查，{reason}，不予受理；已出具不予受理通知书，告知申请人向{body}申请。"
COUNTIES = ("邵东市", "新邵县", "邵阳县", "隆回县", "洞口县", "绥宁县", "新宁县", "城步苗族自治县", "武冈市")
WITHDRAW_REASONS = (
    "经营场所拟变更，申请人书面申请撤回，待新场所确定后重新申请。",
    "因投资计划调整，申请人决定暂不开展该项经营活动，书面申请撤回。",
    "申请人发现申请事项填报有误，书面申请撤回后重新提交。",
    "申请人因股东变更需重新办理营业执照，书面申请撤回本次申请。",
    "申请人考虑检测所需时间较长，书面申请撤回，待条件成熟后再申请。",
)
DELIVERY_NOTES = {
    "window": "送达回证 SD{year}{serial:06d}，受送达人当场签收",
    "post": "EMS {tracking}，{day}签收",
    "electronic": "电子证照已推送至“湘易办”，受送达人已查阅确认",
    "public_notice": "受送达人下落不明，已在邵阳市人民政府门户网站公告送达，公告期满视为送达",
}
LEVEL_WEIGHTS = {"very_satisfied": 62, "satisfied": 24, "basic": 8, "dissatisfied": 4, "very_dissatisfied": 2}
LEVEL_WEIGHTS_REFUSED = {"very_satisfied": 15, "satisfied": 25, "basic": 25, "dissatisfied": 22, "very_dissatisfied": 13}
EVALUATION_COMMENTS = {
    "very_satisfied": ("窗口工作人员热情耐心，一次就办好了，点赞！", "网上提交材料很方便，比承诺时间还提前办结。", "服务周到，全程指导，非常满意。", ""),
    "satisfied": ("办理顺利，效率较高。", "工作人员讲解清楚，满意。", ""),
    "basic": ("整体还可以，排队时间有点长。", "材料要求在网上写得不够清楚，跑了两次。", ""),
    "dissatisfied": ("等待时间太长，超过了承诺的办结时限。", "补正材料时没有一次说清楚，来回跑了好几趟。"),
    "very_dissatisfied": ("办理时间严重超期，电话咨询也没人接。", "对不予许可的理由不认可，工作人员解释态度生硬。"),
}
EVALUATION_CHANNEL_OF = {"window": "window", "online": "online", "mobile": "mobile", "post": "phone"}
