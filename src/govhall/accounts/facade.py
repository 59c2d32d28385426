"""The public face of accounts for other apps: import from here, never from models/services."""

from __future__ import annotations

from govhall.accounts.constants import SEPARATED_ADMIN_ROLES, OrganizationType, Role, UserKind
from govhall.accounts.identity import (
    ActingIdentity,
    acting_authorize,
    acting_options,
    current_identity,
    identity_switch,
    mandate_for_acting,
)
from govhall.accounts.mandates import (
    mandate_code_resend,
    mandate_confirm_sms,
    mandate_get_for_agent,
    mandate_get_for_principal,
    mandate_record_in_person,
    mandate_request,
    mandate_revoke,
    mandates_for_agent,
    mandates_for_principal,
)
from govhall.accounts.organizations import (
    handler_grant,
    handler_revoke,
    handlers_for_organization,
    organization_get_for_representative,
    organizations_handled,
    organizations_led,
)
from govhall.accounts.permissions import citizen_required, public, staff_required
from govhall.accounts.reveal import person_personal_data
from govhall.accounts.selectors import (
    department_by_credit_code,
    department_list,
    is_system_admin,
    organization_by_credit_code,
    organization_get,
    organizations_represented,
    person_age,
    person_by_id_number,
    person_for_user,
    person_get,
    region_children,
    region_count,
    region_path,
    role_pairs,
    roles_memoized,
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
from govhall.accounts.sessions import (
    is_security_admin,
    session_end,
    session_is_current,
    sessions_active,
    staff_sessions_end,
    staff_with_sessions,
)

SESSION_BACKEND = "govhall.accounts.backends.GovhallBackend"

__all__ = [
    "SEPARATED_ADMIN_ROLES",
    "SESSION_BACKEND",
    "ActingIdentity",
    "OrganizationType",
    "Role",
    "UserKind",
    "acting_authorize",
    "acting_options",
    "citizen_authenticate",
    "citizen_register",
    "citizen_required",
    "current_identity",
    "department_by_credit_code",
    "department_create",
    "department_list",
    "handler_grant",
    "handler_revoke",
    "handlers_for_organization",
    "identity_switch",
    "is_security_admin",
    "is_system_admin",
    "login_record",
    "mandate_code_resend",
    "mandate_confirm_sms",
    "mandate_for_acting",
    "mandate_get_for_agent",
    "mandate_get_for_principal",
    "mandate_record_in_person",
    "mandate_request",
    "mandate_revoke",
    "mandates_for_agent",
    "mandates_for_principal",
    "organization_by_credit_code",
    "organization_create",
    "organization_get",
    "organization_get_for_representative",
    "organizations_handled",
    "organizations_led",
    "organizations_represented",
    "person_age",
    "person_by_id_number",
    "person_create",
    "person_for_user",
    "person_get",
    "person_personal_data",
    "public",
    "region_children",
    "region_count",
    "region_import",
    "region_load_bundled",
    "region_path",
    "region_require",
    "role_grant",
    "role_pairs",
    "role_revoke",
    "roles_memoized",
    "session_end",
    "session_is_current",
    "sessions_active",
    "staff_authenticate",
    "staff_create",
    "staff_required",
    "staff_sessions_end",
    "staff_with_sessions",
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
    realname_citizen_get,
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
    "realname_citizen_get",
    "realname_demo_level",
    "realname_info",
    "realname_level",
    "realname_level_label",
    "realname_record_in_person",
    "realname_register",
    "realname_verifications",
    "realname_verify",
]

# --- extra reads with the session (accounts.hooks.session_reads) ------------------------------
from govhall.accounts.hooks import session_read_register  # noqa: E402
from govhall.accounts.session_store import NOT_LOADED as SESSION_EXTRA_NOT_LOADED  # noqa: E402
from govhall.accounts.session_store import session_extra  # noqa: E402

__all__ += ["SESSION_EXTRA_NOT_LOADED", "session_extra", "session_read_register"]
