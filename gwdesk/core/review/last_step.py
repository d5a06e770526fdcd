"""The last step of a 意见单 after 审定, chosen by its 公开属性: ONE rule that the editor's side list, its buttons,
the status machine (workflow.transition) and `gwdesk review check --stage publish` all read.

| 公开属性 (definition's rule) | step           | status after | goes into                                   |
| publishable_when            | 登记公开        | 已公开        | 公开信息登记表 (删减后公开 also 不予公开政府信息登记表) |
| on_request_when             | 登记依申请公开   | 已登记        | 公开信息登记表, marked 依申请公开 with its reason     |
| withheld_when               | 登记不予公开     | 已登记        | 不予公开政府信息登记表                           |

Only 登记公开 publishes, so only it needs the 公开情况 fields (`stage = "publish"`: 实际公开日期, 网址或位置,
解读同步发布 …); the 登记 of a document that is not published asks for none of them. A form whose 公开属性 is
not chosen has no last step (nothing to register yet).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gwdesk.core.formdef import FormDef

PUBLISHED, REGISTERED = "已公开", "已登记"


@dataclass(frozen=True)
class LastStep:
    kind: str  # "publish" / "on_request" / "withheld"
    label: str  # the button and the side list's words
    target: str  # the status it leads to
    register: str  # where the form is then listed
    publishes: bool  # needs the 公开情况 (stage "publish") fields


STEPS = {
    "publish": LastStep("publish", "登记公开", PUBLISHED, "公开信息登记表", True),
    "on_request": LastStep("on_request", "登记依申请公开", REGISTERED, "公开信息登记表，标为依申请公开", False),
    "withheld": LastStep("withheld", "登记不予公开", REGISTERED, "不予公开政府信息登记表", False),
}


def for_values(definition: FormDef, values: dict[str, Any]) -> LastStep | None:
    """The step a form with these (normalised) values ends with; None while its 公开属性 is not chosen."""
    if not values.get("attribute"):
        return None
    if definition.publishable_when is None or definition.is_publishable(values):
        return STEPS["publish"]
    if definition.is_on_request(values):
        return STEPS["on_request"]
    if definition.is_withheld(values):  # 不予公开 (or a county form's 免予公开): named as the form names it
        return replace(STEPS["withheld"], label=f"登记{values['attribute']}")
    return None


def needs_publication_fields(definition: FormDef, values: dict[str, Any]) -> bool:
    """Whether the 公开情况 fields apply: for 登记公开, and while the step is not yet known (so nothing is hidden)."""
    step = for_values(definition, values)
    return step is None or step.publishes
