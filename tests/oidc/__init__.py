"""The test OpenID provider (oidc-provider under Node) for the single sign-on tests."""
