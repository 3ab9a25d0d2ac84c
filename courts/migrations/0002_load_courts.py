"""Load the high court and the twelve city (league) courts, so every new database has them."""

from django.db import migrations

# slug, name, short name, level, parent slug, region
COURTS = [
    ("inner-mongolia-high", "内蒙古自治区高级人民法院", "自治区高院", "high", None, "内蒙古自治区"),
    ("hohhot", "呼和浩特市中级人民法院", "呼和浩特中院", "intermediate", "inner-mongolia-high", "呼和浩特市"),
    ("baotou", "包头市中级人民法院", "包头中院", "intermediate", "inner-mongolia-high", "包头市"),
    ("wuhai", "乌海市中级人民法院", "乌海中院", "intermediate", "inner-mongolia-high", "乌海市"),
    ("chifeng", "赤峰市中级人民法院", "赤峰中院", "intermediate", "inner-mongolia-high", "赤峰市"),
    ("tongliao", "通辽市中级人民法院", "通辽中院", "intermediate", "inner-mongolia-high", "通辽市"),
    ("ordos", "鄂尔多斯市中级人民法院", "鄂尔多斯中院", "intermediate", "inner-mongolia-high", "鄂尔多斯市"),
    ("hulunbuir", "呼伦贝尔市中级人民法院", "呼伦贝尔中院", "intermediate", "inner-mongolia-high", "呼伦贝尔市"),
    ("bayannur", "巴彦淖尔市中级人民法院", "巴彦淖尔中院", "intermediate", "inner-mongolia-high", "巴彦淖尔市"),
    ("ulanqab", "乌兰察布市中级人民法院", "乌兰察布中院", "intermediate", "inner-mongolia-high", "乌兰察布市"),
    ("hinggan", "兴安盟中级人民法院", "兴安盟中院", "intermediate", "inner-mongolia-high", "兴安盟"),
    ("xilingol", "锡林郭勒盟中级人民法院", "锡林郭勒盟中院", "intermediate", "inner-mongolia-high", "锡林郭勒盟"),
    ("alxa", "阿拉善盟中级人民法院", "阿拉善盟中院", "intermediate", "inner-mongolia-high", "阿拉善盟"),
]


def aliases_for(name, short_name, level, region):
    """The other names texts use: 赤峰市中院 beside 赤峰中院; 内蒙古高院 beside 自治区高院."""
    if level == "high":
        return ["内蒙古高院", "内蒙古自治区高院", "自治区高级人民法院", "内蒙古高级人民法院"]
    aliases = [f"{region}中院", f"{region}中级法院"]
    return [alias for alias in aliases if alias not in (name, short_name)]


def load(apps, schema_editor):
    Court = apps.get_model("courts", "Court")
    by_slug = {}
    for position, (slug, name, short_name, level, parent_slug, region) in enumerate(COURTS):
        parent = by_slug.get(parent_slug)
        court, _ = Court.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short_name,
                "level": level,
                "parent": parent,
                "region": region,
                "aliases": "\n".join(aliases_for(name, short_name, level, region)),
                "position": position,
            },
        )
        # Historical models have no custom save(): keep the materialised path here.
        court.path = f"{parent.path if parent else '/'}{court.pk:08d}/"
        court.save(update_fields=["path"])
        by_slug[slug] = court


def unload(apps, schema_editor):
    Court = apps.get_model("courts", "Court")
    Court.objects.filter(slug__in=[row[0] for row in COURTS], articles__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("courts", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
