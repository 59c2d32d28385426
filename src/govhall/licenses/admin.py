"""Read-only admin views of licence types and licences for system administrators (every change
goes through the licence services and the workbench). Encrypted columns are not shown."""

from __future__ import annotations

from django.contrib import admin

from govhall.core.admin import ReadOnlyAdmin
from govhall.licenses.models import License, LicenseRevocation, LicenseType


@admin.register(LicenseType)
class LicenseTypeAdmin(ReadOnlyAdmin):
    list_display = ("code", "type_code", "name", "holder_kind", "validity_unit", "validity_amount", "is_active")
    search_fields = ("code", "type_code", "name")


@admin.register(License)
class LicenseAdmin(ReadOnlyAdmin):
    list_display = ("identifier", "license_type", "issuer", "holder_name_masked", "status", "valid_until", "version")
    list_filter = ("status", "license_type")
    search_fields = ("identifier",)
    exclude = ("holder_name_encrypted", "data_encrypted", "qr_payload")


@admin.register(LicenseRevocation)
class LicenseRevocationAdmin(ReadOnlyAdmin):
    list_display = ("license", "status", "requested_by", "requested_at", "confirmed_by", "confirmed_at")
    list_filter = ("status",)
