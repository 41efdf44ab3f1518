from django.db import migrations

# The nine life domains, in the order of networks.models.LifeDomainCode.
CODES = [
    "work_income",
    "education",
    "housing",
    "mobility",
    "leisure_sport",
    "information",
    "care_support",
    "accessibility",
    "participation",
]


def add_life_domains(apps, schema_editor):
    LifeDomain = apps.get_model("networks", "LifeDomain")
    for order, code in enumerate(CODES):
        LifeDomain.objects.update_or_create(code=code, defaults={"sort_order": order})


def remove_life_domains(apps, schema_editor):
    apps.get_model("networks", "LifeDomain").objects.filter(code__in=CODES).delete()


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]

    operations = [migrations.RunPython(add_life_domains, remove_life_domains)]
