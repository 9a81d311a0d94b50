"""Single sign-on through the company's OpenID Connect provider (mozilla-django-oidc).

`config` reads the settings and the provider's discovery document, `backend` turns what
the provider says into a person, `views` are the start and the callback addresses.
"""
