from django.urls import path
from django.views.generic import TemplateView

from intranet.feeds import following, views

app_name = "feeds"

urlpatterns = [
    path("posts/", views.post_create, name="post_create"),
    path("suggest/", views.suggest, name="suggest"),
    path("shortcuts/", TemplateView.as_view(template_name="feeds/shortcuts.html"),
         name="shortcuts"),
    path("posts/<int:post_id>/", views.post_detail, name="post"),
    path("posts/<int:post_id>/card/", views.post_card, name="post_card"),
    path("posts/<int:post_id>/comments/", views.comment_create, name="comment_create"),
    path("posts/<int:post_id>/react/", views.react, name="react"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:post_id>/best-answer/", views.best_answer, name="best_answer"),
    path("posts/<int:post_id>/follow/", following.thread_follow, name="thread_follow"),
    path("posts/<int:post_id>/<str:what>/", views.post_toggle, name="post_toggle"),
    path("comments/<int:comment_id>/card/", views.comment_card, name="comment_card"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", views.comment_delete, name="comment_delete"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("topics/<slug:slug>/follow/", following.topic_follow, name="topic_follow"),
    path("people/<str:username>/follow/", following.person_follow, name="person_follow"),
    path("people/<str:username>/block/", following.person_follow, {"block": True},
         name="person_block"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/panel/", views.notifications_panel, name="notifications_panel"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/settings/", views.notification_settings,
         name="notification_settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mute/", views.mute, {"target": "everything"}, name="mute"),
    path("groups/<slug:key>/mute/", views.mute, {"target": "group"}, name="mute_group"),
    path("posts/<int:key>/mute/", views.mute, {"target": "post"}, name="mute_post"),
]
