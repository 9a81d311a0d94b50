from django.urls import path

from intranet.announcements import api

urlpatterns = [
    path("announcements/", api.AnnouncementListView.as_view(), name="api-announcements"),
    path("announcements/<int:pk>/", api.AnnouncementView.as_view(), name="api-announcement"),
    path("announcements/<int:pk>/acknowledge/", api.AcknowledgeView.as_view(),
         name="api-announcement-acknowledge"),
    path("announcements/<int:pk>/seen/", api.SeenView.as_view(),
         name="api-announcement-seen"),
    path("announcements/<int:pk>/stats/", api.StatsView.as_view(),
         name="api-announcement-stats"),
    path("announcements/<int:pk>/comments/", api.CommentsView.as_view(),
         name="api-announcement-comments"),
    path("announcements/<int:pk>/comments/<int:comment_id>/", api.CommentView.as_view(),
         name="api-announcement-comment"),
    path("announcements/<int:pk>/reactions/", api.ReactionsView.as_view(),
         name="api-announcement-reactions"),
]
