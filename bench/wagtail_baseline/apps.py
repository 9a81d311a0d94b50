from django.apps import AppConfig


class WagtailBaselineConfig(AppConfig):
    name = "bench.wagtail_baseline"
    label = "wagtail_baseline"
    default_auto_field = "django.db.models.BigAutoField"
