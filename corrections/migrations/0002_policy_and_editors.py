"""The corrections policy page with the newsroom's default text, and the editors' rights on
corrections (add, change, view; nobody deletes one) and on the policy page (change, view)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

POLICY_TITLE = "更正与说明"
POLICY_TEXT = """法院专刊力求准确、公正地报道全区法院工作。刊发的稿件如有事实、姓名、职务、数字、日期或引语方面的差错，我们会公开更正，不作无痕修改。

更正针对事实差错；说明用于补充背景、消除可能的误解。每条更正或说明都注明发布日期，显示在原文正文之上，并集中列于“更正”栏目，同时通过更正订阅源（RSS）发布。

见报稿件的更正，我们会在同一版面的下一期刊出。

发现差错，请通过报头所列的电子邮箱或电话告诉编辑部，并注明文章标题和刊发日期。编辑部核实后尽快处理。

已发布的更正如本身有误，编辑部会将其撤回并在内部记录原因；撤回的更正不再向读者显示。"""

EDITOR_GRANTS = [
    ("correction", ["add", "change", "view"]),
    ("correctionspolicy", ["change", "view"]),
]


def create_policy_and_grants(apps, schema_editor):
    Policy = apps.get_model("corrections", "CorrectionsPolicy")
    if not Policy.objects.exists():
        Policy.objects.create(title=POLICY_TITLE, text=POLICY_TEXT)

    app_config = apps.get_app_config("corrections")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    codenames = [f"{action}_{model}" for model, actions in EDITOR_GRANTS for action in actions]
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="corrections", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("corrections", "0001_corrections"),
        ("accounts", "0001_roles"),
    ]

    operations = [migrations.RunPython(create_policy_and_grants, migrations.RunPython.noop)]
