from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Personal information")

    def ready(self):
        from articles import workflow

        from . import service

        if service.publish_refusal not in workflow.publish_checks:
            workflow.publish_checks.append(service.publish_refusal)
        service.connect()
