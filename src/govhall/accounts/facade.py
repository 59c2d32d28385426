"""The public face of accounts for other apps: import from here, never from models/services."""

from __future__ import annotations

from govhall.accounts.constants import SEPARATED_ADMIN_ROLES, OrganizationType, Role, UserKind
from govhall.accounts.permissions import citizen_required, public, staff_required
from govhall.accounts.selectors import (
    department_by_credit_code,
    department_list,
    is_system_admin,
    organization_by_credit_code,
    organization_get,
    organizations_represented,
    person_by_id_number,
    person_for_user,
    person_get,
    region_children,
    region_count,
    region_path,
    user_by_username,
    user_has_role,
    user_roles,
)
from govhall.accounts.services import (
    citizen_authenticate,
    citizen_register,
    department_create,
    login_record,
    organization_create,
    person_create,
    region_import,
    region_load_bundled,
    region_require,
    role_grant,
    role_revoke,
    staff_authenticate,
    staff_create,
    totp_demo_code,
    totp_demo_confirm,
    totp_enrollment_begin,
    totp_provisioning_uri,
    totp_verify,
)

SESSION_BACKEND = "govhall.accounts.backends.GovhallBackend"

__all__ = [
    "SEPARATED_ADMIN_ROLES",
    "SESSION_BACKEND",
    "OrganizationType",
    "Role",
    "UserKind",
    "citizen_authenticate",
    "citizen_register",
    "citizen_required",
    "department_by_credit_code",
    "department_create",
    "department_list",
    "is_system_admin",
    "login_record",
    "organization_by_credit_code",
    "organization_create",
    "organization_get",
    "organizations_represented",
    "person_by_id_number",
    "person_create",
    "person_for_user",
    "person_get",
    "public",
    "region_children",
    "region_count",
    "region_import",
    "region_load_bundled",
    "region_path",
    "region_require",
    "role_grant",
    "role_revoke",
    "staff_authenticate",
    "staff_create",
    "staff_required",
    "totp_demo_code",
    "totp_demo_confirm",
    "totp_enrollment_begin",
    "totp_provisioning_uri",
    "totp_verify",
    "user_by_username",
    "user_has_role",
    "user_roles",
]

# --- unified identity: real-name levels and OIDC clients (issue 6) --------------------------
from govhall.accounts.constants import OidcAudience, RealNameLevel, RealNameMethod  # noqa: E402
from govhall.accounts.oidc.selectors import ClientInfo, oidc_client_get, oidc_client_list  # noqa: E402
from govhall.accounts.oidc.services import (  # noqa: E402
    IssuedClient,
    oidc_client_create,
    oidc_client_delete,
    oidc_client_rotate_secret,
)
from govhall.accounts.realname.selectors import (  # noqa: E402
    RealNameInfo,
    realname_info,
    realname_level,
    realname_level_label,
    realname_verifications,
)
from govhall.accounts.realname.services import (  # noqa: E402
    realname_demo_level,
    realname_record_in_person,
    realname_register,
    realname_verify,
)

__all__ += [
    "ClientInfo",
    "IssuedClient",
    "OidcAudience",
    "RealNameInfo",
    "RealNameLevel",
    "RealNameMethod",
    "oidc_client_create",
    "oidc_client_delete",
    "oidc_client_get",
    "oidc_client_list",
    "oidc_client_rotate_secret",
    "realname_demo_level",
    "realname_info",
    "realname_level",
    "realname_level_label",
    "realname_record_in_person",
    "realname_register",
    "realname_verifications",
    "realname_verify",
]
