"""How the API's bearer tokens appear in the OpenAPI description."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "intranet.accounts.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {"type": "http", "scheme": "bearer",
                "description": "A token from POST /api/v1/auth/token/, sent as "
                               "`Authorization: Bearer <token>`."}
