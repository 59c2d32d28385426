from __future__ import annotations

from django.contrib import admin

from govhall.accounts.models import Department, Organization, Person, Region, RoleAssignment, User
from govhall.core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ("username", "display_name", "kind", "is_active", "last_login", "totp_confirmed_at")
    list_filter = ("kind", "is_active")
    search_fields = ("username", "display_name")
    exclude = ("password", "totp_secret")


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    # Only masked values: the encrypted columns and indexes are never shown.
    list_display = ("real_name", "id_number_masked", "phone_masked", "created_at")
    fields = ("real_name", "id_number_masked", "phone_masked", "user", "created_at")
    search_fields = ("real_name",)


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ("name", "credit_code", "org_type", "region")
    search_fields = ("name", "credit_code")


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(Department)
class DepartmentAdmin(ReadOnlyAdmin):
    list_display = ("name", "short_name", "credit_code", "region", "is_active")
    search_fields = ("name", "credit_code")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("user", "department", "role", "granted_at")
    list_filter = ("role",)
