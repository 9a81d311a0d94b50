from django.contrib.auth import views as auth_views
from django.urls import path

from intranet.accounts import two_factor_views, views
from intranet.accounts.sso import views as sso_views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("sso/", sso_views.SignOnStartView.as_view(), name="sso_start"),
    path("sso/callback/", sso_views.SignOnCallbackView.as_view(), name="sso_callback"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("settings/tokens/", views.token_create, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("two-factor/", two_factor_views.two_factor_page, name="two_factor"),
    path("two-factor/recovery-codes/", two_factor_views.recovery_codes,
         name="recovery_codes"),
    path("two-factor/off/", two_factor_views.two_factor_off, name="two_factor_off"),
]
