from django.urls import path

from intranet.feeds import views

app_name = "feeds"

urlpatterns = [
    path("posts/", views.post_create, name="post_create"),
    path("posts/<int:post_id>/", views.post_detail, name="post"),
    path("posts/<int:post_id>/card/", views.post_card, name="post_card"),
    path("posts/<int:post_id>/comments/", views.comment_create, name="comment_create"),
    path("posts/<int:post_id>/react/", views.react, name="react"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/delete/", views.post_delete, name="post_delete"),
    path("posts/<int:post_id>/best-answer/", views.best_answer, name="best_answer"),
    path("posts/<int:post_id>/<str:what>/", views.post_toggle, name="post_toggle"),
    path("comments/<int:comment_id>/card/", views.comment_card, name="comment_card"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", views.comment_delete, name="comment_delete"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("topics/<slug:slug>/follow/", views.topic_follow, name="topic_follow"),
    path("people/<str:username>/follow/", views.person_follow, name="person_follow"),
    path("people/<str:username>/block/", views.person_follow, {"block": True},
         name="person_block"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/settings/", views.notification_settings,
         name="notification_settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mute/", views.mute, {"target": "everything"}, name="mute"),
    path("groups/<slug:key>/mute/", views.mute, {"target": "group"}, name="mute_group"),
    path("posts/<int:key>/mute/", views.mute, {"target": "post"}, name="mute_post"),
]
